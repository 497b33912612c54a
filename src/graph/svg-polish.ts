/**
 * Graphviz's SVG → the SVG we inline: small, themable, accessible, safe, and with ids
 * that cannot collide with another graph on the same page.
 *
 * - drops the XML prologue, comments, `<title>`s (node names, not meant for readers) and
 *   Graphviz's automatic ids (`graph0`, `node3`, `clust1`, `a_edge2` …) unless something
 *   references them; every id that stays gets the page-unique prefix, and so does every
 *   `url(#…)` and `href="#…"` pointing at it;
 * - default black becomes `currentColor`, the default light grey fill a CSS custom
 *   property (`--mlpost-graph-fill`), the white page background goes: a dark theme works;
 *   colours the author chose stay;
 * - `role="img"` and an accessible name (the caption, else the graph's label);
 * - links with a script URL (`javascript:`, `data:`, `vbscript:` …) lose their URL.
 */
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { GraphProblem } from './problems.js';

/** What {@link polishSvg} needs to know about the page the graph goes into. */
export interface PolishOptions {
  /** Prefix that makes ids unique per page (`g1-`). */
  idPrefix: string;
  /** Accessible name; defaults to the graph's own label. */
  title?: string | undefined;
}

/** Graphviz's automatic ids: meaningless to readers, and the same in every graph. */
const AUTOMATIC_ID = /^(?:a_)?(?:graph|node|edge|clust)\d+(?:[-_][a-z]+)*$/;
const GRADIENT_ID = /^(.*)_([lr])_\d+$/;
const URL_REFERENCE = /url\(\s*#([^)\s]+)\s*\)/g;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'ftp', 'tel']);
const BLACK = new Set(['black', '#000000', '#000']);

// Graphviz names colours by X11; an SVG reader reads the same names by CSS, and for these
// the two differ (X11 green is #00ff00, CSS green #008000). Native Graphviz wrote the X11
// values, so the published graphs had them: write the hex value.
const X11_NOT_CSS: ReadonlyMap<string, string> = new Map([
  ['green', '#00ff00'],
  ['gray', '#bebebe'],
  ['grey', '#bebebe'],
  ['maroon', '#b03060'],
  ['purple', '#a020f0'],
]);
const LIGHT_GREY = new Set(['lightgrey', 'lightgray', '#d3d3d3']);
const NO_BACKGROUND = new Set(['white', '#ffffff', '#fff', 'none', 'transparent']);

/** Whether a URL is safe to keep in a link: relative, a fragment, or an allowed scheme. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme (`java\tscript:`).
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(cleaned);
  return scheme === null || SAFE_SCHEMES.has(scheme[1]!);
}

function* elements(node: Root | Element): Generator<Element> {
  for (const child of node.children) {
    if (child.type === 'element') {
      yield child;
      yield* elements(child);
    }
  }
}

function stringProperty(element: Element, name: string): string | undefined {
  const value = element.properties[name];
  if (value === undefined || value === null || value === false) return undefined;
  return Array.isArray(value) ? value.join(' ') : String(value);
}

/** Remove comments, titles and layout whitespace; unwrap `<g>`s left without attributes. */
function prune(children: Array<RootContent | ElementContent>, insideText: boolean): ElementContent[] {
  const kept: ElementContent[] = [];
  for (const child of children) {
    if (child.type === 'comment' || child.type === 'doctype') continue;
    if (child.type === 'text') {
      if (insideText || child.value.trim() !== '') kept.push(child);
      continue;
    }
    if (child.type !== 'element') continue;
    if (child.tagName === 'title') continue;
    child.children = prune(child.children, insideText || child.tagName === 'text');
    if ((child.tagName === 'g' || child.tagName === 'a') && Object.keys(child.properties).length === 0) {
      kept.push(...child.children);
      continue;
    }
    kept.push(child);
  }
  return kept;
}

/** The text of the root graph's label (its `<text>` children outside nodes, edges and clusters). */
function graphLabel(root: Element | undefined): string | undefined {
  if (!root) return undefined;
  const texts = root.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'text');
  const label = texts.map((text) => toText(text).trim()).filter(Boolean).join(' ');
  return label === '' ? undefined : label;
}

/**
 * Polish Graphviz's SVG (CJK already restored). Returns the SVG element as hast and the
 * problems found (removed URLs), each pointing at the DOT line where the URL is written.
 */
