/**
 * KaTeX, the first engine (fast, no start-up): one call per formula, its HTML kept as a
 * string, and a memo of formulas already typeset with the same settings (re-rendering an
 * edited post is cheap).
 */
import katex, { type KatexOptions } from 'katex';
import { isFormulaLimitError } from '../../limits/formula.js';

/** What KaTeX made of a formula: its HTML, or its error. */
export type KatexResult = { html: string } | { error: KatexError };

/** A KaTeX error, from its `ParseError` where it is one. */
export interface KatexError {
  /** KaTeX's message without its position (`ParseError.rawMessage`). */
  message: string;
  /** Index in the TeX KaTeX was given, when it knows one (`ParseError.position`). */
  position: number | undefined;
  /** `\foo` when the error is an unknown command. */
  undefinedCommand: string | undefined;
}

// Bounded by size, not count: a site of thousands of distinct formulas must not grow the
// heap without end (the site builder measured that). ~8 M characters of KaTeX HTML.
const MEMO_CHARACTERS = 8_000_000;
const memo = new Map<string, string>();
let memoCharacters = 0;

/**
 * Typeset `tex` with `settings`. `memoKey`: reuse what `rememberTypeset` kept under that key
 * (the caller keeps what it may reuse: not a formula KaTeX complained about, whose
 * complaints would be lost).
 */
export function typesetWithKatex(tex: string, settings: KatexOptions, memoKey: string | undefined): KatexResult {
  const known = memoKey === undefined ? undefined : recallTypeset(memoKey, tex);
  if (known !== undefined) return { html: known };
  try {
    return { html: katex.renderToString(tex, { ...settings, throwOnError: true }) };
  } catch (error) {
    // A limit of `src/limits/formula.ts` is not a TeX error: the caller stops there.
    if (isFormulaLimitError(error)) throw error;
    return { error: katexError(error) };
  }
}

/** KaTeX's own rendering of a formula it rejects: the TeX in red. */
export function katexErrorHtml(tex: string, settings: KatexOptions, color: string): string | undefined {
  try {
    return katex.renderToString(tex, { ...settings, strict: 'ignore', throwOnError: false, errorColor: color });
  } catch {
    return undefined;
  }
}

/** Remember what an engine made of a formula, to reuse under `memoKey`. */
export function rememberTypeset(memoKey: string, tex: string, html: string): void {
  remember(`${memoKey}\u0000${tex}`, html);
}

/** What was remembered under `memoKey` for `tex`. */
export function recallTypeset(memoKey: string, tex: string): string | undefined {
  return memo.get(`${memoKey}\u0000${tex}`);
}

function remember(key: string, html: string): void {
  if (memoCharacters + html.length + key.length > MEMO_CHARACTERS) {
    memo.clear();
    memoCharacters = 0;
  }
  memo.set(key, html);
  memoCharacters += html.length + key.length;
}

function katexError(error: unknown): KatexError {
  if (error instanceof katex.ParseError) {
    const message = error.rawMessage;
    return { message, position: error.position, undefinedCommand: /^Undefined control sequence: (\\\S+)$/.exec(message)?.[1] };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: message.replace(/^KaTeX parse error: /, ''), position: undefined, undefinedCommand: undefined };
}
