/**
 * Pandoc's `line_blocks`: verse and addresses, where line breaks and leading spaces count.
 *
 *     | The limerick packs laughs anatomical
 *     |     Into space that is quite economical.
 *     |
 *
 * Every line starts with `|` and a space (or is a bare `|`, an empty line); a line that
 * starts with a space instead continues the previous one. The text is inline Markdown.
 * Pandoc writes `<div class="line-block">` with a `<br>` between lines and each leading
 * space of a line (after the one following `|`) as a no-break space; so do we.
 *
 * A line block starts after a blank line (it never interrupts a paragraph), and a run of
 * `|` lines whose second line is a table delimiter row (`|---|---|`) is a GFM table.
 */
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { Break, Parent, PhrasingContent, Text } from 'mdast';
import type { Processor } from 'unified';
import { factorySpace } from 'micromark-factory-space';
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes, types } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    lineBlock: 'lineBlock';
    lineBlockLine: 'lineBlockLine';
    lineBlockMarker: 'lineBlockMarker';
    lineBlockIndent: 'lineBlockIndent';
    lineBlockWrap: 'lineBlockWrap';
  }
}

/** A line block: phrasing content with `break` nodes between its lines. */
export interface LineBlock extends Parent {
  type: 'lineBlock';
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    lineBlock: LineBlock;
  }
  interface BlockContentMap {
    lineBlock: LineBlock;
  }
}

const NO_BREAK_SPACE = '\u00a0';

const lineBlockConstruct: Construct = { name: 'lineBlock', tokenize: tokenizeLineBlock };
const tableDelimiterRow: Construct = { name: 'lineBlockTableCheck', tokenize: tokenizeDelimiterRow, partial: true };
const nextLine: Construct = { name: 'lineBlockNextLine', tokenize: tokenizeNextLine, partial: true };
const barThenSpace: Construct = { name: 'lineBlockBar', tokenize: tokenizeBarThenSpace, partial: true };

/** The micromark syntax extension. */
export function lineBlockSyntax(): Extension {
  return { flow: { [codes.verticalBar]: lineBlockConstruct } };
}

function tokenizeLineBlock(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  // eslint-disable-next-line @typescript-eslint/no-this-alias -- micromark's tokenizer context
  const self = this;
  let lines = 0;
  return start;

  function start(code: Code): State | undefined {
    if (self.interrupt || code !== codes.verticalBar || continuesTable(self)) return nok(code);
    effects.enter('lineBlock');
    return lineStart(code);
  }

  /** At `|` (a new line) or at a space (a continuation of the previous line). */
  function lineStart(code: Code): State | undefined {
    if (code === codes.verticalBar) {
      if (lines > 0) effects.exit('lineBlockLine');
      lines++;
      effects.enter('lineBlockLine');
      effects.enter('lineBlockMarker');
      effects.consume(code);
      return afterBar;
    }
    // A continuation line: its leading spaces are the wrap, not indentation.
    return factorySpace(effects, text, 'lineBlockWrap')(code);
  }

  function afterBar(code: Code): State | undefined {
    if (code === codes.space) {
      effects.consume(code);
      effects.exit('lineBlockMarker');
      return indent;
    }
    effects.exit('lineBlockMarker');
    if (code === codes.eof || markdownLineEnding(code)) return lineEnd(code);
    // `|x` is not a line block line (a table row, or text).
    return nok(code);
  }

  function indent(code: Code): State | undefined {
    if (code !== codes.space) return text(code);
    effects.enter('lineBlockIndent');
    return indentMore(code);
  }

  function indentMore(code: Code): State | undefined {
    if (code === codes.space) {
      effects.consume(code);
      return indentMore;
    }
    effects.exit('lineBlockIndent');
    return text(code);
  }

  function text(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return lineEnd(code);
    // Each physical line is its own chunk of inline Markdown (so emphasis does not span a
    // wrapped line; linking chunks across the `|` markers would need them in one token).
    effects.enter(types.chunkText, { contentType: 'text' });
    return textMore(code);
  }

  function textMore(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      effects.exit(types.chunkText);
      return lineEnd(code);
    }
    effects.consume(code);
    return textMore;
  }

  function lineEnd(code: Code): State | undefined {
    if (code === codes.eof) return done(code);
    // A `| a | b` line followed by `|---|---|` is a table's header, not a line block.
    if (lines === 1) return effects.check(tableDelimiterRow, nok, onward)(code);
    return onward(code);
  }

  function onward(code: Code): State | undefined {
    return effects.attempt(nextLine, lineStart, done)(code);
  }

  function done(code: Code): State | undefined {
    effects.exit('lineBlockLine');
    effects.exit('lineBlock');
    return ok(code);
  }
}

