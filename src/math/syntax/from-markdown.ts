/**
 * The mdast utility: the tokens of `math-flow.ts` and `math-text.ts` as mdast-util-math's
 * nodes, so the rest of the pipeline sees what it saw before:
 *
 * - a display on lines of its own → `math` (HTML: `pre > code.language-math.math-display`);
 * - a formula in a paragraph → `inlineMath` (`code.language-math.math-inline`, or
 *   `.math-display` for display math in a paragraph, as pandoc reads `$$…$$` there);
 * - `$$` that opens nothing → text, and its place in `root.data.texMathUnclosed`.
 *
 * A display with text after its closing delimiter is a paragraph that the block tokenizer
 * had to end at that line; the tree transform joins it to the paragraph lines before and
 * after it, as pandoc reads them.
 */
import type { Element } from 'hast';
import type { Nodes, Paragraph, Parents, PhrasingContent, Root } from 'mdast';
import type { InlineMath, Math } from 'mdast-util-math';
import type { CompileContext, Extension, Handle } from 'mdast-util-from-markdown';
import type { Token } from 'micromark-util-types';
import type { Point } from 'unist';
import { isDisplay, isUnescaped, unescapeMarkdown, type DelimiterKind } from './delimiters.js';

declare module 'mdast' {
  interface RootData {
    /** Where a `$$` opens nothing (see `remarkPandocMath`). */
    texMathUnclosed?: Point[];
    /** A display in a paragraph spans lines: the paragraphs may need joining. */
    texMathMultiLine?: boolean;
  }
}

declare module 'mdast-util-from-markdown' {
  interface CompileData {
    /** The opening delimiter of the formula being compiled. */
    texMathOpening?: string;
  }
}

/** `\begin{align\*}`: written for marked, read as marked passed it to MathJax. */
const MARKED_ENVIRONMENT = /^\\begin[ \t]*\{[A-Za-z]+\\\*\}/;

/** Options of {@link texMathFromMarkdown}. */
export interface TexMathFromMarkdownOptions {
  /** Undo Markdown's backslash escapes in `$…$` and `$$…$$` too, as marked did. */
  markdownEscapes?: boolean;
}

/** The `mdast-util-from-markdown` extension. */
export function texMathFromMarkdown(options: Readonly<TexMathFromMarkdownOptions> = {}): Extension {
  const unescaped = options.markdownEscapes ? unescapedWithDollars : isUnescaped;
  return {
    enter: { texMathFlow: enterFlow, texMathText: enterText, texMathUnclosed: enterUnclosed },
    exit: {
      texMathFlow: exitFlowReading(unescaped),
      texMathFlowDelimiter: exitDelimiter,
      texMathFlowValue: exitValue,
      texMathText: exitTextReading(unescaped),
      texMathDelimiter: exitDelimiter,
      texMathData: exitValue,
      texMathUnclosed: exitValue,
    },
    transforms: [joinDisplayParagraphs],
  };
}

const enterFlow: Handle = function (this: CompileContext, token: Token) {
  const code: Element = { type: 'element', tagName: 'code', properties: { className: ['language-math', 'math-display'] }, children: [] };
  const node: Math = { type: 'math', meta: null, value: '', data: { hName: 'pre', hChildren: [code] } };
  this.enter(node, token);
  this.data.texMathOpening = undefined;
  this.buffer();
};

/** With `markdownEscapes`, dollar math is read as marked passed it on, as `\\(…\\)` is. */
function unescapedWithDollars(kind: DelimiterKind): boolean {
  return isUnescaped(kind) || kind === 'dollar' || kind === 'dollars';
}

const exitFlowReading = (unescaped: (kind: DelimiterKind) => boolean): Handle => function (this: CompileContext, token: Token) {
  let value = this.resume()
    .replace(/^[ \t]*(?:\r?\n|\r)/, '')
    .replace(/(?:\r?\n|\r)[ \t]*$/, '');
  const opening = this.data.texMathOpening;
  if ((opening !== undefined && unescaped(kindOf(opening, value))) || MARKED_ENVIRONMENT.test(value)) value = unescapeMarkdown(value);
  this.data.texMathOpening = undefined;
  const node = this.stack[this.stack.length - 1] as Math;
  this.exit(token);
  node.value = value;
  (node.data!.hChildren![0] as Element).children.push({ type: 'text', value });
};

const enterText: Handle = function (this: CompileContext, token: Token) {
  const node: InlineMath = { type: 'inlineMath', value: '', data: { hName: 'code', hProperties: {}, hChildren: [] } };
  this.enter(node, token);
  this.data.texMathOpening = undefined;
  this.buffer();
};

