/**
 * Math through KaTeX, in the shape of rehype-katex (same element classes, same error
 * handling), with three differences that matter here:
 *
 * - one macro scope per document: a `\gdef` in one formula is seen by the later formulas
 *   of the same post, never by the next post;
 * - KaTeX's HTML is kept as a `raw` node instead of being parsed back into hast: parsing
 *   it was two thirds of the time of a math-heavy post (profile in BENCHMARKS.md), and
 *   nothing after this step looks inside formulas. The page is serialised with
 *   `allowDangerousHtml`, which is safe because rehype-raw has already turned every piece
 *   of author HTML into elements before this step;
 * - a formula already rendered with the same settings is reused (memo per process), which
 *   makes re-rendering an edited post cheap.
 *
 * KaTeX's strict-mode complaints become vfile messages instead of console output (Chinese
 * text inside math is legal for MathJax, the original renderer, so it is silent); a syntax
 * error is an error at the formula, an unknown command a warning, both drawn in red.
 */
import type { Element, ElementContent, Root } from 'hast';
import katex, { type KatexOptions } from 'katex';
import { toText } from 'hast-util-to-text';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
// --- formula limits (hook, see src/limits/formula.ts) ---
import { formulaLengthProblem, formulaLimits, isFormulaLimitError, katexLimitSettings, type FormulaLimits } from '../limits/formula.js';
import { markTransient } from '../limits/transient.js';
// --- end formula limits ---

export interface MathOptions {
  /** Macros every document starts with (copied per document). */
  macros?: Readonly<Record<string, string>>;
  /** Bounds on each formula (length, expansion, size, time); defaults in `FORMULA_LIMITS`. */
  limits?: Partial<FormulaLimits>;
}

/** A hast node holding HTML that is serialised as is. */
interface RawNode {
  type: 'raw';
  value: string;
}

const SOURCE = 'mlpost:math';
const ERROR_COLOR = '#cc0000';
// Bounded by size, not count: a site of thousands of distinct formulas must not grow the
// heap without end (the site builder measured that). ~8 M characters of KaTeX HTML.
const MEMO_CHARACTERS = 8_000_000;
// --- memoised warnings (hook): a remembered formula says again what KaTeX said about it ---
/** A strict-mode warning of KaTeX: its code and message. */
type KatexWarning = [code: string, message: string];
const memo = new Map<string, { html: string; warnings: KatexWarning[] }>();
// --- end memoised warnings ---
let memoCharacters = 0;

/** The rehype plugin. */
export function rehypeMath(options: MathOptions = {}) {
  // The memo key of the starting macros (strings, so JSON is safe here; KaTeX's own
  // entries added later are objects and never stringified).
  const startMacros = JSON.stringify(options.macros ?? {});
  const startKeys = Object.keys(options.macros ?? {}).join('\u0000');
  const limits = formulaLimits(options.limits);
  return (tree: Root, file: VFile): void => {
    const macros: Record<string, string> = { ...options.macros };
    // The formula being typeset, so strict-mode warnings point at it.
    let current: Element | undefined;
    // What KaTeX said about the formula being typeset, kept with it in the memo.
    let said: KatexWarning[] = [];
    const warn = ([errorCode, errorMessage]: KatexWarning) => report(file, 'warning', `KaTeX: ${errorMessage}`, current?.position, `katex-${errorCode}`, SOURCE);
    const strict = (errorCode: string, errorMessage: string): 'ignore' => {
      // Chinese in math and `\\` at the top of display math are fine for MathJax,
      // which the author wrote for; KaTeX renders both.
      if (errorCode !== 'unicodeTextInMathMode' && errorCode !== 'newLineInDisplayMode') {
        said.push([errorCode, errorMessage]);
        warn([errorCode, errorMessage]);
      }
      return 'ignore';
    };

    visitParents(tree, 'element', (element: Element, parents) => {
      const classes = Array.isArray(element.properties.className) ? element.properties.className : [];
      const languageMath = classes.includes('language-math');
      const mathDisplay = classes.includes('math-display');
      if (!languageMath && !mathDisplay && !classes.includes('math-inline')) return undefined;
      let parent = parents[parents.length - 1];
      let scope: Element = element;
      let displayMode = mathDisplay;
      // A ` ```math ` or `$$` block: replace its `<pre>` and use display mode.
      if (element.tagName === 'code' && languageMath && parent?.type === 'element' && parent.tagName === 'pre') {
        scope = parent;
        parent = parents[parents.length - 2];
        displayMode = true;
      }
      if (!parent) return undefined;
      current = scope;
      const tex = displayMode ? breakableDisplay(toText(scope, { whitespace: 'pre' })) : toText(scope, { whitespace: 'pre' });
      const settings: KatexOptions = {
        displayMode,
        macros,
        strict,
        output: 'htmlAndMathml',
        // Only the equation links that `rehypeEquationRefs` writes: `\href{#eq-…}`.
        trust: (context) => context.command === '\\href' && 'url' in context && typeof context.url === 'string' && context.url.startsWith('#'),
      };
      said = [];
      const replacement = render(tex, settings, macros, startMacros, startKeys, limits, {
        onError: (error) => reportError(file, error, scope),
        said: () => said,
        replay: (warnings) => warnings.forEach(warn),
      });
      const index = parent.children.indexOf(scope);
      parent.children.splice(index, 1, replacement as unknown as ElementContent);
      return SKIP;
    });
  };
}

