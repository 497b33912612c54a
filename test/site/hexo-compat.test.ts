/**
 * A Hexo blog folder keeps its URLs: for the same folder and config, every post's URL, every
 * tag's and category's page, and every list page with its pages 2, 3 … (home, archives, tags,
 * categories) is the one Hexo 8 itself gives (Hexo and its generators run on the fixture in
 * a child process), for several `permalink` rules, with drafts, and with the settings that
 * move list pages (`tag_dir`, `archive_dir`, `category_dir`, `pagination_dir`, `tag_map`,
 * `category_map`, `filename_case`, each generator's `per_page`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBuild } from '../../src/site/build-context.js';
import { listSpecs } from '../../src/site/lists.js';
import { planSite } from '../../src/site/plan.js';
import type { PageFrame } from '../../src/site/theme/pages.js';
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
  const tags = new Set(plan.posts.filter((post) => !post.draft).flatMap((post) => post.info.tags.map((name) => tagPath(name, context.config))));
  const categories = new Set(plan.posts.filter((post) => !post.draft).flatMap((post) => categoryNodes(post.info.categories, context.config).map((node) => node.path)));
  // Every list page (not mlpost's own pages of all tags, all categories, and 404.html).
  const summaries = plan.posts.map((post) => ({ path: post.path, title: post.info.title, date: post.info.date, tags: post.info.tags, categories: post.info.categories, excerptHtml: undefined, leadHtml: undefined, draft: post.draft, lang: post.info.lang }));
  const lists = listSpecs({ config: context.config } as PageFrame, summaries)
    .filter((spec) => !['tags.njk', 'categories.njk', '404.njk'].includes(spec.template))
    .map((spec) => spec.file);
  const pages = [...plan.posts, ...plan.pages].map((post) => post.file);
  return { byPost, tags: [...tags].sort(), categories: [...categories].sort(), notices: plan.notices, config: context.configNotices, lists: lists.sort(), pages };
}

/** Hexo's list pages: every HTML route that is not a post's or a page's. */
function hexoLists(hexo: ReturnType<typeof hexoReading>, pages: readonly string[]): string[] {
  const own = new Set(pages.map((page) => decodeURI(page)));
  return hexo.routes.filter((route) => !own.has(route)).sort();
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

describe('list pages equal Hexo 8\'s for the same folder and settings', () => {
  const settings: Array<[string, Record<string, string>]> = [
    ['the fixture\'s own config', {}],
    ['list folders, maps, case and per-generator pages moved', {
      tag_dir: 'topics',
      archive_dir: 'past/',
      category_dir: 'cats',
      pagination_dir: 'p',
      tag_map: '{ml: machine-learning, 中文: zh}',
      category_map: '{Machine Learning: ml, 笔记: notes, State space: ssm}',
      filename_case: '1',
      per_page: '4',
      index_generator: '{per_page: 6, pagination_dir: older}',
      archive_generator: '{per_page: 7, daily: true}',
      tag_generator: '{per_page: 2}',
      category_generator: '{per_page: 3}',
      permalink: ':category/:title/',
    }],
    ['categories at the root, no archives by month, one page each', { category_dir: '/', archive_generator: '{monthly: false}', per_page: '0' }],
  ];
  for (const [name, config] of settings) {
    it(name, async () => {
      const site = copyHexoBlog(config);
      sites.push(site);
      const hexo = hexoReading(site);
      const ours = await mlpostReading(site, false);
      expect(ours.byPost).toEqual(Object.fromEntries(hexo.posts.filter((post) => post.published).map((post) => [post.source, post.path.replace(/^\//, '')])));
      // Hexo's paths as its router writes them (`category_dir: /` gives `/Notes/`); two names mapped
      // to one slug (`Notes` lower-cased, `笔记` mapped to `notes`) are one page in both.
      const written = (paths: readonly string[]) => [...new Set(paths.map((path) => path.replace(/^\/+/, '')))].sort();
      expect(ours.tags).toEqual(written(hexo.tags));
      expect(ours.categories).toEqual(written(hexo.categories));
      expect(ours.lists).toEqual(hexoLists(hexo, ours.pages));
      // Every key is read: none is listed as not used.
      expect(ours.config.map((notice) => notice.text).join('\n')).not.toMatch(/tag_dir|archive_dir|category_dir|pagination_dir|_map|filename_case|_generator/);
    }, 30_000);
  }

  it('the archive lists an undated post, as Hexo does, so it has Hexo\'s number of pages', async () => {
    const site = copyHexoBlog({ per_page: '2' });
    sites.push(site);
    writeFileSync(join(site, 'source/_posts/undated.md'), '---\ntitle: Undated\ntags: [ml]\n---\n\nNo date.\n');
    const hexo = hexoReading(site);
    const ours = await mlpostReading(site, false);
    const archivePages = (lists: readonly string[]) => lists.filter((path) => /^archives\/(page\/\d+\/)?index\.html$/.test(path));
    expect(archivePages(ours.lists)).toEqual(archivePages(hexoLists(hexo, ours.pages)));
    expect(archivePages(ours.lists)).toHaveLength(13);
    // Hexo files it under the file's creation time (changed by every fresh clone): mlpost under "Undated".
    const dated = (lists: readonly string[]) => lists.filter((path) => Number(/^archives\/(\d{4})\//.exec(path)?.[1] ?? 0) < new Date().getUTCFullYear());
    expect(dated(ours.lists)).toEqual(dated(hexoLists(hexo, ours.pages)));
  }, 30_000);
});
