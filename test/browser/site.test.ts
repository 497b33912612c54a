/**
 * The example site as a reader sees it: built with the real CLI, served over HTTP, opened in
 * headless Chromium. Pages are discovered from the home page's links, so new posts are
 * covered without touching this file. Screenshots (light, dark, phone) go to
 * `test-output/screenshots/` for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { repoRoot } from '../helpers.js';
import { launchChromium } from './chromium.js';
import { contrast, parseColour } from './colour.js';
import { probeCharts, probeColours, probeFragmentLinks, probeGraphs, probeKatex, probeOverflow, probeTargetInView, probeTextInViewBox } from './probes.js';
import { serveFolder, type StaticServer } from './static-server.js';

/** Slack in SVG user units (≈ px) for "inside" and "overlaps": anti-aliasing, not layout. */
const TOLERANCE = 1;
/** WCAG AA for body text. */
const MIN_CONTRAST = 4.5;
const SCREENSHOTS = join(repoRoot, 'test-output', 'screenshots');
const SITE = join(repoRoot, 'example-site');

/** What one visit of a page found, gathered once while crawling the site. */
interface Visit {
  /** Path on the server, `/` for the home page, `/rnn_intro/` for a post. */
  path: string;
  isPost: boolean;
  consoleErrors: string[];
  failedRequests: string[];
  /** External requests that were blocked (the seed's remote images): expected, not counted. */
  blocked: string[];
  katex: Awaited<ReturnType<typeof probeKatex>>;
  graphs: ReturnType<typeof probeGraphs>;
  charts: ReturnType<typeof probeCharts>;
  textCut: string[];
  fragments: ReturnType<typeof probeFragmentLinks>;
  /** Every element id on the page, for links from other pages. */
  ids: string[];
  /** Links to other pages of the site with a fragment (`rnn_intro/#rnnbptt`), as [path, id]. */
  crossPageFragments: [string, string][];
}

let browser: Browser;
let server: StaticServer;
let output: string;
const visits = new Map<string, Visit>();

const contextOptions: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, colorScheme: 'light' };

/** A browser context that lets only requests to our server through, and lists the others. */
async function openContext(options: BrowserContextOptions, blocked: string[] = []): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return context;
}

/** `/rnn_intro/index.html` and `/rnn_intro/` are one page. */
function pageKey(url: URL): string {
  return url.pathname.replace(/index\.html$/, '');
}

/** `test-output/screenshots/<name>-<variant>.png`, name from the path (`/tags/guide/` → `tags-guide`). */
function screenshotPath(path: string, variant: string): string {
  const name = path.replace(/^\/|\/$/g, '').replace(/[^\p{L}\p{N}_.-]+/gu, '-') || 'index';
  return join(SCREENSHOTS, `${name}-${variant}.png`);
}