export function polishSvg(raw: string, options: PolishOptions, dot: string): { svg: Element; problems: GraphProblem[] } {
  const problems: GraphProblem[] = [];
  const tree = fromHtml(raw, { fragment: true, space: 'svg' });
  const svg = tree.children.find((child): child is Element => child.type === 'element' && child.tagName === 'svg');
  if (!svg) throw new Error('Graphviz returned no <svg> element');

  const graph = svg.children.find((child): child is Element => child.type === 'element' && child.tagName === 'g');
  const name = options.title ?? graphLabel(graph) ?? 'Graph';

  // Ids that something points at must survive (gradients, author links to `#id`).
  const referenced = new Set<string>();
  for (const element of elements(svg)) {
    for (const value of Object.values(element.properties)) {
      if (typeof value !== 'string') continue;
      for (const match of value.matchAll(URL_REFERENCE)) referenced.add(match[1]!);
    }
    for (const name of ['href', 'xLinkHref']) {
      const href = stringProperty(element, name);
      if (href?.startsWith('#')) referenced.add(href.slice(1));
    }
  }

  // Graphviz numbers gradients with a counter that lives as long as the process
  // (`node1_l_7`): renumber them per graph so the output is the same on every run.
  const renamed = new Map<string, string>();
  let gradients = 0;
  const finalId = (id: string): string => {
    let name = renamed.get(id);
    if (name === undefined) {
      const gradient = GRADIENT_ID.exec(id);
      name = options.idPrefix + (gradient ? `${gradient[1]}_${gradient[2]}_${gradients++}` : id);
      renamed.set(id, name);
    }
    return name;
  };

  for (const element of elements(svg)) {
    const props = element.properties;
    const id = stringProperty(element, 'id');
    if (id !== undefined) {
      if (AUTOMATIC_ID.test(id) && !referenced.has(id)) delete props.id;
      else props.id = finalId(id);
    }
    for (const [key, value] of Object.entries(props)) {
      if (typeof value === 'string' && value.includes('url(')) {
        props[key] = value.replace(URL_REFERENCE, (_, target: string) => `url(#${finalId(target)})`);
      }
    }
    // Links: SVG 2 `href`, script URLs removed, in-page references prefixed.
    const href = stringProperty(element, 'xLinkHref') ?? stringProperty(element, 'href');
    if (href !== undefined) {
      delete props.xLinkHref;
      delete props.href;
      if (!isSafeUrl(href)) {
        const problem: GraphProblem = {
          severity: 'warning',
          message: `removed the unsafe link \`${href.slice(0, 60)}\` from the graph (only http, https, mailto, ftp, tel and relative links are kept)`,
          ruleId: 'graph-unsafe-url',
        };
        const at = dot.indexOf(href);
        if (at >= 0) problem.line = dot.slice(0, at).split('\n').length;
        problems.push(problem);
      } else {
        props.href = href.startsWith('#') ? `#${finalId(href.slice(1))}` : href;
      }
    }
    // Colours: Graphviz's defaults become themable; author colours stay.
    for (const key of ['fill', 'stroke'] as const) {
      const colour = stringProperty(element, key)?.toLowerCase();
      if (colour !== undefined && BLACK.has(colour)) props[key] = 'currentColor';
      else if (colour !== undefined && X11_NOT_CSS.has(colour)) props[key] = X11_NOT_CSS.get(colour)!;
    }
    const fill = stringProperty(element, 'fill')?.toLowerCase();
    if (fill !== undefined && LIGHT_GREY.has(fill)) {
      delete props.fill;
      props.style = `fill:var(--mlpost-graph-fill,${fill})`;
    }
    if (stringProperty(element, 'fontSize')?.endsWith('.00')) props.fontSize = stringProperty(element, 'fontSize')!.slice(0, -3);
  }

  if (graph) {
    const transform = stringProperty(graph, 'transform');
    if (transform) graph.properties.transform = transform.replace(/^scale\(1 1\) rotate\(0\) /, '');
    const background = graph.children.find((child): child is Element => child.type === 'element' && child.tagName === 'polygon');
    if (background && NO_BACKGROUND.has(stringProperty(background, 'fill')?.toLowerCase() ?? 'none')) {
      graph.children = graph.children.filter((child) => child !== background);
    }
  }

  svg.children = prune(svg.children, false);
  const keepsXlink = [...elements(svg)].some((element) => Object.keys(element.properties).some((key) => key.startsWith('xLink')));
  if (!keepsXlink) delete svg.properties.xmlnsXLink;
  svg.properties = { ...svg.properties, fill: 'currentColor', role: 'img', ariaLabel: name };
  stripPositions(svg);
  return { svg, problems };
}

function stripPositions(node: Element | ElementContent): void {
  delete node.position;
  if (node.type === 'element') for (const child of node.children) stripPositions(child);
}

/** Serialize a polished SVG element as XML that is valid both inline in HTML and as a standalone `.svg` file. */
export function svgToString(svg: Element): string {
  return toHtml(svg, { space: 'svg', closeEmptyElements: true, tightSelfClosing: true });
}
