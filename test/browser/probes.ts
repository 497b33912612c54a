/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Probes that run inside the page (`page.evaluate(probe)`). Each is self-contained: Playwright
 * sends the function's source text to the browser, so a probe may not call anything defined
 * outside its own body. They return plain data; the tests decide what is wrong.
 */

/** One formula, graph or chart problem, said so that a reader can find it on the page. */
export type Problems = string[];

/** KaTeX: every formula laid out, no error boxes, the KaTeX web fonts loaded (not a fallback). */
export async function probeKatex(): Promise<{ formulas: number; problems: Problems; fontsLoaded: string[] }> {
  await document.fonts.ready;
  const problems: string[] = [];
  // Formulas the page hides on purpose (a closed <details>, a theme's inactive tab) are not laid out.
  const formulas = [...document.querySelectorAll<HTMLElement>('.katex')].filter((el) => !el.closest('details:not([open])') && el.checkVisibility());
  formulas.forEach((el, index) => {
    const source = el.querySelector('annotation')?.textContent?.slice(0, 60) ?? el.textContent?.slice(0, 60) ?? '';
    const box = el.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) problems.push(`formula ${index} \`${source}\` has no size (${box.width}×${box.height})`);
    const html = el.querySelector<HTMLElement>('.katex-html');
    if (!html) problems.push(`formula ${index} \`${source}\` has no .katex-html`);
    else {
      const htmlBox = html.getBoundingClientRect();
      if (!html.checkVisibility({ visibilityProperty: true }) || htmlBox.width <= 0 || htmlBox.height <= 0) {
        problems.push(`formula ${index} \`${source}\`: .katex-html is not visible`);
      }
    }
    const family = getComputedStyle(el).fontFamily;
    if (!family.startsWith('KaTeX_Main')) problems.push(`formula ${index} \`${source}\` is set in ${family}, not KaTeX_Main (katex.min.css missing?)`);
  });
  for (const error of document.querySelectorAll('.katex-error')) {
    problems.push(`KaTeX error box: ${error.getAttribute('title') ?? error.textContent ?? ''}`);
  }
  const faces = [...document.fonts].filter((face) => face.family.replace(/["']/g, '').startsWith('KaTeX'));
  const describe = (face: FontFace) => `${face.family.replace(/["']/g, '')} ${face.style} ${face.weight}`;
  for (const face of faces) if (face.status === 'error') problems.push(`font ${describe(face)} failed to load`);
  const fontsLoaded = faces.filter((face) => face.status === 'loaded').map(describe).sort();
  if (formulas.length > 0) {
    if (!fontsLoaded.some((name) => name.startsWith('KaTeX_Main '))) problems.push('KaTeX_Main was never loaded: formulas use a fallback font');
    if (document.querySelector('.katex .mathnormal') && !fontsLoaded.some((name) => name.startsWith('KaTeX_Math '))) {
      problems.push('KaTeX_Math was never loaded: italic variables use a fallback font');
    }
  }
  return { formulas: formulas.length, problems, fontsLoaded };
}

/**
 * Graphviz drawings (`graph` fences and cell diagrams): visible with a size, every node's
 * label inside its shape, edge labels apart from each other.
 * Geometry is in SVG user units (`getBBox`), where Graphviz put the shapes.
 */
export function probeGraphs(tolerance: number): { graphs: number; nodes: number; edgeLabels: number; problems: Problems } {
  type Box = { x0: number; y0: number; x1: number; y1: number };
  const union = (boxes: Box[]): Box | undefined =>
    boxes.length === 0
      ? undefined
      : { x0: Math.min(...boxes.map((b) => b.x0)), y0: Math.min(...boxes.map((b) => b.y0)), x1: Math.max(...boxes.map((b) => b.x1)), y1: Math.max(...boxes.map((b) => b.y1)) };
  const boxOf = (el: SVGGraphicsElement): Box => {
    const b = el.getBBox();
    return { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
  };
  const show = (b: Box) => `[${b.x0.toFixed(1)},${b.y0.toFixed(1)} – ${b.x1.toFixed(1)},${b.y1.toFixed(1)}]`;
  const inside = (inner: Box, outer: Box) =>
    inner.x0 >= outer.x0 - tolerance && inner.y0 >= outer.y0 - tolerance && inner.x1 <= outer.x1 + tolerance && inner.y1 <= outer.y1 + tolerance;
  const textOf = (g: Element) => [...g.querySelectorAll('text')].map((t) => t.textContent ?? '').join('');
  const problems: string[] = [];
  let nodes = 0;
  let edgeLabels = 0;
  const svgs = [...document.querySelectorAll<SVGSVGElement>('figure.mlpost-graph svg, .mlpost-diagram svg')].filter((svg) => !svg.parentElement?.closest('svg'));
  svgs.forEach((svg, index) => {
    const name = `graph ${index} (${svg.getAttribute('aria-label') ?? svg.querySelector('title')?.textContent ?? 'untitled'})`;
    const rect = svg.getBoundingClientRect();
    if (!svg.checkVisibility({ visibilityProperty: true, opacityProperty: true }) || rect.width <= 0 || rect.height <= 0) {
      problems.push(`${name} is not visible (${rect.width}×${rect.height})`);
      return;
    }
    for (const node of svg.querySelectorAll<SVGGElement>('g.node')) {
      const texts = [...node.querySelectorAll<SVGTextElement>('text')].filter((t) => (t.textContent ?? '').trim() !== '');
      const shapes = [...node.querySelectorAll<SVGGraphicsElement>('ellipse, polygon, rect, path')];
      const label = union(texts.map(boxOf));
      const shape = union(shapes.map(boxOf));
      if (!label || !shape) continue;
      nodes += 1;
      if (!inside(label, shape)) problems.push(`${name}: label "${textOf(node)}" ${show(label)} sticks out of its shape ${show(shape)}`);
      // An ellipse is rounder than its box: the label's ends, at the label's middle height, must be inside the curve.
      const ellipse = node.querySelector('ellipse');
      if (shapes.length === 1 && ellipse) {
        const cx = ellipse.cx.baseVal.value;
        const cy = ellipse.cy.baseVal.value;
        const rx = ellipse.rx.baseVal.value;
        const ry = ellipse.ry.baseVal.value;
        const y = (label.y0 + label.y1) / 2;
        const halfWidth = rx * Math.sqrt(Math.max(0, 1 - ((y - cy) / ry) ** 2));
        if (label.x0 < cx - halfWidth - tolerance || label.x1 > cx + halfWidth + tolerance) {
          problems.push(`${name}: label "${textOf(node)}" ${show(label)} is wider than its ellipse at y=${y.toFixed(1)} (±${halfWidth.toFixed(1)} around ${cx})`);
        }
      }
    }
    const labels: { text: string; box: Box }[] = [];
    for (const edge of svg.querySelectorAll<SVGGElement>('g.edge')) {
      const box = union([...edge.querySelectorAll<SVGTextElement>('text')].filter((t) => (t.textContent ?? '').trim() !== '').map(boxOf));
      if (box) labels.push({ text: textOf(edge), box });
    }
    edgeLabels += labels.length;
    labels.forEach((a, i) =>
      labels.slice(i + 1).forEach((b) => {
        const overlapX = Math.min(a.box.x1, b.box.x1) - Math.max(a.box.x0, b.box.x0);
        const overlapY = Math.min(a.box.y1, b.box.y1) - Math.max(a.box.y0, b.box.y0);
        if (overlapX > tolerance && overlapY > tolerance) problems.push(`${name}: edge labels "${a.text}" ${show(a.box)} and "${b.text}" ${show(b.box)} overlap`);
      }),
    );
  });
  return { graphs: svgs.length, nodes, edgeLabels, problems };
}

/** Charts of executed cells: a size, a `<title>`, and the data table in a collapsed `<details>`. */
export function probeCharts(tolerance: number): { cells: number; charts: number; problems: Problems } {
  const problems: string[] = [];
  const cells = document.querySelectorAll('figure.mlpost-cell');
  const charts = [...document.querySelectorAll<SVGSVGElement>('figure.mlpost-cell svg[role=img]')].filter((svg) => !svg.closest('.mlpost-diagram'));
  charts.forEach((svg, index) => {
    const title = svg.querySelector(':scope > title')?.textContent?.trim() ?? '';
    const name = `chart ${index} (${title || 'untitled'} in #${svg.closest('figure')?.id ?? '?'})`;
    if (title === '') problems.push(`${name} has no <title>`);
    const rect = svg.getBoundingClientRect();
    if (!svg.checkVisibility({ visibilityProperty: true, opacityProperty: true }) || rect.width <= 0 || rect.height <= 0) {
      problems.push(`${name} is not visible (${rect.width}×${rect.height})`);
    }
    // Axis ticks, heat-map row and column labels, legends: no two may overlap.
    const texts = [...svg.querySelectorAll<SVGTextElement>('text')]
      .filter((text) => (text.textContent ?? '').trim() !== '')
      .map((text) => ({ text: text.textContent ?? '', box: text.getBBox() }));
    texts.forEach((a, i) =>
      texts.slice(i + 1).forEach((b) => {
        const overlapX = Math.min(a.box.x + a.box.width, b.box.x + b.box.width) - Math.max(a.box.x, b.box.x);
        const overlapY = Math.min(a.box.y + a.box.height, b.box.y + b.box.height) - Math.max(a.box.y, b.box.y);
        if (overlapX > tolerance && overlapY > tolerance) problems.push(`${name}: labels "${a.text}" and "${b.text}" overlap by ${overlapX.toFixed(1)}×${overlapY.toFixed(1)}`);
      }),
    );
    if (svg.getAttribute('aria-hidden') !== 'true') {
      const details = svg.closest('.mlpost-chart')?.querySelector(':scope > details');
      const rows = details?.querySelectorAll('table tbody tr, table tr:has(td)').length ?? 0;
      if (!details) problems.push(`${name} has no <details> with its data`);
      else if (details.hasAttribute('open')) problems.push(`${name}: its data <details> is open, expected collapsed`);
      else if (rows === 0) problems.push(`${name}: its data <details> holds no table rows`);
    }
  });
  return { cells: cells.length, charts: charts.length, problems };
}

/**
 * Text that the SVG's viewBox cuts off, in every inline SVG matched by `selector`. Boxes are
 * moved through each ancestor's `transform` into viewBox units (Graphviz translates its group).
 */
export function probeTextInViewBox({ selector, tolerance }: { selector: string; tolerance: number }): Problems {
  const problems: string[] = [];
  document.querySelectorAll<SVGSVGElement>(selector).forEach((svg, index) => {
    const view = svg.viewBox.baseVal;
    if (!view || view.width <= 0 || view.height <= 0) return;
    for (const text of svg.querySelectorAll<SVGTextElement>('text')) {
      if ((text.textContent ?? '').trim() === '') continue;
      const b = text.getBBox();
      let corners = [new DOMPoint(b.x, b.y), new DOMPoint(b.x + b.width, b.y + b.height)];
      for (let at: Element | null = text; at && at !== svg; at = at.parentElement) {
        const matrix = at instanceof SVGGraphicsElement ? at.transform.baseVal.consolidate()?.matrix : undefined;
        if (matrix) corners = corners.map((point) => point.matrixTransform(matrix));
      }
      const [x0, x1] = [Math.min(corners[0].x, corners[1].x), Math.max(corners[0].x, corners[1].x)];
      const [y0, y1] = [Math.min(corners[0].y, corners[1].y), Math.max(corners[0].y, corners[1].y)];
      if (x0 < view.x - tolerance || y0 < view.y - tolerance || x1 > view.x + view.width + tolerance || y1 > view.y + view.height + tolerance) {
        const title = svg.getAttribute('aria-label') ?? svg.querySelector('title')?.textContent ?? 'untitled';
        problems.push(`svg ${index} (${title}): text "${text.textContent}" [${x0.toFixed(1)},${y0.toFixed(1)} – ${x1.toFixed(1)},${y1.toFixed(1)}] is cut off by the viewBox ${view.x} ${view.y} ${view.width} ${view.height}`);
      }
    }
  });
  return problems;
}

/** Same-page links (`a[href^="#"]`) and whether each names an element on the page. */
export function probeFragmentLinks(): { href: string; id: string; found: boolean }[] {
  return [...document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')].map((a) => {
    const raw = a.getAttribute('href') ?? '#';
    let id = raw.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // keep the raw text: the lookup below fails and reports it
    }
    return { href: raw, id, found: document.getElementById(id) !== null };
  });
}

/** Colours as the reader sees them: the page, its text, and what graphs and charts draw with. */
export function probeColours(): {
  background: string;
  text: string;
  samples: { what: string; colour: string }[];
  strokes: { what: string; stroke: string; expected: string }[];
} {
  const effectiveBackground = (el: Element | null): string => {
    for (let at = el; at; at = at.parentElement) {
      const colour = getComputedStyle(at).backgroundColor;
      if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
    }
    return 'rgb(255, 255, 255)';
  };
  const samples: { what: string; colour: string }[] = [];
  const sample = (selector: string, what: string) => {
    const el = document.querySelector(selector);
    if (el) samples.push({ what, colour: getComputedStyle(el).color });
  };
  sample('.mlpost-body p, .mlpost-excerpt p, main p', 'paragraph text');
  sample('main a[href]:not(.mlpost-meta a)', 'link');
  sample('.mlpost-meta', 'meta line (muted)');
  sample('figcaption', 'figure caption (muted)');
  sample('blockquote footer', 'quote footer (muted)');
  sample('pre code, :not(pre) > code', 'code');
  sample('.mlpost-nav-links a', 'nav link (muted)');
  sample('.mlpost-post-nav a span', 'newer/older label (muted)');
  sample('.mlpost-pagination span', 'page number (muted)');
  sample('.mlpost-archive-list time', 'archive date (muted)');
  sample('.mlpost-count', 'post count (muted)');
  sample('.mlpost-toc summary', 'contents heading (muted)');
  sample('.mlpost-draft', 'draft mark');
  const strokes: { what: string; stroke: string; expected: string }[] = [];
  // Graphviz lines must all follow the text colour; charts also draw series in their own colours.
  const graphs = new Set(document.querySelectorAll<SVGSVGElement>('figure.mlpost-graph svg, .mlpost-diagram svg'));
  const svgs = [...graphs, ...document.querySelectorAll<SVGSVGElement>('figure.mlpost-cell svg[role=img]')].filter((svg, index, all) => all.indexOf(svg) === index);
  svgs.forEach((svg, index) => {
    const expected = getComputedStyle(svg).color;
    const lines = graphs.has(svg) ? '[stroke]:not([stroke="none"]):not([stroke="transparent"])' : '[stroke="currentColor"]';
    for (const el of svg.querySelectorAll(lines)) {
      strokes.push({ what: `svg ${index} <${el.tagName}> stroke`, stroke: getComputedStyle(el).stroke, expected });
    }
    for (const el of svg.querySelectorAll('text')) {
      if ((el.textContent ?? '').trim() === '') continue;
      samples.push({ what: `svg ${index} text "${el.textContent}"`, colour: getComputedStyle(el).fill });
    }
  });
  return { background: effectiveBackground(document.body), text: getComputedStyle(document.body).color, samples, strokes };
}

/** Where the element a fragment names sits in the viewport after navigation. */
export function probeTargetInView(id: string): { found: boolean; top: number; bottom: number; viewport: number; scrollY: number; maxScroll: number } {
  const el = document.getElementById(id);
  const box = el?.getBoundingClientRect();
  return {
    found: el !== null,
    top: box?.top ?? Number.NaN,
    bottom: box?.bottom ?? Number.NaN,
    viewport: window.innerHeight,
    scrollY: window.scrollY,
    maxScroll: document.documentElement.scrollHeight - window.innerHeight,
  };
}

/** How much wider than the viewport the page is (0 when nothing scrolls sideways), and the widest culprits. */
export function probeOverflow(): { overflow: number; culprits: string[] } {
  const width = document.documentElement.clientWidth;
  const overflow = document.documentElement.scrollWidth - width;
  const culprits: string[] = [];
  if (overflow > 0) {
    for (const el of document.querySelectorAll('main *')) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 1 && !el.parentElement?.closest('pre, .katex-display, table, svg')) {
        culprits.push(`<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? ` class="${el.className}"` : ''}> right edge at ${Math.round(box.right)}px: ${(el.textContent ?? '').slice(0, 40)}`);
        if (culprits.length >= 5) break;
      }
    }
  }
  return { overflow, culprits };
}
