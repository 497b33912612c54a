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
import { asciiDigit, markdownLineEnding, markdownLineEndingOrSpace, markdownSpace } from 'micromark-util-character';
import { codes, types } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, Token, TokenizeContext } from 'micromark-util-types';
import { contentScanner } from './content-scanner.js';
import { CLOSING, closersOf, closingDelimiter, environmentEnd, environmentName, literal } from './delimiter-constructs.js';
import { MATH_ENVIRONMENTS, type DelimiterKind } from './delimiters.js';

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
      failures: kind,
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
      failures: kind,
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
      failures: `environment ${name}${escaped ? ' escaped' : ''}`,
      close: (backslash, asContent) => effects.attempt(environmentEnd(name, 'texMathData'), closed, asContent)(backslash),
    })(code);
  }

  function closed(code: Code): State | undefined {
    effects.exit('texMathText');
    return ok(code);
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
