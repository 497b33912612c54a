/**
 * Math inside a paragraph: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`, `\\(…\\)`, `\\[…\\]`,
 * `\begin{env}…\end{env}` and bare `\ref{…}`/`\eqref{…}`, by the rules of `delimiters.ts`.
 * A formula may span the lines of its paragraph, never more.
 *
 * Tokens: `texMathText` around each formula, with `texMathDelimiter` (opening and closing),
 * `texMathData` and `lineEnding` inside; environments and references have no delimiter
 * token (their delimiters are part of the TeX). A `$$` that opens nothing is a
 * `texMathUnclosed` token, so the author is told; longer runs of `$` are plain text.
 */
import { asciiAlpha, asciiDigit, markdownLineEnding, markdownLineEndingOrSpace, markdownSpace } from 'micromark-util-character';
import { codes, types } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, Token, TokenizeContext } from 'micromark-util-types';
import { asciiPunctuation, budgetOf, MATH_ENVIRONMENTS, type DelimiterKind } from './delimiters.js';

/** `$…$` and `$$…$$`. */
export const dollarMathText: Construct = { name: 'dollarMathText', tokenize: tokenizeDollarMath };
/** `\(…\)`, `\[…\]`, `\\(…\\)`, `\\[…\\]`. */
export const backslashMathText: Construct = { name: 'backslashMathText', tokenize: tokenizeBackslashMath };
/** `\begin{env}…\end{env}` of a math environment. */
export const environmentMathText: Construct = { name: 'environmentMathText', tokenize: tokenizeEnvironment };
/** `\ref{key}` and `\eqref{key}` in prose. */
export const referenceMathText: Construct = { name: 'referenceMathText', tokenize: tokenizeReference };
/** A run of dollars that is not math: `$$` is reported as never closed. */
export const dollarRunText: Construct = { name: 'dollarRunText', tokenize: tokenizeDollarRun };

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
}

/**
 * The content of a formula up to its closing delimiter, shared by every delimiter kind and
 * by the block tokenizer: `\` and the next character are one unit, `{…}` groups hide
 * delimiters (MathJax's `FindTeX`). Returns the state to start in.
 */
