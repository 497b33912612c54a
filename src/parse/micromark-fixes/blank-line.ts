/**
 * micromark's `blankLine` check ("is the rest of this line whitespace?") reads every
 * space up to the first other character. A list item checks it on every line it
 * continues, and so does every item it is nested in, each from a little further along the
 * same indentation: a list nested one level per line, 1 000 deep, read its indentation
 * a few hundred million times (47 s).
 *
 * The check run from a later point of a whitespace run that was already read to a
 * non-space character on the same line has the same answer: not blank. This tokenizer
 * remembers the last such run (per parse) and answers `nok` at once from inside it; every
 * other case runs micromark's tokenizer unchanged. Answering `nok` without reading is safe
 * under `check` and `attempt` alike: both drop what a failed construct read. Only runs
 * ended by a character (not by the end of a chunk) are remembered, and used only where
 * the tokenizer sees a character too: chunks (what a tokenizer of the parse is given)
 * end at line starts, so every tokenizer that sees the run's start sees the same line.
 */
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import type { Code, Effects, ParseContext, State, TokenizeContext, Tokenizer } from 'micromark-util-types';

/** The last whitespace run read to a non-space character: offsets `from` … `to` (that character). */
interface Run {
  from: number;
  to: number;
}

const runs = new WeakMap<ParseContext, Run>();

/** `blankLine.tokenize` with the memo, around micromark's own `original`. */
export function blankLineWithMemo(original: Tokenizer): Tokenizer {
  return function tokenizeBlankLine(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const self = this;
    let from = -1;
    // micromark's tokenizer, told where it ends so the run can be remembered.
    const upstream = original.call(self, effects, ok, (code: Code) => {
      if (code !== null && !markdownLineEnding(code) && !markdownSpace(code) && from >= 0) runs.set(self.parser, { from, to: self.now().offset });
      return nok(code);
    });
    return function start(code: Code) {
      from = self.now().offset;
      const run = runs.get(self.parser);
      // A tokenizer whose chunk ends here sees `null` where the text goes on: ask micromark.
      if (run && run.from <= from && from <= run.to && code !== null && !markdownLineEnding(code)) return nok(code);
      return upstream(code);
    };
  };
}
