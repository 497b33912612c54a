/**
 * The Hexo blog fixture as a reader meets it, in Chromium: built with the real CLI and
 * opened from disk (`file://`, as the README says), with its list pages moved by Hexo's
 * settings, then served by `mlpost serve` under its root, and with pretty URLs
 * (`pretty_urls.trailing_index: false`) over HTTP. Each time the reader clicks index → post
 * → tag → back → older posts, and every page reachable from the home page is visited: every
 * link, image and stylesheet names a file that is there. A small blog with `#`, `?` and `%`
 * in file names, a symbolically linked images folder and posts without `<!-- more -->` is
 * read by clicking too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../helpers.js';
import { copyHexoBlog } from '../site/hexo-blog.js';
import { launchChromium } from './chromium.js';

const BIN = join(repoRoot, 'bin/mlpost.js');
/** A 1×1 PNG. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
let browser: Browser;
const sites: string[] = [];
const servers: ChildProcess[] = [];

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) server.kill('SIGTERM');
  for (const site of sites) rmSync(site, { recursive: true, force: true });
});

function build(site: string): void {
  const run = spawnSync(process.execPath, [BIN, 'build', site], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (run.status !== 0) throw new Error(`mlpost build failed (${run.status}):\n${run.stderr}`);
}

/** Start `mlpost serve` on a free port; resolves to its URL. */
async function serve(site: string): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'serve', site, '--port', '0'], { env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mlpost serve printed no URL:\n${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(stdout)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
  });
}

/** What the reader sees: the page's title and kind (a folder listing has neither). */
async function seen(page: Page): Promise<{ title: string; kind: string }> {
  return page.evaluate(() => ({
    title: document.title,
    kind: document.querySelector('article.mlpost-post') ? 'post' : document.querySelector('ol.mlpost-index') ? 'list' : document.querySelector('main.mlpost-page') ? 'page' : 'other',
  }));
}

/** Click the link `selector` and wait for the next page. */
async function click(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.locator(selector).first().click()]);
}

/** index → post → tag → back → older posts → a post of page 2, as a reader clicks. */
async function readByClicking(page: Page, home: string): Promise<string[]> {
  const trail: string[] = [];
  const note = async () => {
    const { title, kind } = await seen(page);
    trail.push(`${kind}: ${title}`);
  };
  await page.goto(home);
  await note();
  await click(page, 'ol.mlpost-index h2 a');
  await note();
  await click(page, '.mlpost-post-header .mlpost-tags a');
  await note();
  await Promise.all([page.waitForEvent('load'), page.goBack()]);
  await note();
  await Promise.all([page.waitForEvent('load'), page.goBack()]);
  await click(page, '.mlpost-pagination a.mlpost-older');
  await note();
  await click(page, 'ol.mlpost-index h2 a');
  await note();
  await click(page, '.mlpost-nav a');
  await note();
  return trail;
}

/** What the reader sees along the way: the newest post, its first tag, and the first post of page 2. */
const EXPECTED_TRAIL = [
  'list: Notes on Learning',
  'post: Regularisation | Notes on Learning',
  'list: #ml | Notes on Learning',
  'post: Regularisation | Notes on Learning',
  'list: Notes on Learning',
  'post: 一篇中文文章 | Notes on Learning',
  'list: Notes on Learning',
];
/** With the drafts (`mlpost serve`): the dated one is on page 1 (the undated one last), so page 2 starts a post earlier. */
const EXPECTED_TRAIL_WITH_DRAFTS = [
  'list: Notes on Learning',
  'post: Regularisation | Notes on Learning',
  'list: #ml | Notes on Learning',
  'post: Regularisation | Notes on Learning',
  'list: Notes on Learning',
  'post: Baum-Welch | Notes on Learning',
  'list: Notes on Learning',
];

/**
 * Every page reachable from `home` by links, each visited once; returns the local links,
 * images and stylesheets that failed (`exists` checks a URL), and the pages seen.
 */