/** Load one page, run every probe on it, and return the site links it holds. */
async function visit(context: BrowserContext, path: string, blocked: string[]): Promise<string[]> {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const local = (url: string) => url.startsWith(`${server.origin}/`);
  page.on('console', (message) => {
    // A blocked remote image logs "Failed to load resource" against its own URL: expected offline.
    if (message.type() === 'error' && local(message.location().url || server.origin + '/')) consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (local(request.url())) failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response) => {
    if (local(response.url()) && response.status() >= 400) failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  const blockedBefore = blocked.length;
  const response = await page.goto(server.origin + path, { waitUntil: 'load' });
  if (!response || response.status() !== 200) failedRequests.push(`${path}: HTTP ${response?.status() ?? 'no response'}`);
  const katex = await page.evaluate(probeKatex);
  const graphs = await page.evaluate(probeGraphs, TOLERANCE);
  const charts = await page.evaluate(probeCharts, TOLERANCE);
  const textCut = await page.evaluate(probeTextInViewBox, { selector: 'figure.mlpost-graph svg, .mlpost-diagram svg, figure.mlpost-cell svg[role=img]', tolerance: TOLERANCE });
  const fragments = await page.evaluate(probeFragmentLinks);
  const ids = await page.$$eval('[id]', (elements) => elements.map((element) => element.id));
  const isPost = (await page.locator('article.mlpost-post').count()) > 0;
  const hrefs = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
  await page.close();
  const crossPageFragments: [string, string][] = [];
  const links: string[] = [];
  for (const href of hrefs) {
    const url = new URL(href);
    if (url.origin !== server.origin) continue;
    const key = pageKey(url);
    links.push(key);
    if (url.hash && key !== path) crossPageFragments.push([key, decodeURIComponent(url.hash.slice(1))]);
  }
  visits.set(path, {
    path,
    isPost,
    consoleErrors,
    failedRequests,
    blocked: blocked.slice(blockedBefore),
    katex,
    graphs,
    charts,
    textCut,
    fragments,
    ids,
    crossPageFragments,
  });
  return links;
}

/** Every page reachable from the home page by links inside the site. */
async function crawl(): Promise<void> {
  const blocked: string[] = [];
  const context = await openContext(contextOptions, blocked);
  const queue = ['/'];
  const seen = new Set(queue);
  while (queue.length > 0 && seen.size <= 200) {
    const path = queue.shift()!;
    for (const link of await visit(context, path, blocked)) {
      if (seen.has(link) || !/(\/|\.html)$/.test(link)) continue;
      seen.add(link);
      queue.push(link);
    }
  }
  await context.close();
}

/** Open `path` in a fresh page of `context`, fonts loaded. */
async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.origin + path, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

/** Problems across all pages, each prefixed with the page's path. */
function acrossPages(pick: (visit: Visit) => readonly string[]): string[] {
  return [...visits.values()].flatMap((visit) => pick(visit).map((problem) => `${visit.path}: ${problem}`));
}

/** The hmm/rnn fences in the site's posts: each must become a cell figure. */
function cellFencesInPosts(): number {
  const posts = join(SITE, 'posts');
  const fence = /^ {0,3}(`{3,}|~{3,})\s*(?:hmm|rnn|\{[^}\n]*\.(?:hmm|rnn)\b[^}\n]*\})\s*$/gm;
  return readdirSync(posts)
    .filter((name) => name.endsWith('.md'))
    .reduce((count, name) => count + [...readFileSync(join(posts, name), 'utf8').matchAll(fence)].length, 0);
}

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  output = mkdtempSync(join(tmpdir(), 'mlpost-browser-'));
  const build = spawnSync(process.execPath, [join(repoRoot, 'bin', 'mlpost.js'), 'build', 'example-site', '-o', output], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  if (build.status !== 0) throw new Error(`mlpost build example-site failed (exit ${build.status}):\n${build.stderr}`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await serveFolder(output);
  browser = await launchChromium();
  await crawl();
}, 120_000);

afterAll(async () => {
  // What every probe saw, for a person reading a failure (or checking that probes saw anything).
  if (visits.size > 0) writeFileSync(join(repoRoot, 'test-output', 'browser-visits.json'), `${JSON.stringify([...visits.values()], null, 2)}\n`);
  await browser?.close();
  await server?.close();
  if (output) rmSync(output, { recursive: true, force: true });
});

describe('the built example site in Chromium', () => {
  it('discovers the home page, every post and the tag pages from the home page', () => {
    const paths = [...visits.keys()];
    expect(paths[0]).toBe('/');
    const posts = [...visits.values()].filter((visit) => visit.isPost);
    expect(posts.length).toBeGreaterThan(0);
    expect(paths.some((path) => path.startsWith('/tags/'))).toBe(true);
    const postSources = readdirSync(join(SITE, 'posts')).filter((name) => name.endsWith('.md'));
    expect(posts.length).toBe(postSources.length);
  });

  it('loads every page without console errors or failed local requests', () => {
    expect(acrossPages((visit) => visit.consoleErrors)).toEqual([]);
    expect(acrossPages((visit) => visit.failedRequests)).toEqual([]);
    // Only remote hosts were blocked: every local stylesheet, font and image went through.
    expect(acrossPages((visit) => visit.blocked.filter((url) => url.startsWith(server.origin)))).toEqual([]);
  });

  it('lays out every KaTeX formula in the KaTeX fonts', () => {
    expect(acrossPages((visit) => visit.katex.problems)).toEqual([]);
    const formulas = [...visits.values()].reduce((sum, visit) => sum + visit.katex.formulas, 0);
    expect(formulas).toBeGreaterThan(0);
  });

  it('draws every graph visibly, labels inside their shapes, edge labels apart', () => {
    expect(acrossPages((visit) => visit.graphs.problems)).toEqual([]);
    const posts = [...visits.values()].filter((visit) => visit.isPost);
    expect(posts.reduce((sum, visit) => sum + visit.graphs.nodes, 0)).toBeGreaterThan(0);
    expect(posts.reduce((sum, visit) => sum + visit.graphs.edgeLabels, 0)).toBeGreaterThan(0);
  });

  it('keeps the text of graphs and charts inside their SVG', () => {
    expect(acrossPages((visit) => visit.textCut)).toEqual([]);
  });

  it('renders every hmm/rnn cell; each chart has a size, a <title> and its data table', () => {
    const posts = [...visits.values()].filter((visit) => visit.isPost);
    expect(posts.reduce((sum, visit) => sum + visit.charts.cells, 0)).toBe(cellFencesInPosts());
    expect(acrossPages((visit) => visit.charts.problems)).toEqual([]);
    if (cellFencesInPosts() > 0) expect(posts.reduce((sum, visit) => sum + visit.charts.charts, 0)).toBeGreaterThan(0);
  });

  it('resolves every fragment link, on the page and across pages', () => {
    expect(acrossPages((visit) => visit.fragments.filter((link) => !link.found).map((link) => `${link.href} names no element`))).toEqual([]);
    const missing = acrossPages((visit) =>
      visit.crossPageFragments
        .filter(([path, id]) => !visits.get(path)?.ids.includes(id))
        .map(([path, id]) => `link to ${path}#${id}: no such page or id`),
    );
    expect(missing).toEqual([]);
  });

  it('scrolls each TOC heading into view when its link is clicked', async () => {
    const context = await openContext(contextOptions);
    const problems: string[] = [];
    let clicked = 0;
    for (const visit of visits.values()) {
      const targets = visit.fragments.filter((link) => link.found);
      if (targets.length === 0) continue;
      const page = await open(context, visit.path);
      const anchors = page.locator('a[href^="#"]');
      for (let index = 0; index < targets.length; index += 1) {
        const { href, id } = targets[index];
        await page.evaluate(() => window.scrollTo(0, 0));
        await anchors.nth(index).click();
        await page.waitForFunction((hash) => location.hash === hash, href);
        const where = await page.evaluate(probeTargetInView, id);
        clicked += 1;
        const atBottom = where.scrollY >= where.maxScroll - 1;
        // Scrolled so that the target is at the top, or as far as the page goes with the target on screen.
        const inView = Math.abs(where.top) <= 2 || (atBottom && where.top >= -2 && where.top < where.viewport);
        if (!inView) problems.push(`${visit.path}: clicking ${href} left #${id} at top=${where.top.toFixed(0)}px (scrollY ${where.scrollY}, max ${where.maxScroll})`);
      }
      await page.close();
    }
    await context.close();
    expect(problems).toEqual([]);
    expect(clicked).toBeGreaterThan(0);
  });

  it('reads well in light and dark: colours change, contrast ≥ 4.5, graphs draw in the text colour', async () => {
    const light = await openContext({ ...contextOptions, colorScheme: 'light' });
    const dark = await openContext({ ...contextOptions, colorScheme: 'dark' });
    const problems: string[] = [];
    for (const path of visits.keys()) {
      const seen: Record<'light' | 'dark', ReturnType<typeof probeColours>> = {} as Record<'light' | 'dark', ReturnType<typeof probeColours>>;
      for (const [scheme, context] of [['light', light], ['dark', dark]] as const) {
        const page = await open(context, path);
        const colours = await page.evaluate(probeColours);
        seen[scheme] = colours;
        await page.screenshot({ path: screenshotPath(path, scheme), fullPage: true });
        await page.close();
        const background = parseColour(colours.background);
        const body = contrast(parseColour(colours.text), background);
        if (body < MIN_CONTRAST) problems.push(`${path} (${scheme}): body text ${colours.text} on ${colours.background} has contrast ${body.toFixed(2)}`);
        for (const sample of colours.samples) {
          const ratio = contrast(parseColour(sample.colour), background);
          if (ratio < MIN_CONTRAST) problems.push(`${path} (${scheme}): ${sample.what} ${sample.colour} on ${colours.background} has contrast ${ratio.toFixed(2)}`);
        }
        for (const stroke of colours.strokes) {
          if (stroke.stroke !== stroke.expected || stroke.expected !== colours.text) {
            problems.push(`${path} (${scheme}): ${stroke.what} is ${stroke.stroke}, expected the text colour ${colours.text}`);
          }
        }
      }
      if (seen.light.background === seen.dark.background) problems.push(`${path}: the background is ${seen.light.background} in both schemes`);
      if (seen.light.text === seen.dark.text) problems.push(`${path}: the text colour is ${seen.light.text} in both schemes`);
    }
    await light.close();
    await dark.close();
    expect(problems).toEqual([]);
  });

  it('fits a phone screen: no sideways scrolling of the page', async () => {
    const phone = await openContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, colorScheme: 'light' });
    const problems: string[] = [];
    for (const path of visits.keys()) {
      const page = await open(phone, path);
      const { overflow, culprits } = await page.evaluate(probeOverflow);
      await page.screenshot({ path: screenshotPath(path, 'phone'), fullPage: true });
      await page.close();
      if (overflow > 0) problems.push(`${path}: ${overflow}px wider than the screen; ${culprits.join('; ')}`);
    }
    await phone.close();
    expect(problems).toEqual([]);
  });
});
