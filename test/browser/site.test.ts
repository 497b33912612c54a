/**
 * The example site as a reader sees it: built with the real CLI, served over HTTP, opened in
 * headless Chromium. Pages are discovered from the home page's links, so new posts are
 * covered without touching this file. Screenshots (light, dark, phone) go to
 * `test-output/screenshots/` for a person to look at; `test-output/browser-visits.json` holds
 * what every probe saw.
 *
 * A deliberately broken copy of a post is checked too: each probe must catch its defect, so a
 * probe that silently stops seeing anything fails here rather than passing everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { repoRoot } from '../helpers.js';
import { launchChromium } from './chromium.js';
import { colourProblems, overflowProblems, pageColours, schemeDifferenceProblems, scrollProblems } from './page-checks.js';
import { crawlSite, DESKTOP, openContext, visitPage, type Session, type Visit } from './site-visit.js';
import { serveFolder, type StaticServer } from './static-server.js';

const SCREENSHOTS = join(repoRoot, 'test-output', 'screenshots');
const SITE = join(repoRoot, 'example-site');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, colorScheme: 'light' } as const;
/** Where the broken copy of a post is served; no page links to it, so the crawl never sees it. */
const BROKEN = '/broken-on-purpose/';

let browser: Browser | undefined;
let server: StaticServer | undefined;
let session: Session;
let output = '';
let visits: Visit[] = [];
/** Pages that answered 200 (links to others are reported on their own). */
let pages: Visit[] = [];

/** `test-output/screenshots/<name>-<variant>.png`, name from the path (`/tags/guide/` → `tags-guide`). */
function screenshotPath(path: string, variant: string): string {
  const name = path.replace(/^\/|\/$/g, '').replace(/[^\p{L}\p{N}_.-]+/gu, '-') || 'index';
  return join(SCREENSHOTS, `${name}-${variant}.png`);
}

/** Problems across all pages, each prefixed with the page's path. */
function acrossPages(pick: (visit: Visit) => readonly string[]): string[] {
  return pages.flatMap((visit) => pick(visit).map((problem) => `${visit.path}: ${problem}`));
}

function sum(of: (visit: Visit) => number, from: readonly Visit[] = pages): number {
  return from.reduce((total, visit) => total + of(visit), 0);
}

