/**
 * The delimiter constructs shared by the inline and block tokenizers: closing delimiters
 * (`$$`, `\)`, `\]`, `\\)`, `\\]`) tried where one may start, and the names of
 * `\begin{…}`/`\end{…}` environments (`align\*` too, as written for marked).
 */
import { asciiAlpha, markdownSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import type { ScannerOptions } from './content-scanner.js';

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
