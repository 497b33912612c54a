/**
 * The content of a formula up to its closing delimiter, read the way MathJax's `FindTeX`
 * reads it (`\\` and the next character are one unit, `{…}` groups hide delimiters), with
 * pandoc's rules for `$` and marked's reading of backslashes where asked: shared by the
 * inline tokenizer (`math-text.ts`) and the block one (`math-flow.ts`).
 */
import { asciiAlpha, markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes, types } from 'micromark-util-symbol';
import type { Code, Effects, State, TokenizeContext } from 'micromark-util-types';
import { asciiPunctuation, budgetOf, READS_PER_CHARACTER } from './delimiters.js';
import { raiseParseMessage } from '../../parse/parse-messages.js';

/** How {@link contentScanner} reads a formula. */
export interface ScannerOptions {
  /** The token type of the TeX between delimiters. */
  dataType: 'texMathData' | 'texMathFlowValue';
  /** The character that may start the closing delimiter. */
  closesWith: Code;
  /**
   * Pandoc's `$`: a space before a `$` outside groups ends the attempt, which keeps
   * `$5 and $10` money; unless the formula so far is on one line and has a TeX command
   * (`$\\alpha $`, which the MathJax blogs showed as math: money has no commands).
   */
  spaceBeforeDollarFails?: boolean;
  /** marked's reading: `\` before ASCII punctuation is Markdown's escape, not TeX's. */
  unescape?: boolean;
  /**
   * At a candidate closing delimiter outside groups: the state to go on in. `asContent`
   * reads the character as content instead (for when the delimiter is not there).
   */
  close: (code: Code, asContent: State) => State | undefined;
  /** At a line ending: the state to go on in; `resume` goes back to the formula. Default: a `lineEnding` token. */
  lineEnding?: (code: Code, resume: State) => State | undefined;
  /**
   * Names the kind of formula, for remembering where formulas of that kind fail within
   * one paragraph (inline math only: a paragraph's text is read by one tokenizer to its end).
   */
  failures?: string;
}

/**
 * Where formulas of each kind are known to fail, per paragraph tokenizer: states of the
 * scanner (position, brace depth and, for `$`, what decides its space rule) from which an
 * attempt ran to the end of the paragraph, or to pandoc's space rule, without closing.
 * The rest of an attempt depends on nothing else, so an attempt that reaches such a state
 * fails too, at once: a paragraph of 20 000 `\[` read itself once, not 20 000 times.
 */
const knownFailures = new WeakMap<TokenizeContext, Map<string, Set<number>>>();
/** Brace depths up to this are remembered (a deeper state is not, the key has room for no more). */
const REMEMBERED_DEPTH = 2 ** 20;

function failuresOf(self: TokenizeContext, kind: string): Set<number> {
  let kinds = knownFailures.get(self);
  if (!kinds) knownFailures.set(self, (kinds = new Map()));
  let states = kinds.get(kind);
  if (!states) kinds.set(kind, (states = new Set()));
  return states;
}

/**
 * The content of a formula up to its closing delimiter, shared by every delimiter kind and
 * by the block tokenizer: `\` and the next character are one unit, `{…}` groups hide
 * delimiters (MathJax's `FindTeX`). Returns the state to start in.
 */
