/**
 * Visiting a served site in Chromium: contexts that keep the test offline, one visit per page
 * that runs every probe, and a crawl from the home page along the site's own links.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { probeCharts, probeFragmentLinks, probeGraphs, probeKatex, probeTextInViewBox } from './probes.js';

/** Slack in SVG user units (≈ CSS px) for "inside" and "overlaps": anti-aliasing, not layout. */
export const TOLERANCE = 1;

/** Graphviz drawings (graph fences, cell diagrams) and cell charts. */
export const GRAPH_SVGS = 'figure.mlpost-graph svg, .mlpost-diagram svg';
export const ALL_SVGS = `${GRAPH_SVGS}, figure.mlpost-cell svg[role=img]`;

/** A browser and the origin of the server it may talk to. */
export interface Session {
  browser: Browser;
  origin: string;
}

/** What one visit of a page found. */
export interface Visit {
  /** Path on the server: `/` for the home page, `/rnn_intro/` for a post. */
  path: string;
  status: number;
  isPost: boolean;
  consoleErrors: string[];
  failedRequests: string[];
  /** External requests that were blocked (the seed's remote images): expected offline, not counted. */
  blocked: string[];
  katex: Awaited<ReturnType<typeof probeKatex>>;
  graphs: ReturnType<typeof probeGraphs>;
  charts: ReturnType<typeof probeCharts>;
  textCut: string[];
  fragments: ReturnType<typeof probeFragmentLinks>;
  /** Every element id on the page, for links from other pages. */
  ids: string[];
  /** Pages of the site this page links to (paths, no fragment). */
  links: string[];
  /** Links to other pages with a fragment (`rnn_intro/#rnnbptt`), as [path, id]. */
  crossPageFragments: [string, string][];
}

/** The desktop context every check starts from. */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, colorScheme: 'light' };

/** A context that lets only requests to our server through, and lists the others in `blocked`. */
export async function openContext(session: Session, options: BrowserContextOptions, blocked: string[] = []): Promise<BrowserContext> {
  const context = await session.browser.newContext(options);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${session.origin}/`)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return context;
}

/** Open `path` in a fresh page of `context`, web fonts loaded. */
export async function openPage(session: Session, context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(session.origin + path, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

/** `/rnn_intro/index.html` and `/rnn_intro/` are one page. */
export function pageKey(url: URL): string {
  return url.pathname.replace(/index\.html$/, '');
}

/** Load one page and run every probe on it. */
export async function visitPage(session: Session, context: BrowserContext, path: string, blocked: string[]): Promise<Visit> {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const local = (url: string) => url.startsWith(`${session.origin}/`);
  page.on('console', (message) => {
    // A blocked remote image logs "Failed to load resource" against its own URL: expected offline.
    const where = message.location().url;
    if (message.type() === 'error' && (where === '' || local(where))) consoleErrors.push(`${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (local(request.url())) failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response) => {
    if (local(response.url()) && response.status() >= 400) failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  const blockedBefore = blocked.length;
  const response = await page.goto(session.origin + path, { waitUntil: 'load' });
  const katex = await page.evaluate(probeKatex);
  const graphs = await page.evaluate(probeGraphs, TOLERANCE);
  const charts = await page.evaluate(probeCharts, TOLERANCE);
  const textCut = await page.evaluate(probeTextInViewBox, { selector: ALL_SVGS, tolerance: TOLERANCE });
  const fragments = await page.evaluate(probeFragmentLinks);
  const ids = await page.$$eval('[id]', (elements) => elements.map((element) => element.id));
  const isPost = (await page.locator('article.mlpost-post').count()) > 0;
  const hrefs = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
  await page.close();
  const links = new Set<string>();
  const crossPageFragments: [string, string][] = [];
  for (const href of hrefs) {
    const url = new URL(href);
    if (url.origin !== session.origin) continue;
    const key = pageKey(url);
    links.add(key);
    if (url.hash && key !== path) crossPageFragments.push([key, decodeURIComponent(url.hash.slice(1))]);
  }
  return {
    path,
    status: response?.status() ?? 0,
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
    links: [...links],
    crossPageFragments,
  };
}

/** Every page reachable from the home page by the site's links (pages, not assets), visited once. */
export async function crawlSite(session: Session, limit = 200): Promise<Visit[]> {
  const blocked: string[] = [];
  const context = await openContext(session, DESKTOP, blocked);
  const queue = ['/'];
  const seen = new Set(queue);
  const visits: Visit[] = [];
  while (queue.length > 0 && visits.length < limit) {
    const visit = await visitPage(session, context, queue.shift()!, blocked);
    visits.push(visit);
    if (visit.status !== 200) continue;
    for (const link of visit.links) {
      if (seen.has(link) || !/(\/|\.html)$/.test(link)) continue;
      seen.add(link);
      queue.push(link);
    }
  }
  await context.close();
  return visits;
}
