/**
 * mdast nodes for Hexo tags and the from-markdown extension that makes them.
 *
 * `hexoTag` is a tag on its own line (flow content); `hexoTagText` is a tag inside a line
 * (phrasing content). After `pairHexoTags`, a tag that has a body (`blockquote` …
 * `endblockquote`) becomes a `hexoTagBlock` whose children are the Markdown between the
 * two lines, and whose `rawBody` is the exact source text between them (for tags such as
 * `codeblock` and `raw` whose body is not Markdown).
 */
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { BlockContent, Data, Literal, Parent, PhrasingContent } from 'mdast';
import { parseTag } from './arguments.js';

export interface HexoTagFields {
  /** Tag name, e.g. `blockquote`. */
  name: string;
  /** Arguments as Hexo splits them. */
  args: string[];
  /** The argument text as written. */
  rawArgs: string;
  /** A quote in the arguments was never closed. */
  unterminatedQuote: boolean;
}

/** A tag alone on its line. `value` is the source text `{% … %}`. */
export interface HexoTag extends Literal, HexoTagFields {
  type: 'hexoTag';
  data?: Data;
}

/** A tag inside a line of text. */
export interface HexoTagText extends Literal, HexoTagFields {
  type: 'hexoTagText';
  data?: Data;
}

/** An opening tag, its body and its closing tag, paired. */
export interface HexoTagBlock extends Parent, HexoTagFields {
  type: 'hexoTagBlock';
  children: BlockContent[];
  /** The source between the opening line and the closing line, as written. */
  rawBody: string;
  data?: Data;
}

declare module 'mdast' {
  interface RootContentMap {
    hexoTag: HexoTag;
    hexoTagText: HexoTagText;
    hexoTagBlock: HexoTagBlock;
  }
  interface BlockContentMap {
    hexoTag: HexoTag;
    hexoTagBlock: HexoTagBlock;
  }
  interface PhrasingContentMap {
    hexoTagText: HexoTagText;
  }
}

/** The from-markdown extension turning the micromark tokens into nodes. */
export function hexoTagFromMarkdown(): FromMarkdownExtension {
  return {
    enter: { hexoTag: enterFlow, hexoTagText: enterText },
    exit: { hexoTag: exit, hexoTagText: exit },
  };
}

function enterFlow(this: CompileContext, token: Token): void {
  this.enter({ type: 'hexoTag', value: '', name: '', args: [], rawArgs: '', unterminatedQuote: false }, token);
}

function enterText(this: CompileContext, token: Token): void {
  this.enter({ type: 'hexoTagText', value: '', name: '', args: [], rawArgs: '', unterminatedQuote: false } as HexoTagText as unknown as PhrasingContent, token);
}

function exit(this: CompileContext, token: Token): void {
  const node = this.stack[this.stack.length - 1] as HexoTag | HexoTagText;
  const value = this.sliceSerialize(token);
  node.value = value;
  Object.assign(node, parseTag(value.slice(2, -2)));
  this.exit(token);
}