async function crawl(page: Page, home: string, exists: (url: URL) => Promise<boolean>): Promise<{ pages: string[]; missing: string[]; failed: string[] }> {
  const origin = new URL(home);
  const local = (url: URL) => url.protocol === origin.protocol && url.host === origin.host;
  const failed: string[] = [];
  // A request cut short by leaving the page (a late font, the live-reload stream of
  // `mlpost serve`) is not a failure; a missing file is ERR_FILE_NOT_FOUND or HTTP 404.
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? 'failed';
    if (error !== 'net::ERR_ABORTED') failed.push(`${request.url()}: ${error}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.url()}: HTTP ${response.status()}`);
  });
  const queue = [home];
  const visited = new Set<string>();
  const checked = new Map<string, boolean>();
  const missing: string[] = [];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (visited.has(url)) continue;
    visited.add(url);
    await page.goto(url);
    // Web fonts load after `load`: wait, so that leaving the page does not abort them.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const targets = await page.evaluate(() => [
      ...[...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
      ...[...document.querySelectorAll('img[src]')].map((img) => (img as HTMLImageElement).src),
      ...[...document.querySelectorAll('link[href]')].map((link) => (link as HTMLLinkElement).href),
    ]);
    for (const target of targets) {
      const parsed = new URL(target);
      if (!local(parsed)) continue;
      parsed.hash = '';
      const key = parsed.href;
      if (!checked.has(key)) checked.set(key, await exists(parsed));
      if (!checked.get(key)) missing.push(`${url} → ${target}`);
      else if (/(\/|\.html)$/.test(parsed.pathname) && !visited.has(key)) queue.push(key);
    }
  }
  return { pages: [...visited], missing: [...new Set(missing)], failed };
}

describe('the Hexo blog read from disk (file://)', () => {
  let output: string;
  beforeAll(() => {
    const site = copyHexoBlog();
    sites.push(site);
    build(site);
    output = join(site, 'dist');
  }, 120_000);

  it('navigates by clicking: index → post → tag → back → older posts', async () => {
    const page = await browser.newPage();
    expect(await readByClicking(page, pathToFileURL(join(output, 'index.html')).href)).toEqual(EXPECTED_TRAIL);
    await page.close();
  }, 60_000);

  it('reaches every page from the home page, and every link, image and stylesheet names a file', async () => {
    const page = await browser.newPage();
    const result = await crawl(page, pathToFileURL(join(output, 'index.html')).href, async (url) => existsSync(fileURLToPath(url)));
    await page.close();
    expect(result.missing).toEqual([]);
    expect(result.failed).toEqual([]);
    // 25 posts, the about page, 3 home pages, archives, tags and categories.
    expect(result.pages.filter((url) => /\/20\d\d\/\d\d\/\d\d\/|reading-list/.test(url))).toHaveLength(25);
    expect(result.pages.length).toBeGreaterThan(60);
  }, 120_000);
});