const exitTextReading = (unescaped: (kind: DelimiterKind) => boolean): Handle => function (this: CompileContext, token: Token) {
  const kind = kindOf(this.data.texMathOpening, this.sliceSerialize(token));
  this.data.texMathOpening = undefined;
  let value = this.resume();
  if (unescaped(kind) || (kind === 'environment' && MARKED_ENVIRONMENT.test(value))) value = unescapeMarkdown(value);
  const node = this.stack[this.stack.length - 1] as InlineMath;
  this.exit(token);
  if (isDisplay(kind) && token.start.line !== token.end.line) ((this.stack[0] as Root).data ??= {}).texMathMultiLine = true;
  node.value = value;
  node.data!.hProperties = { className: ['language-math', isDisplay(kind) ? 'math-display' : 'math-inline'] };
  node.data!.hChildren = [{ type: 'text', value }];
};

/** The opening delimiter (the first delimiter token of a formula). */
const exitDelimiter: Handle = function (this: CompileContext, token: Token) {
  this.data.texMathOpening ??= this.sliceSerialize(token);
};

/** TeX (or an unclosed `$$`) as text of the current node. */
const exitValue: Handle = function (this: CompileContext, token: Token) {
  this.config.enter.data!.call(this, token);
  this.config.exit.data!.call(this, token);
};

const enterUnclosed: Handle = function (this: CompileContext, token: Token) {
  const root = this.stack[0] as Root;
  ((root.data ??= {}).texMathUnclosed ??= []).push({ ...token.start });
};

function kindOf(opening: string | undefined, formula: string): DelimiterKind {
  switch (opening) {
    case '$':
      return 'dollar';
    case '$$':
      return 'dollars';
    case '\\(':
      return 'paren';
    case '\\[':
      return 'bracket';
    case '\\\\(':
      return 'doubleParen';
    case '\\\\[':
      return 'doubleBracket';
    default:
      // No delimiter: `\begin{env}…` (display) or a bare `\ref{…}` (inline).
      return formula.startsWith('\\begin') ? 'environment' : 'paren';
  }
}

/**
 * Join each paragraph that the block tokenizer started with a display (text after its
 * closing delimiter) to the paragraph right above it and the one right below it: pandoc
 * reads them as one paragraph.
 */
function joinDisplayParagraphs(tree: Root): void {
  if (!tree.data?.texMathMultiLine) return;
  delete tree.data.texMathMultiLine;
  visitParents(tree);
}

function visitParents(parent: Parents): void {
  for (let index = 0; index < parent.children.length; index++) {
    const child = parent.children[index]! as Nodes;
    if ('children' in child && child.type !== 'paragraph') visitParents(child);
    if (child.type !== 'paragraph' || !startsWithDisplay(child)) continue;
    const before = parent.children[index - 1] as Nodes | undefined;
    if (before?.type === 'paragraph' && adjacent(before, child)) {
      join(before, child);
      parent.children.splice(index, 1);
      index--;
    }
    const joined = parent.children[index] as Paragraph;
    const after = parent.children[index + 1] as Nodes | undefined;
    if (after?.type === 'paragraph' && adjacent(joined, after)) {
      join(joined, after);
      parent.children.splice(index + 1, 1);
    }
  }
}

/** A paragraph opened by a display on lines of its own (a multi-line formula at its start). */
function startsWithDisplay(paragraph: Paragraph): boolean {
  const first = paragraph.children[0];
  return (
    first?.type === 'inlineMath' &&
    first.position?.start.offset === paragraph.position?.start.offset &&
    first.position?.start.line !== first.position?.end.line &&
    (first.data?.hProperties?.className as string[] | undefined)?.includes('math-display') === true
  );
}

function adjacent(above: Paragraph, below: Paragraph): boolean {
  return above.position !== undefined && below.position !== undefined && above.position.end.line + 1 === below.position.start.line;
}

/** Append `below`'s content to `above`, with the line break between them. */
function join(above: Paragraph, below: Paragraph): void {
  const last = above.children[above.children.length - 1];
  const first = below.children[0];
  const children: PhrasingContent[] = [...below.children];
  if (last?.type === 'text') {
    last.value += '\n';
    if (first?.type === 'text') {
      last.value += first.value;
      if (last.position && first.position) last.position.end = first.position.end;
      children.shift();
    }
  } else if (first?.type === 'text') {
    first.value = `\n${first.value}`;
  } else {
    children.unshift({ type: 'text', value: '\n' });
  }
  above.children.push(...children);
  if (above.position && below.position) above.position.end = below.position.end;
}
