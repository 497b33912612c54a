/**
 * Math typeset as the blogs showed it (MathJax in the browser), with KaTeX first for speed:
 *
 * 1. KaTeX, on the TeX with MathJax's page-wide macro scope made explicit
 *    (`tex/macro-scope.ts`) and, for display math, MathJax's line breaks (`breakableDisplay`);
 * 2. when KaTeX fails: the cheap exact rewrites of `tex/katex-gaps.ts`, KaTeX again;
 * 3. then MathJax 3 itself (`engines/mathjax.ts`, loaded on first use), with an info
 *    message `math-fallback`;
 * 4. a formula neither typesets is an error at the line KaTeX names, with both engines'
 *    messages (an unknown command: a warning, drawn in red, as MathJax's browser build did).
 *
 * In the shape of rehype-katex (same element classes, same error handling), with these
 * differences: one macro scope per document (never the next post's); the engines' HTML is
 * kept as a `raw` node instead of being parsed back into hast (two thirds of the time of a
 * math-heavy post; nothing after this step looks inside formulas; safe because rehype-raw
 * has already turned every piece of author HTML into elements before this step); formulas
 * already typeset with the same settings are reused (memo per process).
 *
 * KaTeX's strict-mode complaints become vfile messages instead of console output (Chinese
 * text inside math is legal for MathJax, so it is silent).
 */
import type { Element, ElementContent, Root } from 'hast';
import type { KatexOptions } from 'katex';
import { toText } from 'hast-util-to-text';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { katexErrorHtml, recallTypeset, rememberTypeset, typesetWithKatex, type KatexError } from './engines/katex.js';
import { MathJaxPage } from './engines/mathjax.js';
import { closeKatexGaps } from './tex/katex-gaps.js';
import { findDefinitions } from './tex/macro-scope.js';
import { endsInComment } from './tex/tex-source.js';
import { placeInFormula, texStart } from './formula-place.js';
import { formulaLengthProblem, formulaLimits, isFormulaLimitError, katexLimitSettings, type FormulaLimitError, type FormulaLimits } from '../limits/formula.js';
import { markTransient } from '../limits/transient.js';

export interface MathOptions {
  /** Macros every document starts with (copied per document). */
  macros?: Readonly<Record<string, string>>;
  /** Bounds on one formula (length, expansion, tokens, time): `src/limits/formula.ts`. */
  limits?: Partial<FormulaLimits>;
  /**
   * Read `$…$` and `$$…$$` with Markdown's backslash escapes undone (`\_` → `_`, `\*` → `*`,
   * `\\` → `\`), as hexo-renderer-marked and kramed passed them to MathJax. Default `false`
   * (pandoc's reading: the TeX as written). Read by the syntax step (`remarkPandocMath`).
   */
  markdownEscapes?: boolean;
}

/** A hast node holding HTML that is serialised as is. */
interface RawNode {
  type: 'raw';
  value: string;
}

const SOURCE = 'mlpost:math';
const ERROR_COLOR = '#cc0000';
const QUIET_COMPLAINTS = new Set(['unicodeTextInMathMode', 'newLineInDisplayMode', 'htmlExtension']);

/** The rehype plugin. */
export function rehypeMath(options: MathOptions = {}) {
  // The memo key of the starting macros (strings, so JSON is safe here; KaTeX's own
  // entries added later are objects and never stringified).
  const startMacros = JSON.stringify(options.macros ?? {});
  const startKeys = Object.keys(options.macros ?? {}).join('\u0000');
  const limits = formulaLimits(options.limits);
  return (tree: Root, file: VFile): void => {
    const math = new DocumentMath(file, { ...options.macros }, startMacros, startKeys, limits);
    // A piece of a larger document: the macros defined before it, and where the other
    // pieces stand in it (`math-context.ts`).
    const context = file.data.mathContext;
    for (const definition of context?.definitionsBefore ?? []) math.define(definition);
    const pieces = context?.pieces;
    visitParents(tree, (node, parents) => {
      if (node.type === 'comment') {
        for (const definition of pieces?.get(node.value)?.definitions ?? []) math.define(definition);
        return undefined;
      }
      if (node.type !== 'element') return undefined;
      const element = node;
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
      const replacement = math.typeset(toText(scope, { whitespace: 'pre' }), displayMode, scope);
      const index = parent.children.indexOf(scope);
      parent.children.splice(index, 1, replacement as unknown as ElementContent);
      return SKIP;
    });
  };
}

/** The math of one document: its macro table, its MathJax page (made on first need). */
class DocumentMath {
  private current: Element | undefined;
  /** KaTeX's strict-mode complaints about the formula being typeset: [code, message]. */
  private complaints: [string, string][] = [];
  private mathjax: MathJaxPage | undefined;
  /** Every definition so far, as written, and how many of them MathJax has seen. */
  private readonly definitions: string[] = [];
  private definitionsSeen = 0;
  private readonly strict: KatexOptions['strict'];