export function contentScanner(self: TokenizeContext, effects: Effects, nok: State, options: ScannerOptions): State {
  const budget = budgetOf(self);
  // Where the formula's content starts: the place of the error if the budget runs out here.
  const place = self.now();
  const { dataType } = options;
  let depth = 0;
  let afterSpace = false;
  let crossedLine = false;
  let afterCommand = false;
  // A line ending right after `\\` is its partner (pandoc), not a space before a `$`.
  let pairedLineEnding = false;
  let inData = false;
  const failures = options.failures === undefined ? undefined : failuresOf(self, options.failures);
  const visited: number[] = [];
  return content;

  function content(code: Code): State | undefined {
    if (code === codes.eof) return fail(code);
    const offset = self.now().offset;
    if (!budget.mayRead(offset)) return outOfBudget(code);
    if (failures && depth < REMEMBERED_DEPTH) {
      // Position, depth and (what `$`'s space rule reads) four flags, as one number.
      const flags = options.spaceBeforeDollarFails ? Number(afterSpace) | (Number(crossedLine) << 1) | (Number(afterCommand) << 2) | (Number(pairedLineEnding) << 3) : 0;
      const state = (offset * REMEMBERED_DEPTH + depth) * 16 + flags;
      if (failures.has(state)) return fail(code);
      visited.push(state);
    }
    if (markdownLineEnding(code)) {
      closeData();
      afterSpace = !pairedLineEnding;
      crossedLine = true;
      pairedLineEnding = false;
      if (options.lineEnding) return options.lineEnding(code, content);
      effects.enter(types.lineEnding);
      effects.consume(code);
      effects.exit(types.lineEnding);
      return content;
    }
    if (depth === 0 && code === options.closesWith) {
      if (options.spaceBeforeDollarFails && afterSpace && (crossedLine || !afterCommand)) return fail(code);
      closeData();
      return options.close(code, asContent);
    }
    return asContent(code);
  }

  /** The paragraph's formulas read all they may: this one is text, and the first such is reported. */
  function outOfBudget(code: Code): State | undefined {
    if (!budget.reported) {
      budget.reported = true;
      raiseParseMessage({
        severity: 'error',
        reason: `this paragraph has so many formulas that never close that looking for their ends read it over ${READS_PER_CHARACTER} times: its math from here on is text`,
        place: { line: place.line, column: place.column },
        ruleId: 'math-scan-limit',
        source: 'mlpost:math',
      });
    }
    return nok(code);
  }

  /** The attempt fails for a reason its states decide: remember them. */
  function fail(code: Code): State | undefined {
    if (failures) for (const state of visited) failures.add(state);
    return nok(code);
  }

  function asContent(code: Code): State | undefined {
    openData();
    effects.consume(code);
    afterSpace = markdownSpace(code);
    if (code === codes.backslash) return options.unescape ? afterMarkdownBackslash : escaped;
    countBrace(code);
    return content;
  }

  /** After a TeX `\`: the next character belongs to it (`\$`, `\{`, `\\`). */
  function escaped(code: Code): State | undefined {
    if (code === codes.eof) return content(code);
    if (markdownLineEnding(code)) {
      pairedLineEnding = true;
      return content(code);
    }
    if (asciiAlpha(code)) afterCommand = true;
    effects.consume(code);
    return content;
  }

  /** After a `\` in marked's reading: `\{` is a brace, `\\` a TeX backslash. */
  function afterMarkdownBackslash(code: Code): State | undefined {
    if (code === codes.backslash) {
      effects.consume(code);
      return afterTexBackslash;
    }
    if (asciiPunctuation(code)) {
      // Markdown's escape of a punctuation mark: the mark itself, braces counting.
      effects.consume(code);
      countBrace(code);
      return content;
    }
    // A backslash before a letter is TeX's, and so is the letter.
    return escaped(code);
  }

  /** After `\\` (one TeX backslash in marked's reading): the next character is its partner. */
  function afterTexBackslash(code: Code): State | undefined {
    if (code !== codes.backslash) return escaped(code);
    // `\\\{`: the partner written as a Markdown escape.
    effects.consume(code);
    return escaped;
  }

  function countBrace(code: Code): void {
    if (code === codes.leftCurlyBrace) depth++;
    else if (code === codes.rightCurlyBrace && depth > 0) depth--;
  }

  function openData(): void {
    if (!inData) {
      effects.enter(dataType);
      inData = true;
    }
  }

  function closeData(): void {
    if (inData) {
      effects.exit(dataType);
      inData = false;
    }
  }
}
