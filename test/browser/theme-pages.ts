/**
 * Chromium checks of pages a theme made (Hexo, Astro): every given page is visited with all
 * the probes of `site-visit.ts`, and the problems are gathered per kind, each prefixed with
 * its page, so that a test reads `expect(problems.katex).toEqual([])`.
 */
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from './chromium.js';
import { DESKTOP, openContext, openPage, visitPage, type Session, type Visit } from './site-visit.js';
import { serveFolder, type StaticServer } from './static-server.js';

/** A served folder and a browser looking at it. */
export interface ThemeSession extends Session {
  close(): Promise<void>;
}

/** Serve `folder` and start Chromium. */
export async function openThemeSession(folder: string): Promise<ThemeSession> {
  const server: StaticServer = await serveFolder(folder);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    browser,
    origin: server.origin,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Visit `paths` (`/`, `/rnn_intro/` …) with every probe. */
export async function visitPages(session: Session, paths: readonly string[]): Promise<Visit[]> {
  const blocked: string[] = [];
  const context = await openContext(session, DESKTOP, blocked);
  const visits: Visit[] = [];
  for (const path of paths) visits.push(await visitPage(session, context, path, blocked));
  await context.close();
  return visits;
}

/** Problems of each kind across `visits`, each as `path: problem`. */
export function problemsOf(visits: readonly Visit[]) {
  const across = (pick: (visit: Visit) => readonly string[]) => visits.flatMap((visit) => pick(visit).map((problem) => `${visit.path}: ${problem}`));
  return {
    status: visits.filter((visit) => visit.status !== 200).map((visit) => `${visit.path}: HTTP ${visit.status}`),
    console: across((visit) => visit.consoleErrors),
    requests: across((visit) => visit.failedRequests),
    katex: across((visit) => visit.katex.problems),
    graphs: across((visit) => visit.graphs.problems),
    charts: across((visit) => visit.charts.problems),
    textCut: across((visit) => visit.textCut),
  };
}

/** Every page answered 200 with no console error and no failed request. */
export function expectPagesLoaded(visits: readonly Visit[]): void {
  const problems = problemsOf(visits);
  expect(problems.status).toEqual([]);
  expect(problems.console).toEqual([]);
  expect(problems.requests).toEqual([]);
}

/** Every formula laid out in KaTeX's fonts, graphs and cell charts drawn visibly with their text inside (and some of each seen). */
export function expectFiguresDrawn(visits: readonly Visit[]): void {
  const problems = problemsOf(visits);
  expect(problems.katex).toEqual([]);
  expect(problems.graphs).toEqual([]);
  expect(problems.charts).toEqual([]);
  expect(problems.textCut).toEqual([]);
  const counts = countsOf(visits);
  expect(counts.formulas).toBeGreaterThan(20);
  expect(counts.graphNodes).toBeGreaterThan(0);
  expect(counts.charts).toBeGreaterThan(0);
}

/** Totals over `visits`: formulas, graph nodes, cells, charts. */
export function countsOf(visits: readonly Visit[]) {
  const sum = (of: (visit: Visit) => number) => visits.reduce((total, visit) => total + of(visit), 0);
  return {
    formulas: sum((visit) => visit.katex.formulas),
    graphNodes: sum((visit) => visit.graphs.nodes),
    cells: sum((visit) => visit.charts.cells),
    charts: sum((visit) => visit.charts.charts),
  };
}

/** What a page looks like in a colour scheme: page background, body text, a graph's text, mlpost's graph fill. */
export async function schemeColours(session: Session, path: string, colorScheme: 'light' | 'dark') {
  const context = await openContext(session, { ...DESKTOP, colorScheme });
  const page = await openPage(session, context, path);
  const colours = await page.evaluate(() => {
    const background = (element: Element | null): string => {
      for (let at = element; at; at = at.parentElement) {
        const colour = getComputedStyle(at).backgroundColor;
        if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
      }
      return 'rgb(255, 255, 255)';
    };
    const graph = document.querySelector('figure.mlpost-graph svg');
    const label = graph?.querySelector('g.node text');
    return {
      background: background(graph ?? document.body),
      text: getComputedStyle(graph?.closest('figure') ?? document.body).color,
      graphText: label ? getComputedStyle(label).fill : undefined,
      graphFill: getComputedStyle(document.documentElement).getPropertyValue('--mlpost-graph-fill').trim(),
    };
  });
  await context.close();
  return colours;
}

/**
 * How a theme lays out mlpost's figures on a page: each figure's caption that starts
 * above the bottom of the figure's own content (`#id: caption top < content bottom`), and
 * the smallest horizontal padding of a cell table's header or data cell, in pixels.
 */
export async function figureLayout(session: Session, path: string, colorScheme: 'light' | 'dark' = 'light') {
  const context = await openContext(session, { ...DESKTOP, colorScheme });
  const page = await openPage(session, context, path);
  const layout = await page.evaluate(() => {
    const overlaps: string[] = [];
    for (const figure of document.querySelectorAll('figure.mlpost-cell, figure.mlpost-graph')) {
      const caption = figure.querySelector(':scope > figcaption');
      if (!caption) continue;
      let bottom = -Infinity;
      for (const element of figure.querySelectorAll('*')) {
        if (element === caption || caption.contains(element)) continue;
        // Inside a drawing only the drawing's own box counts; a closed <details> hides all but its summary.
        if (element.closest('svg') !== null && element.tagName.toLowerCase() !== 'svg') continue;
        const closed = element.closest('details:not([open])');
        if (closed && !element.closest('summary')) continue;
        const box = element.getBoundingClientRect();
        if (box.width > 0 && box.height > 0) bottom = Math.max(bottom, box.bottom);
      }
      const top = caption.getBoundingClientRect().top;
      if (top < bottom - 0.5) overlaps.push(`#${figure.id}: caption top ${top.toFixed(1)} < content bottom ${bottom.toFixed(1)}`);
    }
    const paddings = [...document.querySelectorAll('table.mlpost-matrix th, table.mlpost-matrix td, table.mlpost-data th, table.mlpost-data td')]
      .filter((cell) => cell.getBoundingClientRect().width > 0)
      .map((cell) => Math.min(parseFloat(getComputedStyle(cell).paddingLeft), parseFloat(getComputedStyle(cell).paddingRight)));
    return { overlaps, cells: paddings.length, minPadding: paddings.length > 0 ? Math.min(...paddings) : undefined };
  });
  await context.close();
  return layout;
}

/** How the theme tags mlpost renders itself (`note`, `fold`) look on a page: border and background of each. */
export async function themeTagStyles(session: Session, path: string) {
  const context = await openContext(session, DESKTOP);
  const page = await openPage(session, context, path);
  const styles = await page.evaluate(() =>
    [...document.querySelectorAll('aside.mlpost-note, details.mlpost-fold')].map((element) => {
      const style = getComputedStyle(element);
      return { tag: element.tagName.toLowerCase(), borderLeft: style.borderLeftWidth, background: style.backgroundColor };
    }),
  );
  await context.close();
  return styles;
}