describe('the Hexo blog with its list pages moved (tag_dir, category_dir, pagination_dir, category_map …), from disk', () => {
  it('reaches every page from the home page at the moved paths, and every link names a file', async () => {
    const site = copyHexoBlog({ tag_dir: 'topics', category_dir: 'cats', archive_dir: 'past', pagination_dir: 'p', category_map: '{Machine Learning: ml}', filename_case: '1' });
    sites.push(site);
    build(site);
    const output = join(site, 'dist');
    const page = await browser.newPage();
    const result = await crawl(page, pathToFileURL(join(output, 'index.html')).href, async (url) => existsSync(fileURLToPath(url)));
    await page.close();
    expect(result.missing).toEqual([]);
    expect(result.failed).toEqual([]);
    const seenPaths = result.pages.map((url) => fileURLToPath(url).slice(output.length + 1).split(sep).join('/'));
    expect(seenPaths).toEqual(expect.arrayContaining(['p/2/index.html', 'past/index.html', 'past/p/2/index.html', 'topics/index.html', 'topics/ml/index.html', 'topics/ml/p/2/index.html', 'cats/index.html', 'cats/ml/state-space/index.html']));
    expect(seenPaths.filter((path) => /^(tags|categories|archives|page)\//.test(path))).toEqual([]);
  }, 120_000);
});

describe('a blog with odd file names, linked folders and posts without <!-- more -->, from disk', () => {
  it('clicks from the home page to each post (their links percent-encoded), shows the linked images, and a first paragraph with "Read more"', async () => {
    const site = mkdtempSync(join(tmpdir(), 'mlpost-odd-blog-'));
    sites.push(site);
    mkdirSync(join(site, 'posts'));
    mkdirSync(join(site, 'shared/images'), { recursive: true });
    mkdirSync(join(site, 'source'));
    writeFileSync(join(site, 'mlpost.yml'), 'title: Odd\n');
    writeFileSync(join(site, 'shared/images/dot.png'), Buffer.from(PNG_1X1, 'base64'));
    symlinkSync('../shared/images', join(site, 'source/images'));
    const entry = (title: string, date: string, body: string) => `---\ntitle: ${JSON.stringify(title)}\ndate: ${date}\n---\n\n${body}\n`;
    writeFileSync(join(site, 'posts/hash#tag.md'), entry('Hash', '2024-01-01', 'The hash post, with ![a dot](/images/dot.png).\n\nMore of it.'));
    writeFileSync(join(site, 'posts/q?mark.md'), entry('Question', '2024-01-02', 'The question post.'));
    writeFileSync(join(site, 'posts/per%cent.md'), entry('Percent', '2024-01-03', 'The percent post.'));
    build(site);
    const home = pathToFileURL(join(site, 'dist/index.html')).href;
    const page = await browser.newPage();
    for (const title of ['Hash', 'Question', 'Percent']) {
      await page.goto(home);
      // Each entry shows the post's first paragraph and a "Read more" link to it.
      const item = page.locator('ol.mlpost-index > li', { hasText: title });
      expect(await item.locator('.mlpost-excerpt p').first().textContent()).toMatch(/^The \w+ post/);
      await click(page, `ol.mlpost-index > li:has-text("${title}") a.mlpost-read-more`);
      expect(await seen(page)).toEqual({ title: `${title} | Odd`, kind: 'post' });
      expect(page.url()).toMatch(/\/index\.html$/);
    }
    await page.goto(home);
    await click(page, 'ol.mlpost-index h2 a >> text=Hash');
    expect(decodeURIComponent(new URL(page.url()).pathname)).toMatch(/\/hash#tag\/index\.html$/);
    // The image from the linked folder is there (loaded, not a broken icon).
    expect(await page.evaluate(() => (document.querySelector('article img') as HTMLImageElement).naturalWidth)).toBe(1);
    await page.close();
  }, 120_000);
});

describe('the Hexo blog over mlpost serve', () => {
  it('navigates by clicking and every link, image and stylesheet is served (drafts too)', async () => {
    const site = copyHexoBlog();
    sites.push(site);
    const url = await serve(site);
    const page = await browser.newPage();
    expect(await readByClicking(page, url)).toEqual(EXPECTED_TRAIL_WITH_DRAFTS);
    const result = await crawl(page, url, async (target) => (await fetch(target)).status === 200);
    expect(result.missing).toEqual([]);
    expect(result.failed).toEqual([]);
    // `mlpost serve` shows the drafts: 27 posts.
    expect(result.pages.filter((address) => /\/20\d\d\/\d\d\/\d\d\/|reading-list/.test(address))).toHaveLength(27);
    // Served under the site's root (`root: /notes/`), as deployed: `/` leads there, and the
    // 404 page, inside the root or outside it, has its stylesheet.
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/notes\/$/);
    const origin = new URL(url).origin;
    await page.goto(`${origin}/`);
    expect(page.url()).toBe(url);
    for (const address of [`${url}no/such/page/`, `${origin}/elsewhere/`]) {
      const response = await page.goto(address);
      expect(response?.status(), address).toBe(404);
      expect(await seen(page)).toEqual({ title: 'Page not found | Notes on Learning', kind: 'page' });
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.mlpost-nav')!).display), address).toBe('flex');
    }
    await page.close();
  }, 180_000);

  it('with pretty URLs (trailing_index: false): links end in /, and still navigate', async () => {
    const site = copyHexoBlog({ '  trailing_index': 'false' });
    sites.push(site);
    const url = await serve(site);
    const page = await browser.newPage();
    expect(await readByClicking(page, url)).toEqual(EXPECTED_TRAIL_WITH_DRAFTS);
    expect(page.url()).toBe(url);
    await page.goto(url);
    const links = await page.$$eval('ol.mlpost-index h2 a', (anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links[0]).toBe('2021/09/09/regularisation/');
    await page.close();
  }, 180_000);
});
