/**
 * Checks that need an interactive page (clicks, colour schemes, a phone viewport); each
 * returns the problems it saw as sentences that name the page, so a failure reads as a list.
 */
import type { BrowserContext } from 'playwright-core';
import { contrast, parseColour } from './colour.js';
import { probeColours, probeOverflow, probeTargetInView } from './probes.js';
import { openPage, type Session, type Visit } from './site-visit.js';

/** WCAG AA for body text. */
export const MIN_CONTRAST = 4.5;

/**
 * Click every same-page link that names an element; the element must end up near the top of
 * the viewport (within its top third, to allow a theme's scroll padding), or on screen when
 * the page cannot scroll further.
 */
export async function scrollProblems(session: Session, context: BrowserContext, visit: Visit): Promise<{ clicked: number; problems: string[] }> {
  const targets = visit.fragments.map((link, index) => ({ ...link, index })).filter((link) => link.found);
  if (targets.length === 0) return { clicked: 0, problems: [] };
  const page = await openPage(session, context, visit.path);
  const anchors = page.locator('a[href^="#"]');
  const problems: string[] = [];
  for (const { href, id, index } of targets) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await anchors.nth(index).click();
    await page.waitForFunction((hash) => location.hash === hash, href);
    const where = await page.evaluate(probeTargetInView, id);
    const atBottom = where.scrollY >= where.maxScroll - 1;
    const nearTop = where.top >= -2 && where.top <= where.viewport / 3;
    const onScreen = where.top >= -2 && where.top < where.viewport;
    if (!(nearTop || (atBottom && onScreen))) {
      problems.push(`${visit.path}: clicking ${href} left #${id} at top=${where.top.toFixed(0)}px (scrollY ${where.scrollY}, max ${where.maxScroll})`);
    }
  }
  await page.close();
  return { clicked: targets.length, problems };
}

/** The colours of `path` in `context`'s scheme; with `screenshot`, a full-page picture too. */
export async function pageColours(session: Session, context: BrowserContext, path: string, screenshot?: string): Promise<ReturnType<typeof probeColours>> {
  const page = await openPage(session, context, path);
  const colours = await page.evaluate(probeColours);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  await page.close();
  return colours;
}

/** Text that is hard to read on the page's background, and graph lines not in the text colour. */
export function colourProblems(label: string, colours: ReturnType<typeof probeColours>): string[] {
  const problems: string[] = [];
  const background = parseColour(colours.background);
  const body = contrast(parseColour(colours.text), background);
  if (body < MIN_CONTRAST) problems.push(`${label}: body text ${colours.text} on ${colours.background} has contrast ${body.toFixed(2)}`);
  for (const sample of colours.samples) {
    const ratio = contrast(parseColour(sample.colour), background);
    if (ratio < MIN_CONTRAST) problems.push(`${label}: ${sample.what} ${sample.colour} on ${colours.background} has contrast ${ratio.toFixed(2)}`);
  }
  for (const stroke of colours.strokes) {
    if (stroke.stroke !== stroke.expected || stroke.expected !== colours.text) {
      problems.push(`${label}: ${stroke.what} is ${stroke.stroke}, expected the text colour ${colours.text}`);
    }
  }
  return problems;
}

/** Light and dark must differ in both background and text colour. */
export function schemeDifferenceProblems(path: string, light: ReturnType<typeof probeColours>, dark: ReturnType<typeof probeColours>): string[] {
  const problems: string[] = [];
  if (light.background === dark.background) problems.push(`${path}: the background is ${light.background} in both schemes`);
  if (light.text === dark.text) problems.push(`${path}: the text colour is ${light.text} in both schemes`);
  return problems;
}

/** Sideways scrolling of the whole page in `context`'s viewport; with `screenshot`, a full-page picture too. */
export async function overflowProblems(session: Session, context: BrowserContext, path: string, screenshot?: string): Promise<string[]> {
  const page = await openPage(session, context, path);
  const { overflow, culprits } = await page.evaluate(probeOverflow);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  await page.close();
  return overflow > 0 ? [`${path}: ${overflow}px wider than the screen; ${culprits.join('; ')}`] : [];
}