/** The `hmm`/`rnn` fences in the site's posts (```` ```hmm ```` or ```` ```{.rnn …} ````): each must become a cell figure. */
function cellFencesInPosts(): number {
  const posts = join(SITE, 'posts');
  const fence = /^ {0,3}(?:`{3,}|~{3,})[ \t]*(?:(?:hmm|rnn)\b.*|\{(?:[^\n]*\s)?\.(?:hmm|rnn)(?=[\s}])[^\n]*\})[ \t]*$/gm;
  return readdirSync(posts)
    .filter((name) => name.endsWith('.md'))
    .reduce((count, name) => count + [...readFileSync(join(posts, name), 'utf8').matchAll(fence)].length, 0);
}

/**
 * The seed post with one defect per probe, made in the page by a script so that it does not
 * depend on the exact bytes of the build: no KaTeX stylesheet, a KaTeX error box, a missing
 * image, a label outside its ellipse, two edge labels on top of each other, a black graph
 * line, a viewBox that cuts text, a TOC target without its id, an untitled chart with no size, no data and overlapping labels,
 * low-contrast meta text, scroll padding that keeps headings off the top, a too-wide block.
 */
function writeBrokenPage(): void {
  const source = readFileSync(join(output, 'rnn_intro', 'index.html'), 'utf8');
  const withoutKatexCss = source.replace(/<link rel="stylesheet" href="[^"]*katex\.min\.css">/, '');
  if (withoutKatexCss === source) throw new Error('the seed page has no KaTeX stylesheet link to remove');
  const script = `<script>
document.addEventListener('DOMContentLoaded', () => {
  const svg = document.querySelector('figure.mlpost-graph svg');
  const labels = svg.querySelectorAll('g.edge text');
  labels[1].setAttribute('x', labels[0].getAttribute('x'));
  labels[1].setAttribute('y', labels[0].getAttribute('y'));
  const ellipse = svg.querySelector('g.node ellipse');
  ellipse.setAttribute('rx', '6');
  ellipse.setAttribute('ry', '6');
  svg.querySelector('g.node polygon').setAttribute('stroke', 'black');
  const view = svg.viewBox.baseVal;
  svg.setAttribute('viewBox', view.x + ' ' + view.y + ' ' + view.width / 2 + ' ' + view.height);
  document.getElementById('bptt').removeAttribute('id');
  const body = document.querySelector('.mlpost-body');
  body.insertAdjacentHTML('beforeend', '<figure class="mlpost-cell mlpost-hmm" id="fig-broken"><div class="mlpost-chart"><svg role="img" viewBox="0 0 100 50" width="0" height="0"><text x="10" y="20">ab</text><text x="12" y="20">cd</text></svg></div></figure>'
    + '<p><span class="katex-error" title="ParseError: KaTeX parse error: Undefined control sequence">\\\\bad</span></p>'
    + '<img src="missing-on-purpose.png" alt="">'
    + '<div style="width: 2000px">too wide</div>');
});
</script><style>html { scroll-padding-top: 500px } .mlpost-meta { color: var(--mlpost-bg) }</style></head>`;
  mkdirSync(join(output, BROKEN), { recursive: true });
  writeFileSync(join(output, BROKEN, 'index.html'), withoutKatexCss.replace('</head>', script));
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
  writeBrokenPage();
  // Fresh pictures only: a page that no longer exists must not leave an old screenshot behind.
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await serveFolder(output);
  browser = await launchChromium();
  session = { browser, origin: server.origin };
  visits = await crawlSite(session);
  pages = visits.filter((visit) => visit.status === 200);
}, 120_000);

afterAll(async () => {
  // What every probe saw: for a person reading a failure, or checking that the probes saw anything.
  if (visits.length > 0) writeFileSync(join(repoRoot, 'test-output', 'browser-visits.json'), `${JSON.stringify(visits, null, 2)}\n`);
  await browser?.close();
  await server?.close();
  if (output) rmSync(output, { recursive: true, force: true });
});

describe('the built example site in Chromium', () => {
  it('reaches the home page, every post and the tag pages from the home page, with no broken links', () => {
    expect(pages[0]?.path).toBe('/');
    const broken = visits.filter((visit) => visit.status !== 200);
    const linkedFrom = (path: string) => pages.filter((page) => page.links.includes(path)).map((page) => page.path);
    expect(broken.map((visit) => `${visit.path} (HTTP ${visit.status}) linked from ${linkedFrom(visit.path).join(', ')}`)).toEqual([]);
    const posts = pages.filter((visit) => visit.isPost);
    expect(posts.length).toBe(readdirSync(join(SITE, 'posts')).filter((name) => name.endsWith('.md')).length);
    expect(pages.some((visit) => visit.path.startsWith('/tags/'))).toBe(true);
  });

  it('loads every page without console errors or failed local requests', () => {
    expect(acrossPages((visit) => visit.consoleErrors)).toEqual([]);
    expect(acrossPages((visit) => visit.failedRequests)).toEqual([]);
  });

  it('lays out every KaTeX formula in the KaTeX fonts', () => {
    expect(acrossPages((visit) => visit.katex.problems)).toEqual([]);
    expect(sum((visit) => visit.katex.formulas)).toBeGreaterThan(0);
  });

  it('draws every graph visibly, labels inside their shapes, edge labels apart', () => {
    expect(acrossPages((visit) => visit.graphs.problems)).toEqual([]);
    expect(sum((visit) => visit.graphs.nodes)).toBeGreaterThan(0);
    expect(sum((visit) => visit.graphs.edgeLabels)).toBeGreaterThan(0);
  });

  it('keeps the text of graphs and charts inside their SVG', () => {
    expect(acrossPages((visit) => visit.textCut)).toEqual([]);
  });

  it('executes every hmm/rnn cell; each chart has a size, a <title> and its data table', () => {
    const fences = cellFencesInPosts();
    expect(sum((visit) => visit.charts.cells, pages.filter((visit) => visit.isPost))).toBe(fences);
    expect(acrossPages((visit) => visit.charts.problems)).toEqual([]);
    if (fences > 0) expect(sum((visit) => visit.charts.charts)).toBeGreaterThan(0);
  });

  it('resolves every fragment link, on the page and across pages', () => {
    expect(acrossPages((visit) => visit.fragments.filter((link) => !link.found).map((link) => `${link.href} names no element`))).toEqual([]);
    const byPath = new Map(pages.map((visit) => [visit.path, visit]));
    const missing = acrossPages((visit) =>
      visit.crossPageFragments.filter(([path, id]) => !byPath.get(path)?.ids.includes(id)).map(([path, id]) => `link to ${path}#${id}: no such page or id`),
    );
    expect(missing).toEqual([]);
  });

  it('scrolls each TOC heading into view when its link is clicked', async () => {
    const context = await openContext(session, DESKTOP);
    const problems: string[] = [];
    let clicked = 0;
    for (const visit of pages) {
      const result = await scrollProblems(session, context, visit);
      clicked += result.clicked;
      problems.push(...result.problems);
    }
    await context.close();
    expect(problems).toEqual([]);
    expect(clicked).toBeGreaterThan(0);
  });

  it('reads well in light and dark: colours change, contrast ≥ 4.5, graphs draw in the text colour', async () => {
    const light = await openContext(session, { ...DESKTOP, colorScheme: 'light' });
    const dark = await openContext(session, { ...DESKTOP, colorScheme: 'dark' });
    const problems: string[] = [];
    for (const { path } of pages) {
      const inLight = await pageColours(session, light, path, screenshotPath(path, 'light'));
      const inDark = await pageColours(session, dark, path, screenshotPath(path, 'dark'));
      problems.push(...colourProblems(`${path} (light)`, inLight), ...colourProblems(`${path} (dark)`, inDark), ...schemeDifferenceProblems(path, inLight, inDark));
    }
    await light.close();
    await dark.close();
    expect(problems).toEqual([]);
  });

  it('fits a phone screen: no sideways scrolling of the page', async () => {
    const phone = await openContext(session, PHONE);
    const problems: string[] = [];
    for (const { path } of pages) problems.push(...(await overflowProblems(session, phone, path, screenshotPath(path, 'phone'))));
    await phone.close();
    expect(problems).toEqual([]);
  });
});