  constructor(
    private readonly file: VFile,
    private readonly macros: Record<string, string>,
    private readonly startMacros: string,
    private readonly startKeys: string,
    private readonly limits: FormulaLimits,
  ) {
    this.strict = (errorCode: string, errorMessage: string): 'ignore' => {
      // Chinese in math and `\\` at the top of display math are fine for MathJax,
      // which the author wrote for; KaTeX renders both. `\htmlId` is mlpost's own.
      if (!QUIET_COMPLAINTS.has(errorCode)) this.complaints.push([errorCode, errorMessage]);
      return 'ignore';
    };
  }

  /**
   * Make the macro definitions of `tex` (a formula of the document typeset elsewhere)
   * hold from here on, as its typesetting would have.
   */
  define(tex: string): void {
    const definitions = findDefinitions(tex);
    if (!definitions) return;
    try {
      if (definitions.global) typesetWithKatex(definitions.global, { displayMode: false, ...katexLimitSettings(this.macros, this.limits), strict: 'ignore' }, undefined);
    } catch (error) {
      if (!isFormulaLimitError(error)) throw error;
    }
    this.definitions.push(...definitions.written);
  }

  typeset(tex: string, displayMode: boolean, scope: Element): RawNode | Element {
    this.current = scope;
    // A formula past a limit is not typeset, nor tried again by MathJax (it would be as slow).
    const tooLong = formulaLengthProblem(tex, this.limits);
    if (tooLong) return this.stoppedByLimit(tooLong, tex, scope);
    try {
      return this.typesetBounded(tex, displayMode, scope);
    } catch (error) {
      if (!isFormulaLimitError(error)) throw error;
      this.complaints = [];
      return this.stoppedByLimit(error, tex, scope);
    }
  }

  private stoppedByLimit(error: FormulaLimitError, tex: string, scope: Element): Element {
    report(this.file, 'error', `math: ${error.message}`, { place: scope.position, ruleId: error.ruleId, source: SOURCE });
    if (error.transient) markTransient(this.file);
    return errorSpan(tex, error.message);
  }

