/**
 * The math delimiters mlpost reads, and the rules shared by the block and the inline
 * tokenizers. They are pandoc's (`tex_math_dollars`, `tex_math_single_backslash`,
 * `tex_math_double_backslash`, raw LaTeX math environments) and MathJax's (how its `FindTeX`
 * looks for the end of a formula), which is how the blogs these posts come from showed them:
 *
 * - the end of a formula is its closing delimiter outside every `{…}` group; `\` and the
 *   character after it are one unit (`\$`, `\}` and `\\` never close or count);
 * - `$…$` follows pandoc: the opening `$` is followed by a non-space, a space before a `$`
 *   ends the attempt (not math), and so does a closing `$` followed by a digit; except that
 *   a formula on one line with a TeX command may end with a space before its `$`
 *   (`$\alpha $`, math on the MathJax blogs; money has no commands);
 * - `$$…$$`, `\[…\]`, `\(…\)` may hold spaces and line breaks anywhere, but never a blank
 *   line: no formula is longer than its paragraph;
 * - `\\(…\\)` and `\\[…\\]` are what authors wrote for marked + MathJax (marked turned
 *   `\\` into `\`): their content is read as marked passed it on, with Markdown's backslash
 *   escapes undone (`\\\\` is a TeX line break, `\_` an underscore);
 * - `\begin{env}…\end{env}` of a math environment outside any delimiter is display math
 *   (MathJax's `processEnvironments`, pandoc's raw LaTeX math); `\begin{align\*}` was
 *   written for marked and is read as marked passed it on;
 * - `\ref{…}` and `\eqref{…}` in prose are references (MathJax's `processRefs`).
 */
import { codes } from 'micromark-util-symbol';
import type { Code } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    /** A formula in a paragraph. */
    texMathText: 'texMathText';
    texMathDelimiter: 'texMathDelimiter';
    texMathData: 'texMathData';
    /** `$$` that opens nothing. */
    texMathUnclosed: 'texMathUnclosed';
    /** A display formula on lines of its own. */
    texMathFlow: 'texMathFlow';
    texMathFlowDelimiter: 'texMathFlowDelimiter';
    texMathFlowValue: 'texMathFlowValue';
    /** A paragraph that starts with a display on lines of its own. */
    texMathParagraph: 'texMathParagraph';
  }
}

/** How a formula is delimited. */
export type DelimiterKind = 'dollar' | 'dollars' | 'paren' | 'bracket' | 'doubleParen' | 'doubleBracket' | 'environment';

/** The environments pandoc passes to MathJax as display math (its `isMathEnvironment`). */
export const MATH_ENVIRONMENTS: ReadonlySet<string> = new Set([
  'align', 'align*', 'alignat', 'alignat*', 'aligned', 'alignedat', 'array', 'Bmatrix', 'bmatrix',
  'cases', 'CD', 'eqnarray', 'eqnarray*', 'equation', 'equation*', 'gather', 'gather*', 'gathered',
  'matrix', 'multline', 'multline*', 'pmatrix', 'smallmatrix', 'split', 'subarray', 'Vmatrix', 'vmatrix',
]);

/** Whether a formula so delimited is display math. */
export function isDisplay(kind: DelimiterKind): boolean {
  return kind !== 'dollar' && kind !== 'paren' && kind !== 'doubleParen';
}

/** Whether the content is read with Markdown's backslash escapes undone (marked's reading). */
export function isUnescaped(kind: DelimiterKind): boolean {
  return kind === 'doubleParen' || kind === 'doubleBracket';
}

/** The characters Markdown lets a backslash escape: ASCII punctuation. */
export function asciiPunctuation(code: Code): boolean {
  return code !== null && ((code >= codes.exclamationMark && code <= codes.slash) || (code >= codes.colon && code <= codes.atSign) || (code >= codes.leftSquareBracket && code <= codes.graveAccent) || (code >= codes.leftCurlyBrace && code <= codes.tilde));
}

/** Undo Markdown's backslash escapes (`\\` → `\`, `\_` → `_`), as marked did before MathJax. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * A budget for formulas that open and never close: each such attempt reads to the end of
 * its paragraph, so a hostile paragraph of thousands of `$${` would take quadratic time.
 * The first `FREE_READ` characters of every attempt are free; the rest are paid from one
 * budget per document, far beyond what real posts use. Once it is spent, an opening
 * delimiter that does not close within `FREE_READ` characters is text.
 */
export class ScanBudget {
  private left: number;
  constructor(total: number) {
    this.left = total;
  }

  /** Whether an attempt that has read `read` characters may read one more. */
  mayRead(read: number): boolean {
    return read <= FREE_READ || this.left-- > 0;
  }
}

/** Characters every attempt may read before it pays from the document's budget. */
export const FREE_READ = 256;
/** Characters past `FREE_READ` that the attempts of one document may read. */
export const SCAN_BUDGET = 4_000_000;

const budgets = new WeakMap<object, ScanBudget>();

/** The budget of one parse (`parser` is micromark's parse context, one per document). */
export function budgetOf(parser: object): ScanBudget {
  let budget = budgets.get(parser);
  if (!budget) budgets.set(parser, (budget = new ScanBudget(SCAN_BUDGET)));
  return budget;
}