describe('the probes catch a deliberately broken page', () => {
  it('sees every planted defect', async () => {
    const context = await openContext(session, DESKTOP);
    const visit = await visitPage(session, context, BROKEN, []);
    const { problems: scrolling } = await scrollProblems(session, context, visit);
    await context.close();
    const dark = await openContext(session, { ...DESKTOP, colorScheme: 'dark' });
    const colours = colourProblems(`${BROKEN} (dark)`, await pageColours(session, dark, BROKEN));
    await dark.close();
    const phone = await openContext(session, PHONE);
    const overflow = await overflowProblems(session, phone, BROKEN);
    await phone.close();

    const has = (problems: readonly string[], pattern: RegExp) => expect(problems, `expected a problem like ${pattern}`).toContainEqual(expect.stringMatching(pattern));
    has(visit.failedRequests, /missing-on-purpose\.png: HTTP 404/);
    has(visit.consoleErrors, /404/);
    has(visit.katex.problems, /is set in .*, not KaTeX_Main/);
    has(visit.katex.problems, /KaTeX_Main was never loaded/);
    has(visit.katex.problems, /KaTeX error box: ParseError/);
    has(visit.graphs.problems, /label "X1" .* sticks out of its shape/);
    has(visit.graphs.problems, /edge labels "状态转移" .* and "状态转移" .* overlap/);
    has(visit.textCut, /is cut off by the viewBox/);
    has(visit.charts.problems, /chart 0 \(untitled in #fig-broken\) has no <title>/);
    has(visit.charts.problems, /is not visible \(0×0\)/);
    has(visit.charts.problems, /has no <details> with its data/);
    has(visit.charts.problems, /labels "ab" and "cd" overlap/);
    expect(visit.fragments.filter((link) => !link.found).map((link) => link.id)).toEqual(['bptt']);
    has(scrolling, /clicking #rnnbptt left #rnnbptt at top=/);
    has(colours, /<polygon> stroke is rgb\(0, 0, 0\), expected the text colour/);
    has(colours, /meta line \(muted\) .* has contrast 1\.00/);
    has(overflow, /px wider than the screen; .*too wide/);
  });
});
