/**
 * Inline math with pandoc's `tex_math_dollars` rules, as the original blog rendered it:
 *
 * - `$…$`: the opening `$` must be followed by a non-space; a `$` after a space ends the
 *   attempt (it is not math), and so does a closing `$` followed by a digit, so prose like
 *   "costs $5 and $10" stays text — pandoc's `mathInlineWith`, which fails rather than
 *   looking further;
 * - `$$…$$` inside a paragraph is display math (marked here, see `remarkPandocMath`);
 * - `\$` inside math does not close it; math never spans a blank line.
 *
 * Emits the token types of micromark-extension-math (`mathText`, `mathTextSequence`,
 * `mathTextData`, `lineEnding`), so mdast-util-math builds the usual `inlineMath` nodes.
 */
import { asciiDigit, markdownLineEnding, markdownLineEndingOrSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, Token, TokenizeContext } from 'micromark-util-types';

/** The micromark text construct. */
export const pandocMathText: Construct = { name: 'pandocMathText', tokenize, previous };

// A `$` right after another `$` or a word character does not open math (`a$b`, `$$$`).
function previous(this: TokenizeContext, code: Code): boolean {
  return code !== codes.dollarSign && code !== codes.backslash;
}

function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let double = false;
  let previousCode: Code = codes.dollarSign;
  let inData = false;
  let sequence: Token | undefined;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('mathText');
    effects.enter('mathTextSequence');
    effects.consume(code);
    return afterFirstDollar;
  }

  function afterFirstDollar(code: Code): State | undefined {
    if (code === codes.dollarSign) {
      effects.consume(code);
      double = true;
      effects.exit('mathTextSequence');
      return afterOpening;
    }
    effects.exit('mathTextSequence');
    // `$ x$` is not math for pandoc.
    if (markdownLineEndingOrSpace(code)) return nok(code);
    return afterOpening(code);
  }

  function afterOpening(code: Code): State | undefined {
    if (code === codes.eof || code === codes.dollarSign) return nok(code);
    return content(code);
  }

  function content(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    if (markdownLineEnding(code)) {
      closeData();
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      previousCode = code;
      return content;
    }
    // Pandoc: spaces inside `$…$` may not be followed by `$`; the whole attempt fails.
    if (code === codes.dollarSign && !double && markdownLineEndingOrSpace(previousCode)) return nok(code);
    if (code === codes.dollarSign) {
      closeData();
      sequence = effects.enter('mathTextSequence');
      effects.consume(code);
      return double ? closingDouble : closingSingle;
    }
    openData();
    effects.consume(code);
    previousCode = code;
    return code === codes.backslash ? escaped : content;
  }

  // `\$` and `\\` stay inside the math.
  function escaped(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return content(code);
    effects.consume(code);
    previousCode = code;
    return content;
  }

  function closingSingle(code: Code): State | undefined {
    // `$x$5`: a closing dollar followed by a digit makes the whole thing text.
    if (asciiDigit(code)) return nok(code);
    effects.exit('mathTextSequence');
    effects.exit('mathText');
    return ok(code);
  }

  function closingDouble(code: Code): State | undefined {
    if (code !== codes.dollarSign) return notClosing(code);
    effects.consume(code);
    effects.exit('mathTextSequence');
    effects.exit('mathText');
    return ok;
  }

  function notClosing(code: Code): State | undefined {
    // The dollar just consumed is part of the math after all.
    sequence!.type = 'mathTextData';
    effects.exit('mathTextData');
    previousCode = codes.dollarSign;
    return content(code);
  }

  function openData(): void {
    if (!inData) {
      effects.enter('mathTextData');
      inData = true;
    }
  }

  function closeData(): void {
    if (inData) {
      effects.exit('mathTextData');
      inData = false;
    }
  }
}
