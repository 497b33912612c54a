/**
 * A Hexo blog folder keeps its URLs: for the same folder and config, every post's URL, and
 * every tag's and category's page, is the one Hexo 8 itself gives (Hexo run on the fixture
 * in a child process), for several `permalink` rules and with drafts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { openBuild } from '../../src/site/build-context.js';
import { planSite } from '../../src/site/plan.js';
import { readSources } from '../../src/site/scan.js';
import { categoryNodes, tagPath } from '../../src/site/taxonomy.js';
import { copyHexoBlog, hexoReading } from './hexo-blog.js';

const sites: string[] = [];
afterAll(() => {
  for (const site of sites) rmSync(site, { recursive: true, force: true });
});

/** mlpost's plan of `site`: post URL by source (relative to `source/`), tag and category pages. */
async function mlpostReading(site: string, drafts: boolean) {
  const context = await openBuild(site, { drafts });
  const { posts, problems } = readSources(context);
  expect(problems).toEqual([]);
  const plan = planSite(context, posts);
  const byPost = Object.fromEntries(plan.posts.map((post) => [post.rel.replace(/^source\//, ''), post.path]));
  const tags = new Set(plan.posts.filter((post) => !post.draft).flatMap((post) => post.info.tags.map(tagPath)));
  const categories = new Set(plan.posts.filter((post) => !post.draft).flatMap((post) => categoryNodes(post.info.categories).map((node) => node.path)));
  return { byPost, tags: [...tags].sort(), categories: [...categories].sort(), notices: plan.notices };
}

describe('post URLs equal Hexo 8\'s for the same folder', () => {
  const rules = [':year/:month/:day/:title/', ':year/:i_month/:i_day/:name.html', ':category/:post_title/', ':hash/', 'posts/:title', ':year/:title-:second:minute.html'];
  for (const rule of rules) {
    it(`permalink: ${rule}`, async () => {
      const site = copyHexoBlog({ permalink: JSON.stringify(rule) });
      sites.push(site);
      const hexo = hexoReading(site);
      const ours = await mlpostReading(site, false);
      const theirs = Object.fromEntries(hexo.posts.filter((post) => post.published).map((post) => [post.source, post.path.replace(/^\//, '')]));
      expect(ours.byPost).toEqual(theirs);
      expect(Object.keys(ours.byPost)).toHaveLength(25);
    }, 30_000);
  }

  it('with drafts (a `published: false` post and an undated draft in _drafts/)', async () => {
    const site = copyHexoBlog();
    sites.push(site);
    const hexo = hexoReading(site, true);
    const ours = await mlpostReading(site, true);
    const theirs = Object.fromEntries(hexo.posts.map((post) => [post.source, post.path.replace(/^\//, '')]));
    expect(ours.byPost).toEqual(theirs);
    expect(Object.keys(theirs).sort()).toEqual(expect.arrayContaining(['_drafts/half-written.md', '_posts/not-yet.md']));
    // The undated draft's URL uses the file's creation time, as Hexo's does, with a warning.
    expect(ours.notices.map((notice) => notice.text)).toEqual([expect.stringMatching(/half-written\.md:1:1: warning: no `date:` .*\[post-no-date\]$/)]);
  }, 30_000);

  it('tag and category pages (nested categories as Hexo nests them)', async () => {
    const site = copyHexoBlog();
    sites.push(site);
    const hexo = hexoReading(site);
    const ours = await mlpostReading(site, false);
    expect(ours.tags).toEqual([...hexo.tags].sort());
    expect(ours.categories).toEqual([...hexo.categories].sort());
    expect(ours.categories).toEqual(expect.arrayContaining(['categories/Machine-Learning/', 'categories/Machine-Learning/State-space/', 'categories/笔记/']));
  }, 30_000);
});
