/**
 * Pandoc's `markdown_in_html_blocks` for `<div>`: Markdown between a `<div …>` line and a
 * `</div>` line is parsed as Markdown.
 *
 *     <div align='center'>
 *     ![alt text](/img/avatar.jpg "Title")
 *     </div>
 *
 * CommonMark reads all of that as one raw HTML block running to the next blank line, so the
 * image stays source text (and a `[id]: url` line right after `</div>` is printed). Here a
 * line holding only a `<div …>` opening tag, or only `</div>`, is a block of its own, which
 * (like a Hexo tag line) also ends a paragraph; the lines between are ordinary Markdown.
 * Both become `html` nodes, and rehype-raw nests the content inside the div.
 *
 * A div with content on its own line (`<div>text</div>`) stays a CommonMark HTML block.
 */
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { Html } from 'mdast';
import type { Processor } from 'unified';
import { asciiAlpha, markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    htmlDivLine: 'htmlDivLine';
  }
}

const divLine: Construct = { name: 'htmlDivLine', tokenize: tokenizeDivLine };

/** The micromark syntax extension: `<div …>` and `</div>` lines. */
export function htmlDivSyntax(): Extension {
  return { flow: { [codes.lessThan]: divLine } };
}

function tokenizeDivLine(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const name = 'div';
  let matched = 0;
  let closing = false;
  let quote: Code = null;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('htmlDivLine');
    effects.consume(code);
    return slash;
  }

  function slash(code: Code): State | undefined {
    if (code === codes.slash) {
      closing = true;
      effects.consume(code);
      return tagName;
    }
    return tagName(code);
  }

  function tagName(code: Code): State | undefined {
    if (matched < name.length) {
      if (code === null || !asciiAlpha(code) || String.fromCharCode(code).toLowerCase() !== name[matched]) return nok(code);
      matched++;
      effects.consume(code);
      return tagName;
    }
    if (code === codes.greaterThan) return end(code);
    // `<divx>` is another tag; a closing tag has no attributes.
    if (!markdownSpace(code)) return nok(code);
    return closing ? spaceBeforeEnd(code) : attributes(code);
  }

  function spaceBeforeEnd(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code);
      return spaceBeforeEnd;
    }
    return code === codes.greaterThan ? end(code) : nok(code);
  }

  /** Attributes, as written: anything up to the `>` that is not inside quotes. */
  function attributes(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return nok(code);
    if (quote !== null) {
      if (code === quote) quote = null;
    } else if (code === codes.quotationMark || code === codes.apostrophe) {
      quote = code;
    } else if (code === codes.greaterThan) {
      return end(code);
    } else if (code === codes.lessThan) {
      return nok(code);
    }
    effects.consume(code);
    return attributes;
  }

  function end(code: Code): State | undefined {
    effects.consume(code);
    return trailing;
  }

  // Only spaces may follow the tag on its line.
  function trailing(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code);
      return trailing;
    }
    if (code !== codes.eof && !markdownLineEnding(code)) return nok(code);
    effects.exit('htmlDivLine');
    return ok(code);
  }
}

/** mdast: each div line is an `html` node with the tag as written. */
export function htmlDivFromMarkdown(): FromMarkdownExtension {
  return {
    enter: { htmlDivLine: enterDivLine },
    exit: { htmlDivLine: exitDivLine },
  };
}

function enterDivLine(this: CompileContext, token: Token): void {
  const node: Html = { type: 'html', value: '' };
  this.enter(node, token);
}

function exitDivLine(this: CompileContext, token: Token): void {
  const node = this.stack[this.stack.length - 1] as Html;
  node.value = this.sliceSerialize(token).trimEnd();
  this.exit(token);
}

/** The remark plugin. */
export function remarkPandocHtmlDivs(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(htmlDivSyntax());
  (data.fromMarkdownExtensions ??= []).push(htmlDivFromMarkdown());
}
