/**
 * micromark extension for Hexo tags: `{% name args %}`.
 *
 * Hexo expands its tags before Markdown is parsed, so a tag line works with or without
 * blank lines around it. We keep that by making a tag alone on its line a flow construct
 * (`hexoTag`) that interrupts paragraphs, like an HTML block would; a tag inside a line of
 * text is a text construct (`hexoTagText`). Tags never span lines. Pairing an opening tag
 * with its `{% endname %}` happens later, on the tree (see `pair.ts`).
 */
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    hexoTag: 'hexoTag';
    hexoTagText: 'hexoTagText';
    hexoTagTrailingSpace: 'hexoTagTrailingSpace';
  }
}

const hexoTagFlow: Construct = { name: 'hexoTagFlow', tokenize: tokenizeFlow };
const hexoTagText: Construct = { name: 'hexoTagText', tokenize: tokenizeText };

/** The micromark syntax extension for Hexo tags. */
export function hexoTagSyntax(): Extension {
  return {
    flow: { [codes.leftCurlyBrace]: hexoTagFlow },
    text: { [codes.leftCurlyBrace]: hexoTagText },
  };
}

/**
 * States shared by both constructs: `{%`, at least one non-space character, `%}`,
 * all on one line. `done` runs after the closing `}` with the token still open.
 */
function tagStates(effects: Effects, nok: State, type: 'hexoTag' | 'hexoTagText', done: State): State {
  let sawName = false;
  return start;

  function start(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.enter(type);
    effects.consume(code);
    return percent;
  }

  function percent(code: Code): State | undefined {
    if (code !== codes.percentSign) return nok(code);
    effects.consume(code);
    return inside;
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return nok(code);
    if (code === codes.percentSign) {
      effects.consume(code);
      return maybeClose;
    }
    if (!markdownSpace(code)) sawName = true;
    effects.consume(code);
    return inside;
  }

  function maybeClose(code: Code): State | undefined {
    if (code === codes.rightCurlyBrace && sawName) {
      effects.consume(code);
      effects.exit(type);
      return done;
    }
    sawName = true; // a `%` that does not close is part of the tag's text
    return inside(code);
  }
}

function tokenizeFlow(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return tagStates(effects, nok, 'hexoTag', after);

  // Only trailing whitespace may follow a flow tag on its line.
  function after(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.enter('hexoTagTrailingSpace');
      return trailing(code);
    }
    return end(code);
  }

  function trailing(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code);
      return trailing;
    }
    effects.exit('hexoTagTrailingSpace');
    return end(code);
  }

  function end(code: Code): State | undefined {
    return code === codes.eof || markdownLineEnding(code) ? ok(code) : nok(code);
  }
}

function tokenizeText(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return tagStates(effects, nok, 'hexoTagText', ok);
}