/** What `render` tells the plugin: errors, and the warnings of this formula (said now, or remembered). */
interface RenderReport {
  onError(error: Error): void;
  said(): KatexWarning[];
  replay(warnings: readonly KatexWarning[]): void;
}

function render(tex: string, settings: KatexOptions, macros: Record<string, string>, startMacros: string, startKeys: string, limits: FormulaLimits, reporting: RenderReport): RawNode | Element {
  // Reuse only while the document has defined no macros of its own.
  const pristine = () => Object.keys(macros).join('\u0000') === startKeys;
  const key = pristine() ? `${settings.displayMode ? 'D' : 'I'}${startMacros}\u0000${tex}` : undefined;
  // --- formula limits (hook): too long is not typeset, a limit hit is not tried again ---
  const tooLong = formulaLengthProblem(tex, limits);
  if (tooLong) {
    reporting.onError(tooLong);
    return errorSpan(tex, tooLong);
  }
  // --- end formula limits ---
  const known = key === undefined ? undefined : memo.get(key);
  if (known !== undefined) {
    reporting.replay(known.warnings);
    return { type: 'raw', value: known.html };
  }
  const before = new Set(Object.keys(macros));
  try {
    const html = katex.renderToString(tex, { ...settings, ...katexLimitSettings(macros, limits), throwOnError: true });
    if (key !== undefined && pristine()) {
      if (memoCharacters + html.length + key.length > MEMO_CHARACTERS) {
        memo.clear();
        memoCharacters = 0;
      }
      memo.set(key, { html, warnings: [...reporting.said()] });
      memoCharacters += html.length + key.length;
    }
    return { type: 'raw', value: html };
  } catch (error) {
    // A formula that failed midway can leave its local definitions behind (KaTeX never
    // closed its group): drop what it added so they do not leak into later formulas.
    for (const name of Object.keys(macros)) if (!before.has(name)) delete macros[name];
    reporting.onError(error as Error);
    if (isFormulaLimitError(error)) return errorSpan(tex, error);
    try {
      return { type: 'raw', value: katex.renderToString(tex, { ...settings, strict: 'ignore', throwOnError: false, errorColor: ERROR_COLOR }) };
    } catch (second) {
      return errorSpan(tex, second);
    }
  }
}

/** The TeX in red, as KaTeX shows what it cannot typeset. */
function errorSpan(tex: string, error: unknown): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['katex-error'], style: `color:${ERROR_COLOR}`, title: String(error) },
    children: [{ type: 'text', value: tex }],
  };
}

/**
 * MathJax breaks display math at every `\\`, also inside a `{…}` group; KaTeX only at the
 * top level, so the corpus' `$$ { a \\ b \\ c } $$` came out on one line. Such a formula
 * (line breaks, no environment of its own) is typeset as `gathered`, centred lines as
 * MathJax showed them, with the group's braces dropped.
 */
export function breakableDisplay(tex: string): string {
  if (!tex.includes('\\\\') || /\\begin\s*\{/.test(tex)) return tex;
  let body = tex.trim();
  if (body.startsWith('{') && body.endsWith('}') && closingBrace(body, 0) === body.length - 1) body = body.slice(1, -1);
  return `\\begin{gathered}${body}\\end{gathered}`;
}

/** Index of the brace closing the one at `open`, skipping escaped braces; -1 if none. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return index;
  }
  return -1;
}

/** A syntax error is an error; an unknown command is a warning (MathJax drew it in red). */
function reportError(file: VFile, error: Error, scope: Element): void {
  // --- formula limits (hook) ---
  if (isFormulaLimitError(error)) {
    report(file, 'error', `math: ${error.message}`, scope.position, error.ruleId, SOURCE);
    if (error.transient) markTransient(file);
    return;
  }
  // --- end formula limits ---
  const cause = error.message.replace(/\u0332/g, '');
  const undefinedCommand = /Undefined control sequence: (\\\S+?) at/.exec(cause);
  const place = scope.position;
  if (undefinedCommand) {
    report(file, 'warning', `math: unknown command ${undefinedCommand[1]}, shown in red`, place, 'math-undefined-command', SOURCE);
  } else {
    report(file, 'error', `math: ${cause.replace(/^KaTeX parse error: /, '')}`, place, 'math-katex', SOURCE);
  }
}
