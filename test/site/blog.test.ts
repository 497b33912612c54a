/**
 * A Hexo blog folder (`fixtures/site/hexo-blog/`: its `_config.yml`, 25 posts with post
 * asset folders, `source/images`, a draft, a `published: false` post, nested categories, a
 * page) built as is: feeds that a feed parser reads, a sitemap listing every published post
 * at Hexo's own URLs, static files and post files copied, drafts left out, lists paginated,
 * every local link naming a file of the output, and a second build that changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Parser from 'rss-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildSite, type BuildResult } from '../../src/site/build.js';
import { closeEngines } from '../../src/engines/index.js';
import { copyHexoBlog, hexoReading, type HexoReading } from './hexo-blog.js';

const SITE_URL = 'https://blog.example.org/notes';
let site: string;
let output: string;
let result: BuildResult;
let hexo: HexoReading;

/** Every file of the output, relative, with `/`. */
function outputFiles(): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(output, path).split(sep).join('/'));
    }
  };
  walk(output);
  return files.sort();
}
const read = (path: string) => readFileSync(join(output, path), 'utf8');

beforeAll(async () => {
  site = copyHexoBlog();
  hexo = hexoReading(site);
  result = await buildSite(site, { workers: 0 });
  output = result.output;
}, 120_000);

afterAll(async () => {
  rmSync(site, { recursive: true, force: true });
  await closeEngines();
});