/** Is this line a body row of the GFM table just above (as micromark-extension-gfm-table tells)? */
function continuesTable(context: TokenizeContext): boolean {
  let index = context.events.length - 1;
  while (index > -1) {
    const type: string = context.events[index]![1].type;
    if (type !== types.lineEnding && type !== types.linePrefix) return type === 'tableHead' || type === 'tableRow';
    index--;
  }
  return false;
}

/** The line ending, then a next line that belongs to the block: `| `, `|` alone, or a continuation. */
function tokenizeNextLine(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  // eslint-disable-next-line @typescript-eslint/no-this-alias -- micromark's tokenizer context
  const self = this;
  return (code: Code) => lineEndingThen(effects, code, after);

  function after(code: Code): State | undefined {
    // A lazy line or the end of a container (list item, block quote) ends the block.
    if (self.parser.lazy[self.now().line]) return nok(code);
    // `| text` or a bare `|` continues the block; `|x` ends it (and starts a paragraph).
    if (code === codes.verticalBar) return effects.check(barThenSpace, ok, nok)(code);
    // A continuation line: spaces, then text.
    if (markdownSpace(code)) return ok(code);
    return nok(code);
  }
}

/** Consume the line ending at `code`, then go on in `next` on the following line. */
function lineEndingThen(effects: Effects, code: Code, next: State): State {
  effects.enter(types.lineEnding);
  effects.consume(code);
  effects.exit(types.lineEnding);
  return next;
}

/** `|` followed by a space, the end of the line or the end of the file. */
function tokenizeBarThenSpace(effects: Effects, ok: State, nok: State): State {
  return (code: Code): State | undefined => {
    effects.enter('lineBlockMarker');
    effects.consume(code);
    effects.exit('lineBlockMarker');
    return (next: Code) => (next === codes.space || next === codes.eof || markdownLineEnding(next) ? ok(next) : nok(next));
  };
}

/** Is the next line a GFM table delimiter row: only `|`, `:`, `-` and spaces, with a `-`? */
function tokenizeDelimiterRow(effects: Effects, ok: State, nok: State): State {
  let dashes = 0;
  return (code: Code) => lineEndingThen(effects, code, first);

  // The row's characters go in one token (micromark wants no empty ones).
  function first(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return nok(code);
    effects.enter('lineBlockMarker');
    return row(code);
  }

  function row(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      effects.exit('lineBlockMarker');
      return dashes > 0 ? ok(code) : nok(code);
    }
    if (code === codes.dash) dashes++;
    else if (code !== codes.verticalBar && code !== codes.colon && !markdownSpace(code)) return nok(code);
    effects.consume(code);
    return row;
  }
}

/** mdast: one `lineBlock` node; its lines joined by `break` nodes. */
export function lineBlockFromMarkdown(): FromMarkdownExtension {
  return {
    enter: { lineBlock: enterLineBlock, lineBlockLine: enterLine, lineBlockIndent: enterIndent, lineBlockWrap: enterWrap },
    exit: { lineBlock: exitLineBlock, lineBlockIndent: exitIndent },
  };
}

function enterLineBlock(this: CompileContext, token: Token): void {
  const node: LineBlock = {
    type: 'lineBlock',
    children: [],
    data: { hName: 'div', hProperties: { className: ['line-block'] } },
  };
  this.enter(node, token);
}

/** Every line but the first starts with a line break. */
function enterLine(this: CompileContext, token: Token): void {
  const block = this.stack[this.stack.length - 1] as LineBlock;
  if (token.start.offset === block.position?.start.offset) return;
  const lineBreak: Break = { type: 'break', position: { start: token.start, end: token.start } };
  block.children.push(lineBreak);
}

function enterIndent(this: CompileContext, token: Token): void {
  const indent: Text = { type: 'text', value: '' };
  this.enter(indent, token);
}

function exitIndent(this: CompileContext, token: Token): void {
  const indent = this.stack[this.stack.length - 1] as unknown as Text;
  indent.value = NO_BREAK_SPACE.repeat(this.sliceSerialize(token).length);
  this.exit(token);
}

/** A wrapped line joins the previous one as a soft line break, as in a paragraph. */
function enterWrap(this: CompileContext, token: Token): void {
  const block = this.stack[this.stack.length - 1] as LineBlock;
  const tail = block.children[block.children.length - 1];
  if (tail?.type === 'text') tail.value += '\n';
  // The next line's text joins this node (from-markdown extends its position).
  else block.children.push({ type: 'text', value: '\n', position: { start: token.start, end: token.end } });
}

function exitLineBlock(this: CompileContext, token: Token): void {
  this.exit(token);
}

/** The remark plugin. */
export function remarkPandocLineBlocks(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(lineBlockSyntax());
  (data.fromMarkdownExtensions ??= []).push(lineBlockFromMarkdown());
}