export function contentScanner(self: TokenizeContext, effects: Effects, nok: State, options: ScannerOptions): State {
  const budget = budgetOf(self.parser);
  const { dataType } = options;
  let read = 0;
  let depth = 0;
  let afterSpace = false;
  let crossedLine = false;
  let afterCommand = false;
  // A line ending right after `\\` is its partner (pandoc), not a space before a `$`.
  let pairedLineEnding = false;
  let inData = false;
  return content;

  function content(code: Code): State | undefined {
    if (code === codes.eof || !budget.mayRead(++read)) return nok(code);
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
      if (options.spaceBeforeDollarFails && afterSpace && (crossedLine || !afterCommand)) return nok(code);
      closeData();
      return options.close(code, asContent);
    }
    return asContent(code);
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
    read++;
    effects.consume(code);
    return content;
  }

  /** After a `\` in marked's reading: `\{` is a brace, `\\` a TeX backslash. */
  function afterMarkdownBackslash(code: Code): State | undefined {
    if (code === codes.backslash) {
      read++;
      effects.consume(code);
      return afterTexBackslash;
    }
    if (asciiPunctuation(code)) {
      // Markdown's escape of a punctuation mark: the mark itself, braces counting.
      read++;
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
    read++;
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

function tokenizeDollarMath(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  let kind: DelimiterKind = 'dollar';
  return start;

  function start(code: Code): State | undefined {
    effects.enter('texMathText');
    effects.enter('texMathDelimiter');
    effects.consume(code);
    return afterFirstDollar;
  }

  function afterFirstDollar(code: Code): State | undefined {
    if (code === codes.dollarSign) {
      effects.consume(code);
      kind = 'dollars';
      return afterSecondDollar;
    }
    effects.exit('texMathDelimiter');
    // Pandoc: `$ x$` is not math.
    if (markdownLineEndingOrSpace(code) || code === codes.eof) return nok(code);
    return scanner(code);
  }

  function afterSecondDollar(code: Code): State | undefined {
    // `$$$`: not a delimiter of ours.
    if (code === codes.dollarSign || code === codes.eof) return nok(code);
    effects.exit('texMathDelimiter');
    return scanner(code);
  }

  function scanner(code: Code): State | undefined {
    return contentScanner(self, effects, nok, {
      dataType: 'texMathData',
      closesWith: codes.dollarSign,
      spaceBeforeDollarFails: kind === 'dollar',
      close: (dollar, asContent) => {
        if (kind === 'dollars') return effects.attempt(closingDollars, closed, asContent)(dollar);
        effects.enter('texMathDelimiter');
        effects.consume(dollar);
        effects.exit('texMathDelimiter');
        return afterSingleClose;
      },
    })(code);
  }

  function afterSingleClose(code: Code): State | undefined {
    // Pandoc: `$5 and $10` is money, and so is `$x$5`.
    if (asciiDigit(code)) return nok(code);
    return closed(code);
  }

  function closed(code: Code): State | undefined {
    effects.exit('texMathText');
    return ok(code);
  }
}

/** The token type of a delimiter: inline or block. */
export type DelimiterToken = 'texMathDelimiter' | 'texMathFlowDelimiter';

/**
 * A partial construct for a closing delimiter that starts with `$` or `\`: `$$`, `\)`,
 * `\]`, `\\)`, `\\]` (the text of `sequence`).
 */
export function closingDelimiter(sequence: string, tokenType: DelimiterToken): Construct {
  return { partial: true, tokenize: tokenizeCloser };

  function tokenizeCloser(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    let index = 0;
    return start;

    function start(code: Code): State | undefined {
      effects.enter(tokenType);
      return inCloser(code);
    }

    function inCloser(code: Code): State | undefined {
      if (code !== sequence.charCodeAt(index)) return nok(code);
      effects.consume(code);
      if (++index < sequence.length) return inCloser;
      effects.exit(tokenType);
      return ok;
    }
  }
}

/** The closing delimiter of each kind but `dollar` and `environment`. */
export const CLOSING = {
  dollars: '$$',
  paren: String.raw`\)`,
  bracket: String.raw`\]`,
  doubleParen: String.raw`\\)`,
  doubleBracket: String.raw`\\]`,
} as const;

/**
 * The constructs that close a formula of `kind`. In marked's reading `\\\)` is `\)` too
 * (an escaped backslash, an escaped parenthesis).
 */
export function closersOf(kind: 'paren' | 'bracket' | 'doubleParen' | 'doubleBracket', tokenType: DelimiterToken): Construct[] {
  if (kind === 'paren' || kind === 'bracket') return [closingDelimiter(CLOSING[kind], tokenType)];
  return [closingDelimiter(CLOSING[kind], tokenType), closingDelimiter(`\\${CLOSING[kind]}`, tokenType)];
}

const closingDollars = closingDelimiter(CLOSING.dollars, 'texMathDelimiter');
const closers = {
  paren: closersOf('paren', 'texMathDelimiter'),
  bracket: closersOf('bracket', 'texMathDelimiter'),
  doubleParen: closersOf('doubleParen', 'texMathDelimiter'),
  doubleBracket: closersOf('doubleBracket', 'texMathDelimiter'),
};

function tokenizeBackslashMath(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  let double = false;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('texMathText');
    effects.enter('texMathDelimiter');
    effects.consume(code);
    return afterBackslash;
  }

  function afterBackslash(code: Code): State | undefined {
    if (code === codes.backslash && !double) {
      effects.consume(code);
      double = true;
      return afterBackslash;
    }
    if (code !== codes.leftParenthesis && code !== codes.leftSquareBracket) return nok(code);
    const bracket = code === codes.leftSquareBracket;
    const kind = double ? (bracket ? 'doubleBracket' : 'doubleParen') : bracket ? 'bracket' : 'paren';
    effects.consume(code);
    effects.exit('texMathDelimiter');
    const scan = contentScanner(self, effects, nok, {
      dataType: 'texMathData',
      closesWith: codes.backslash,
      unescape: double,
      close: (backslash, asContent) => effects.attempt(closers[kind], closed, asContent)(backslash),
    });
    return (next: Code) => (next === codes.eof ? nok(next) : scan(next));
  }

  function closed(code: Code): State | undefined {
    effects.exit('texMathText');
    return ok(code);
  }
}

function tokenizeEnvironment(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  let name = '';
  let escaped = false;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('texMathText');
    effects.enter('texMathData');
    effects.consume(code);
    return literal('begin', afterBegin, effects, nok);
  }

  function afterBegin(code: Code): State | undefined {
    return environmentName(effects, nok, (found, markedEscape) => {
      name = found;
      escaped = markedEscape;
      return MATH_ENVIRONMENTS.has(name);
    }, afterName)(code);
  }

  function afterName(code: Code): State | undefined {
    effects.exit('texMathData');
    return contentScanner(self, effects, nok, {
      dataType: 'texMathData',
      closesWith: codes.backslash,
      // `\begin{align\*}` was written for marked: read the rest as marked passed it on.
      unescape: escaped,
      close: (backslash, asContent) => effects.attempt(environmentEnd(name, 'texMathData'), closed, asContent)(backslash),
    })(code);
  }

  function closed(code: Code): State | undefined {
    effects.exit('texMathText');
    return ok(code);
  }
}

