/**
 * The allow-list of `sanitize: true`: GitHub's (hast-util-sanitize's `defaultSchema`)
 * plus exactly what mlpost itself puts in a page before this step runs — graph and chart
 * SVG, cell figures (`<data>`, `<details>`, tables, sequences), Hexo tag figures, the math
 * placeholders that KaTeX replaces later — so an untrusted post keeps all of mlpost's
 * output and loses only what could run script, load from elsewhere or restyle the site.
 *
 * Decisions (see test/hostile/sanitize.test.ts for the cases):
 * - `class` is allowed on every element (plain names only): fences and cells carry author
 *   classes (`.center`) and mlpost's own; a class cannot run code. Comments are kept.
 * - `id` is not prefixed (GitHub writes `user-content-…`): headings, footnotes, equation
 *   labels and SVG `url(#…)` references need the ids as written, and mlpost pages run no
 *   script that DOM clobbering could mislead. Only `name` is prefixed.
 * - `style` survives only on SVG elements and only with the declarations charts use; the
 *   security step filters it before this schema sees it (see `safeSvgStyle`).
 * - Paint attributes may point at `url(#local)` only, never at another document.
 */
import { defaultSchema, type Options as Schema } from 'rehype-sanitize';

type Definitions = NonNullable<Schema['attributes']>[string];

/** SVG elements Graphviz and the charts emit (hast keeps SVG names case-sensitive). */
export const SVG_TAG_NAMES: readonly string[] = [
  'svg', 'g', 'path', 'polygon', 'polyline', 'ellipse', 'circle', 'rect', 'line', 'text', 'tspan', 'title', 'desc',
  'defs', 'clipPath', 'linearGradient', 'radialGradient', 'stop', 'marker',
];

/** A paint or reference attribute: local `url(#id)` only. */
const LOCAL_REFERENCE_ONLY = /^(?![\s\S]*url\(\s*['"]?\s*[^#'"\s])[\s\S]*$/i;

const SVG_ATTRIBUTES: Definitions = [
  'viewBox', 'preserveAspectRatio', 'xmlns', 'xmlnsXLink', 'version', 'width', 'height', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'dx', 'dy',
  'cx', 'cy', 'r', 'rx', 'ry', 'd', 'points', 'transform', 'offset', 'opacity',
  ['fill', LOCAL_REFERENCE_ONLY], ['stroke', LOCAL_REFERENCE_ONLY], ['clipPath', LOCAL_REFERENCE_ONLY],
  ['markerStart', LOCAL_REFERENCE_ONLY], ['markerMid', LOCAL_REFERENCE_ONLY], ['markerEnd', LOCAL_REFERENCE_ONLY],
  'fillOpacity', 'fillRule', 'clipRule', 'strokeWidth', 'strokeDashArray', 'strokeDashOffset', 'strokeLineCap', 'strokeLineJoin',
  'strokeMiterLimit', 'strokeOpacity', 'fontFamily', 'fontSize', 'fontStyle', 'fontWeight', 'textAnchor', 'dominantBaseline',
  'baselineShift', 'shapeRendering', 'vectorEffect', 'stopColor', 'stopOpacity', 'markerWidth', 'markerHeight', 'markerUnits',
  'refX', 'refY', 'orient', 'role', 'focusable', 'xLinkTitle', 'style',
];

// GitHub allows only a few classes per element (`ol.contains-task-list` …); a per-element
// rule would shadow the `*` one below (and leave `class=""`), so those rules are dropped.
const defaults = Object.fromEntries(
  Object.entries(defaultSchema.attributes ?? {}).map(([tag, definitions]) => [
    tag,
    definitions.filter((definition) => (typeof definition === 'string' ? definition : definition[0]) !== 'className'),
  ]),
) as Record<string, Definitions>;

/** The schema given to rehype-sanitize. */
export const mlpostSanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    'figure', 'figcaption', 'footer', 'cite', 'caption', 'data', 'abbr', 'mark', 'small', 'time', 'colgroup', 'col', 'aside',
    ...SVG_TAG_NAMES,
  ],
  attributes: {
    ...defaults,
    '*': [
      ...(defaults['*'] ?? []),
      ['className', /^[A-Za-z_][\w-]*$/],
      'data*', 'role', 'ariaHidden', 'ariaLabel', 'ariaDescribedBy', 'ariaLabelledBy',
    ],
    a: [...(defaults.a ?? []), 'xLinkHref', 'rel'],
    img: [...(defaults.img ?? []), 'loading', 'decoding'],
    data: ['value'],
    time: ['dateTime'],
    ...Object.fromEntries(SVG_TAG_NAMES.map((name) => [name, SVG_ATTRIBUTES])),
  },
  // Only `name` is prefixed: see the module comment.
  clobber: ['name'],
  // Comments are inert, and authors use them (`<!-- vim-markdown-toc -->`).
  allowComments: true,
  protocols: {
    ...defaultSchema.protocols,
    xLinkHref: defaultSchema.protocols?.href ?? [],
    // `data:` reaches here only as an image: the security step removed every other kind.
    src: [...(defaultSchema.protocols?.src ?? []), 'data'],
  },
  strip: ['script', 'style', 'template', 'noscript'],
};

/** Style properties charts write on SVG elements. */
const SVG_STYLE_PROPERTIES: ReadonlySet<string> = new Set([
  'fill', 'stroke', 'color', 'opacity', 'fill-opacity', 'stroke-opacity', 'stroke-width', 'stroke-dasharray', 'max-width', 'width', 'height',
]);

/** A value made of colours, numbers, keywords and `var(--name, fallback)`: no `url(`, no escapes. */
// One character or one whole function per step, so no input can make it backtrack badly.
const SAFE_STYLE_VALUE = /^(?:[#\w.%+-]|var\(--[\w-]+(?:\s*,\s*[#\w.%+-]+)?\)|rgba?\([\d\s.,%]+\)|\s)+$/;

/**
 * An SVG `style` attribute with only the declarations charts use: `style` itself when
 * all of it is safe, the safe part otherwise, `undefined` when nothing is left.
 */
export function safeSvgStyle(style: string): string | undefined {
  const kept: string[] = [];
  let dropped = false;
  for (const declaration of style.split(';')) {
    if (declaration.trim() === '') continue;
    const colon = declaration.indexOf(':');
    if (colon < 0) {
      dropped = true;
      continue;
    }
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (SVG_STYLE_PROPERTIES.has(property) && value.length <= 200 && SAFE_STYLE_VALUE.test(value)) kept.push(`${property}:${value}`);
    else dropped = true;
  }
  if (!dropped) return style;
  return kept.length > 0 ? kept.join(';') : undefined;
}