describe('a Hexo blog folder, built as is', () => {
  it('reads _config.yml: no errors, no warnings, one note listing the Hexo settings it does not use', () => {
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ posts: 26, errors: 0, warnings: 0 });
    expect(result.notices.map((notice) => notice.severity)).toEqual(['info']);
    expect(result.notices[0]!.text).toMatch(/_config\.yml:1:1: info: Hexo settings mlpost does not use: keywords, permalink_defaults, .*theme, deploy \[config-hexo-ignored\]$/);
  });

  it('writes each published post at Hexo\'s own URL, and leaves out the draft and the unpublished post', () => {
    const published = hexo.posts.filter((post) => post.published).map((post) => `${decodeURI(post.path.replace(/^\//, ''))}index.html`);
    expect(published).toHaveLength(25);
    const files = outputFiles();
    for (const page of published) expect(files, page).toContain(page);
    expect(files.some((file) => /half-written|not-yet/.test(file))).toBe(false);
    expect(files).toContain('about/index.html');
  });

  it('copies static files (not `_` names), the post asset folder, and rebases root-absolute links', () => {
    const files = outputFiles();
    expect(files).toEqual(expect.arrayContaining(['images/logo.png', 'robots.txt', '2021/03/14/with-assets/diagram.png', '2021/03/14/with-assets/notes.txt']));
    expect(files).not.toContain('_hidden.txt');
    expect(readFileSync(join(output, 'images/logo.png'))).toEqual(readFileSync(join(site, 'source/images/logo.png')));
    const page = read('2021/03/14/with-assets/index.html');
    expect(page).toContain('<img src="diagram.png" alt="a diagram">');
    expect(page).toContain('<img src="../../../../images/logo.png" alt="logo">');
    // post_link: the site's posts, at their URLs, from this page.
    expect(page).toContain('<a href="../../../../2019/01/01/gradient-descent/index.html" title="Gradient descent">Gradient descent</a>');
    expect(page).toContain('<a href="../../../../2020/07/04/2020/nested-post/index.html" title="A post in a subfolder">the nested post</a>');
  });

  it('paginates the home page by per_page (25 posts: 3 pages) and links the pages', () => {
    const files = outputFiles();
    expect(files.filter((file) => /^(page\/\d+\/)?index\.html$/.test(file))).toEqual(['index.html', 'page/2/index.html', 'page/3/index.html']);
    const home = read('index.html');
    expect(home.match(/<li><h2>/g)).toHaveLength(10);
    expect(home).toContain('<a class="mlpost-older" href="page/2/index.html">Older posts →</a>');
    expect(read('page/3/index.html').match(/<li><h2>/g)).toHaveLength(5);
    expect(read('page/3/index.html')).toContain('<a class="mlpost-newer" href="../2/index.html">← Newer posts</a>');
  });

  it('has archives by year and month, every tag and category (nested) with its page, and 404.html', () => {
    const files = outputFiles();
    expect(files).toEqual(expect.arrayContaining(['archives/index.html', 'archives/page/3/index.html', 'archives/2019/index.html', 'archives/2019/page/2/index.html', 'archives/2021/03/index.html']));
    for (const path of [...hexo.tags, ...hexo.categories]) expect(files, path).toContain(`${decodeURI(path)}index.html`);
    const categories = read('categories/index.html');
    // State space is inside Machine Learning, as Hexo nests [Machine Learning, State space].
    expect(categories).toMatch(/<a href="Machine-Learning\/index.html">Machine Learning<\/a><span class="mlpost-count">\d+<\/span><ul class="mlpost-terms">\n(<li>.*\n)*<li><a href="Machine-Learning\/State-space\/index.html">State space<\/a>/);
    const notFound = read('404.html');
    expect(notFound).toContain('<link rel="stylesheet" href="/notes/assets/mlpost.css">');
    expect(notFound).toContain('<a href="/notes/index.html">Go to the home page</a>');
  });

  it('gives each post its description, Open Graph, canonical URL, feeds, and newer/older links', () => {
    const page = read('2019/03/07/softmax/index.html');
    expect(page).toContain('<meta name="description" content="A short note on softmax, with x_2^2 in it.">');
    expect(page).toContain('<link rel="canonical" href="https://blog.example.org/notes/2019/03/07/softmax/">');
    expect(page).toContain('<meta property="og:url" content="https://blog.example.org/notes/2019/03/07/softmax/">');
    expect(page).toContain('<meta property="og:type" content="article">');
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" title="Notes on Learning (Atom)" href="../../../../atom.xml">');
    expect(page).toContain('<a class="mlpost-newer" href="../../../04/10/cross-entropy/index.html"><span>Newer</span>Cross entropy</a>');
    expect(page).toContain('<a class="mlpost-older" href="../../../02/04/backpropagation/index.html"><span>Older</span>Backpropagation</a>');
  });

  it('follows a post\'s own `lang` (zh-CN) for its page and words', () => {
    const page = read('2020/02/02/中文文章/index.html');
    expect(page).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(page).toContain('<span>上一篇</span>');
    expect(read('index.html')).toMatch(/<html lang="en">/);
  });

  it('writes a sitemap listing the home page, every published post (at Hexo\'s URLs) and the page', () => {
    const text = read('sitemap.xml');
    expect(XMLValidator.validate(text)).toBe(true);
    const parsed = new XMLParser().parse(text) as { urlset: { url: Array<{ loc: string; lastmod?: string }> } };
    const locations = parsed.urlset.url.map((url) => decodeURI(url.loc));
    const hexoPermalinks = hexo.posts.filter((post) => post.published).map((post) => `${SITE_URL}/${post.path.replace(/^\//, '')}`);
    expect(locations.sort()).toEqual([`${SITE_URL}/`, `${SITE_URL}/about/`, ...hexoPermalinks].sort());
  });

  it('writes Atom and RSS 2.0 feeds that a feed parser reads: the 20 newest posts, absolute links', async () => {
    const parser = new Parser();
    const sitemap = new Set(new XMLParser().parse(read('sitemap.xml')).urlset.url.map((url: { loc: string }) => url.loc));
    for (const file of ['atom.xml', 'rss2.xml']) {
      const feed = await parser.parseString(read(file));
      expect(feed.title, file).toBe('Notes on Learning');
      expect(feed.items, file).toHaveLength(20);
      expect(feed.items[0]!.title).toBe('Regularisation');
      for (const item of feed.items) expect(sitemap.has(item.link), `${file}: ${item.link}`).toBe(true);
      const withAssets = feed.items.find((item) => item.title === 'A post with its own files')!;
      // The excerpt, its links absolute.
      expect(withAssets.content ?? withAssets.summary).toContain(`src="${SITE_URL}/2021/03/14/with-assets/diagram.png"`);
    }
  });

  it('builds again without writing or removing a file', async () => {
    const again = await buildSite(site, { workers: 0 });
    expect(again).toMatchObject({ unchanged: 26, rendered: 0, fromCache: 0, written: [], removed: [] });
  }, 60_000);

  it('with drafts: the draft and the unpublished post, marked as drafts', async () => {
    const drafts = await buildSite(site, { workers: 0, drafts: true, output: join(site, 'with-drafts') });
    expect(drafts.posts).toBe(28);
    const post = readFileSync(join(site, 'with-drafts', '2021/05/05/not-yet/index.html'), 'utf8');
    expect(post).toContain('<span class="mlpost-draft">Draft</span>');
  }, 60_000);

  it('feeds carry whole posts with `feed.content: true`', async () => {
    const config = join(site, '_config.yml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}feed:\n  type: atom\n  content: true\n  limit: 5\n`);
    const built = await buildSite(site, { workers: 0, output: join(site, 'full-feed') });
    expect(built.errors).toBe(0);
    const feed = await new Parser().parseString(readFileSync(join(site, 'full-feed', 'atom.xml'), 'utf8'));
    expect(feed.items).toHaveLength(5);
    expect(feed.items.find((item) => item.title === 'Regularisation')!.content).toContain('L2, L1, early stopping.');
    expect(existsSync(join(site, 'full-feed', 'rss2.xml'))).toBe(false);
  }, 60_000);
});