/** Consume the letters of `word`, then go on in `next`. */
export function literal(word: string, next: State, effects: Effects, nok: State): State {
  let index = 0;
  return inWord;
  function inWord(code: Code): State | undefined {
    if (index === word.length) return next(code);
    if (code !== word.charCodeAt(index)) return nok(code);
    index++;
    effects.consume(code);
    return inWord;
  }
}

/**
 * `{name}` after `\begin` or `\end`, spaces allowed before it (as MathJax allows). `accept`
 * gets the name and whether its `*` was written `\*` for marked (`align\*`).
 */
export function environmentName(effects: Effects, nok: State, accept: (name: string, markedEscape: boolean) => boolean, next: State): State {
  let name = '';
  let markedEscape = false;
  return beforeBrace;

  function beforeBrace(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code);
      return beforeBrace;
    }
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.consume(code);
    return inName;
  }

  function inName(code: Code): State | undefined {
    if (code === codes.rightCurlyBrace) {
      if (!accept(name, markedEscape)) return nok(code);
      effects.consume(code);
      return next;
    }
    if (code === codes.backslash && name.length > 0) {
      effects.consume(code);
      return escapedStar;
    }
    if (!(asciiAlpha(code) || code === codes.asterisk) || name.length > 20) return nok(code);
    name += String.fromCharCode(code!);
    effects.consume(code);
    return inName;
  }

  function escapedStar(code: Code): State | undefined {
    if (code !== codes.asterisk) return nok(code);
    name += '*';
    markedEscape = true;
    effects.consume(code);
    return inName;
  }
}

/** A partial construct for `\end{name}`, the end of an environment (part of the TeX). */
export function environmentEnd(name: string, dataType: ScannerOptions['dataType']): Construct {
  return { partial: true, tokenize: tokenizeEnd };

  function tokenizeEnd(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    return start;

    function start(code: Code): State | undefined {
      effects.enter(dataType);
      effects.consume(code);
      return literal('end', environmentName(effects, nok, (found) => found === name, done), effects, nok);
    }

    function done(code: Code): State | undefined {
      effects.exit(dataType);
      return ok(code);
    }
  }
}

function tokenizeReference(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let expected = 'ref';
  let matched = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('texMathText');
    effects.enter('texMathData');
    effects.consume(code);
    return name;
  }

  function name(code: Code): State | undefined {
    if (matched === 0 && code === codes.lowercaseE && expected === 'ref') {
      expected = 'eqref';
    }
    if (matched < expected.length) {
      if (code !== expected.charCodeAt(matched)) return nok(code);
      matched++;
      effects.consume(code);
      return name;
    }
    return beforeKey(code);
  }

  function beforeKey(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code);
      return beforeKey;
    }
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.consume(code);
    return key;
  }

  function key(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code) || code === codes.leftCurlyBrace) return nok(code);
    effects.consume(code);
    if (code !== codes.rightCurlyBrace) return key;
    effects.exit('texMathData');
    effects.exit('texMathText');
    return ok;
  }
}

function tokenizeDollarRun(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0;
  let token: Token | undefined;
  return start;

  function start(code: Code): State | undefined {
    token = effects.enter('texMathUnclosed');
    return run(code);
  }

  function run(code: Code): State | undefined {
    if (code === codes.dollarSign) {
      size++;
      effects.consume(code);
      return run;
    }
    // A lone `$` is money; three or more dollars are not a delimiter of ours.
    if (size === 1) return nok(code);
    if (size > 2) token!.type = types.data;
    effects.exit(token!.type);
    return ok(code);
  }
}