  private typesetBounded(tex: string, displayMode: boolean, scope: Element): RawNode | Element {
    const definitions = findDefinitions(tex);
    let katexTex = definitions?.tex ?? tex;
    if (displayMode) katexTex = breakableDisplay(katexTex);
    // A `%` comment on the last line would swallow the end of math mode.
    if (endsInComment(katexTex)) katexTex += '\n';
    const settings: KatexOptions = {
      displayMode,
      // The document's macro table, behind a counter of the tokens KaTeX reads (a limit).
      ...katexLimitSettings(this.macros, this.limits),
      strict: this.strict,
      output: 'htmlAndMathml',
      // Only the equation links and anchors that `rehypeEquationRefs` writes.
      trust: (context) => (context.command === '\\href' && 'url' in context && typeof context.url === 'string' && context.url.startsWith('#')) || (context.command === '\\htmlId' && 'id' in context && String(context.id).startsWith('eq-')),
    };

    const before = new Set(Object.keys(this.macros));
    // Reuse only while the document has defined no macros, and not a formula that defines some.
    const memoKey = this.pristine() && !definitions ? `${displayMode ? 'D' : 'I'}${this.startMacros}` : undefined;
    this.complaints = [];
    const first = typesetWithKatex(katexTex, settings, memoKey);
    if (definitions) this.definitions.push(...definitions.written);
    if ('html' in first) {
      // `e\^{x}`: an accent KaTeX allows in math mode only with a complaint, and LaTeX not
      // at all; written for marked, which made it the `^` MathJax saw.
      const accent = this.complaints.find(([code, message]) => code === 'mathVsTextAccents' && /accent \\[!-/:-@[-`{-~] /.test(message));
      const rewritten = accent ? closeKatexGaps(katexTex, accent[1]) : undefined;
      if (rewritten !== undefined) {
        this.complaints = [];
        const again = typesetWithKatex(rewritten, settings, undefined);
        if ('html' in again) return raw(this.reportComplaints(again.html));
      }
      if (memoKey !== undefined && this.complaints.length === 0) rememberTypeset(memoKey, katexTex, first.html);
      return raw(this.reportComplaints(first.html));
    }
    this.complaints = [];

    // KaTeX failed midway: drop what it defined (its group never closed), then keep the
    // formula's own definitions, which MathJax keeps whatever follows them.
    for (const name of Object.keys(this.macros)) if (!before.has(name)) delete this.macros[name];
    if (definitions?.global) typesetWithKatex(definitions.global, { ...settings, strict: 'ignore' }, undefined);

    let error = first.error;
    let rewritten = katexTex;
    for (let round = 0; round < 3; round++) {
      const next = closeKatexGaps(rewritten, error.message);
      if (next === undefined) break;
      rewritten = next;
      const again = typesetWithKatex(rewritten, settings, undefined);
      if ('html' in again) return raw(this.reportComplaints(again.html));
      error = again.error;
    }

    const fallback = this.typesetWithMathJax(tex, displayMode);
    if ('html' in fallback) {
      report(this.file, 'info', `math: typeset by MathJax (KaTeX: ${first.error.message})`, { place: scope.position, ruleId: 'math-fallback', source: SOURCE });
      return raw(fallback.html);
    }
    this.reportFailure(first.error, fallback.error, katexTex, tex, displayMode, scope);
    const html = katexErrorHtml(katexTex, settings, ERROR_COLOR);
    if (html !== undefined) return raw(html);
    return errorSpan(tex, first.error.message);
  }

  /** Report KaTeX's complaints about the formula just typeset; returns `html`. */
  private reportComplaints(html: string): string {
    for (const [code, message] of this.complaints) report(this.file, 'warning', `KaTeX: ${message}`, { place: this.current?.position, ruleId: `katex-${code}`, source: SOURCE });
    this.complaints = [];
    return html;
  }

  /** While the document has defined no macros, its formulas can be reused from other posts. */
  private pristine(): boolean {
    return this.definitions.length === 0 && Object.keys(this.macros).join('\u0000') === this.startKeys;
  }

  private typesetWithMathJax(tex: string, displayMode: boolean): { html: string } | { error: string } {
    // MathJax reads the anchors KaTeX's `\htmlId` writes as `\cssId`.
    const mathjaxTex = tex.replace(/\\htmlId(?![A-Za-z])/g, '\\cssId');
    const memoKey = this.pristine() ? `J${displayMode ? 'D' : 'I'}` : undefined;
    const known = memoKey === undefined ? undefined : recallTypeset(memoKey, mathjaxTex);
    if (known !== undefined) return { html: known };
    this.mathjax ??= new MathJaxPage();
    // The definitions of earlier formulas (KaTeX typeset them), then this formula (with its own).
    const own = findDefinitions(tex)?.written.length ?? 0;
    const earlier = this.definitions.slice(this.definitionsSeen, this.definitions.length - own);
    if (earlier.length > 0) this.mathjax.define(earlier.join(''));
    this.definitionsSeen = this.definitions.length;
    const result = this.mathjax.typeset(mathjaxTex, displayMode);
    if ('html' in result && memoKey !== undefined) rememberTypeset(memoKey, mathjaxTex, result.html);
    return result;
  }

  private reportFailure(error: KatexError, mathjaxError: string, katexTex: string, tex: string, displayMode: boolean, scope: Element): void {
    const place = this.errorPlace(error, katexTex, tex, displayMode, scope);
    if (error.undefinedCommand && /^Undefined control sequence/.test(mathjaxError)) {
      report(this.file, 'warning', `math: unknown command ${error.undefinedCommand}, shown in red`, { place, ruleId: 'math-undefined-command', source: SOURCE });
      return;
    }
    report(this.file, 'error', `math: ${error.message}${mathjaxError ? ` (MathJax: ${mathjaxError})` : ''}`, { place, ruleId: 'math-katex', source: SOURCE });
  }

  /** Where KaTeX's error is in the author's file: the formula's line that holds it. */
  private errorPlace(error: KatexError, katexTex: string, tex: string, displayMode: boolean, scope: Element): Point | Position | undefined {
    const start = texStart(this.file, scope, displayMode);
    if (!start || error.position === undefined) return scope.position;
    // Lines of the TeX before the error; the rewrites above keep the lines of the TeX,
    // except the leading line breaks `breakableDisplay` trims.
    const trimmedLines = countLines(tex.slice(0, tex.length - tex.trimStart().length));
    const before = katexTex.slice(0, error.position);
    const line = countLines(before) + (katexTex.startsWith('\\begin{gathered}') && !tex.trimStart().startsWith('\\begin{gathered}') ? trimmedLines : 0);
    return placeInFormula(start, line, before.length - before.lastIndexOf('\n') - 1);
  }
}

/** The formula's source in red, with the reason as its title (what KaTeX does for an error). */
function errorSpan(tex: string, reason: string): Element {
  return { type: 'element', tagName: 'span', properties: { className: ['katex-error'], style: `color:${ERROR_COLOR}`, title: reason }, children: [{ type: 'text', value: tex }] };
}

function raw(html: string): RawNode {
  return { type: 'raw', value: html };
}

function countLines(text: string): number {
  let lines = 0;
  for (const char of text) if (char === '\n') lines++;
  return lines;
}

/**
 * MathJax breaks display math at every `\\`, also inside a `{…}` group; KaTeX only at the
 * top level, so the corpus' `$$ { a \\ b \\ c } $$` came out on one line. Such a formula
 * (line breaks, no environment of its own) is typeset as `gathered`, centred lines as
 * MathJax showed them, with the group's braces dropped. A `%` comment on the last line
 * must not swallow the `\end{gathered}`.
 */
export function breakableDisplay(tex: string): string {
  if (!tex.includes('\\\\') || /\\begin\s*\{/.test(tex)) return tex;
  let body = tex.trim();
  if (body.startsWith('{') && body.endsWith('}') && closingBrace(body, 0) === body.length - 1) body = body.slice(1, -1);
  return `\\begin{gathered}${body}${endsInComment(body) ? '\n' : ''}\\end{gathered}`;
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
