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
 * its paragraph, so a hostile paragraph of thousands of `\\({` would take quadratic time
 * (attempts that reach a place where one of the same kind already failed stop there, see
 * `content-scanner.ts`, but braces make every attempt's places new). The formulas of one
 * paragraph (one tokenizer) may read `READ_BASE` characters and `READS_PER_CHARACTER` per
 * character of the paragraph read so far, far beyond what real posts use (each character
 * read about twice). Once it is spent, the paragraph's remaining delimiters are text, and
 * one error says so.
 */
export class ScanBudget {
  private reads = 0;
  private first = -1;
  private furthest = -1;
  /** Whether running out was reported (once per paragraph). */
  reported = false;

  /** Whether an attempt may read the character at `offset`. */
  mayRead(offset: number): boolean {
    if (this.first < 0) this.first = offset;
    if (offset > this.furthest) this.furthest = offset;
    return ++this.reads <= READ_BASE + READS_PER_CHARACTER * (this.furthest - this.first);
  }
}

/** Characters the formulas of one paragraph may read, besides {@link READS_PER_CHARACTER} per character. */
export const READ_BASE = 65_536;
/** Characters the formulas of one paragraph may read per character of it. */
export const READS_PER_CHARACTER = 8;

const budgets = new WeakMap<object, ScanBudget>();

/** The budget of one tokenizer (a paragraph's text, or the document's flow). */
export function budgetOf(tokenizer: object): ScanBudget {
  // (An interrupt check runs on an object micromark makes for it, so each check has a
  // budget of its own; sharing the flow tokenizer's made real posts' displays depend on
  // what was read before: the pipeline order test caught it.)
  let budget = budgets.get(tokenizer);
  if (!budget) budgets.set(tokenizer, (budget = new ScanBudget()));
  return budget;
}
