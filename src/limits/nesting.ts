/**
 * A bound on nesting. The unified utilities after parsing (mdast → hast, rehype-raw's
 * parse5 → hast, serialising) recurse once per level, so a post with thousands of nested
 * quotes, list items, emphasis or raw HTML elements would overflow the stack. Nothing a
 * person writes nests 100 deep: past that the rest of the part is shown as plain text
 * (the author's source, escaped) with one error at the place where the limit was hit.
 *
 * Two plugins: `remarkNestingLimit` first (before anything walks the tree) for Markdown
 * and the raw HTML that is already there, `remarkRawHtmlLimit` last for raw HTML that tag
 * handlers added (`{% raw %}`). Both walk with explicit stacks.
 */
import type { Html, Paragraph, Parent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';

/** Deepest Markdown nesting kept (levels below the root; a node deeper keeps only its text). */
export const MAX_MARKDOWN_DEPTH = 100;
/** Deepest nesting of raw HTML elements kept, counted across the post's HTML pieces. */
export const MAX_HTML_DEPTH = 100;

const SOURCE = 'mlpost:security';
/** Containers whose children are blocks: a cut leaves a paragraph there. */
const FLOW_CONTAINERS: ReadonlySet<string> = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition', 'hexoTagBlock']);

/** The remark plugin bounding Markdown and raw HTML nesting; put it first. */
export function remarkNestingLimit() {
  return (tree: Root, file: VFile): void => {
    limitMarkdownDepth(tree, file);
    limitHtmlDepth(tree, file);
  };
}

/** The remark plugin bounding raw HTML nesting again after tag handlers ran; put it last. */
export function remarkRawHtmlLimit() {
  return (tree: Root, file: VFile): void => limitHtmlDepth(tree, file);
}

/** Cut every subtree below {@link MAX_MARKDOWN_DEPTH} to its source text. */
export function limitMarkdownDepth(tree: Root, file: VFile): void {
  const source = String(file.value ?? '');
  const stack: Array<[Parent, number]> = [[tree, 0]];
  let cuts = 0;
  let first: Parent | undefined;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_MARKDOWN_DEPTH && node.children.length > 0) {
      node.children = flattened(node, source) as Parent['children'];
      cuts++;
      first ??= node;
      continue;
    }
    for (const child of node.children) if ('children' in child) stack.push([child as Parent, depth + 1]);
  }
  if (first) {
    const more = cuts > 1 ? ` (and ${cuts - 1} more places)` : '';
    report(file, 'error', `nesting deeper than ${MAX_MARKDOWN_DEPTH} levels (quotes, lists, emphasis …): the deeper part is shown as plain text${more}`, first.position, 'nesting-too-deep', SOURCE);
  }
}

/** The children that replace those of `node`: its text, in the shape its type allows. */
function flattened(node: Parent, source: string): RootContent[] {
  const text: Text = { type: 'text', value: textOf(node, source) };
  const paragraph: Paragraph = { type: 'paragraph', children: [text] };
  if (node.type === 'list') return [{ type: 'listItem', spread: false, children: [paragraph] }];
  if (FLOW_CONTAINERS.has(node.type)) return [paragraph];
  return [text];
}

/** The source of `node`'s children, or their text when positions are missing. */
function textOf(node: Parent, source: string): string {
  const start = node.children[0]?.position?.start.offset;
  const end = node.children[node.children.length - 1]?.position?.end.offset;
  if (start !== undefined && end !== undefined && end >= start) return source.slice(start, end);
  const parts: string[] = [];
  const stack: RootContent[] = [...node.children].reverse();
  while (stack.length > 0) {
    const child = stack.pop()!;
    if ('value' in child && typeof child.value === 'string') parts.push(child.value);
    if ('children' in child) for (let index = child.children.length - 1; index >= 0; index--) stack.push(child.children[index] as RootContent);
  }
  return parts.join('');
}

const VOID_ELEMENTS: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// `[^<>]` keeps each match within one tag, so the scan stays linear on any input.
const TAG = /<(\/?)([A-Za-z][\w:-]*)[^<>]*?(\/?)>/g;

/**
 * Raw HTML pieces, in document order, that would open elements past
 * {@link MAX_HTML_DEPTH} become text (shown escaped), with one error at the first.
 */
export function limitHtmlDepth(tree: Root, file: VFile): void {
  let depth = 0;
  let cuts = 0;
  let first: Html | undefined;
  const stack: RootContent[] = [...tree.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'html') {
      const after = depthAfter(node.value, depth);
      if (after === undefined) {
        (node as unknown as Text).type = 'text';
        cuts++;
        first ??= node;
      } else depth = after;
      continue;
    }
    if ('children' in node) {
      for (let index = node.children.length - 1; index >= 0; index--) {
        stack.push(node.children[index] as RootContent);
      }
    }
  }
  if (first) {
    const more = cuts > 1 ? ` (and ${cuts - 1} more pieces)` : '';
    report(file, 'error', `raw HTML nested deeper than ${MAX_HTML_DEPTH} elements: shown as text${more}`, first.position, 'nesting-too-deep', SOURCE);
  }
}

/** The open-element depth after `html`, starting at `depth`; `undefined` past the limit. */
function depthAfter(html: string, depth: number): number | undefined {
  const withoutComments = html.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const match of withoutComments.matchAll(TAG)) {
    const [, closing, name, selfClosing] = match;
    if (closing) depth = Math.max(0, depth - 1);
    else if (!selfClosing && !VOID_ELEMENTS.has(name!.toLowerCase())) {
      depth++;
      if (depth > MAX_HTML_DEPTH) return undefined;
    }
  }
  return depth;
}

/** Deepest block nesting a line may open before parsing (the parser's own walks recurse). */
export const MAX_SOURCE_DEPTH = 1000;
/** One container marker at the start of a line: a quote, a bullet or an ordered item (sticky). */
const CONTAINER_MARKER = /([ \t]*)(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?/y;

/**
 * Before parsing: on each line that would open more than {@link MAX_SOURCE_DEPTH} nested
 * blocks (counting its quote and list markers and every two columns of indentation), a
 * backslash is put before the marker past the limit, so it is text and nests no deeper.
 * Returns the text and the place of the first such line, if any.
 */
export function limitSourceNesting(text: string): { text: string; place: { line: number; column: number } | undefined } {
  if (text.length < MAX_SOURCE_DEPTH) return { text, place: undefined };
  let place: { line: number; column: number } | undefined;
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.length < MAX_SOURCE_DEPTH) continue;
    let depth = 0;
    CONTAINER_MARKER.lastIndex = 0;
    for (let match = CONTAINER_MARKER.exec(line); match; match = CONTAINER_MARKER.exec(line)) {
      depth += 1 + Math.floor(match[1]!.replace(/\t/g, '    ').length / 2);
      if (depth > MAX_SOURCE_DEPTH) {
        const column = match.index + match[1]!.length;
        lines[index] = `${line.slice(0, column)}\\${line.slice(column)}`;
        place ??= { line: index + 1, column: column + 1 };
        break;
      }
    }
  }
  return place ? { text: lines.join('\n'), place } : { text, place };
}

/** Deepest nesting of `[` (links, images) in one paragraph before parsing. */
export const MAX_BRACKET_DEPTH = 32;
/** A fence line: backticks (no backtick in the info string, as CommonMark says) or tildes. */
const FENCE = /^ {0,3}(?:(`{3,})[^`]*|(~{3,}).*)$/;
/** A line that starts a block of its own (list item, heading, quote): a paragraph ended above. */
const BLOCK_START = /^ {0,3}(?:[-+*][ \t]|\d{1,9}[.)][ \t]|#{1,6}(?:[ \t]|$)|>)/;

/**
 * Before parsing: micromark resolves each `]` against everything inside it, so images or
 * links nested thousands deep take quadratic time (24 kB of `![![…` took 11 s). Nothing a
 * person writes nests 32 brackets deep in a paragraph: past that, each further `[` gets a
 * backslash, so it is text (columns later on that line move by one per backslash).
 *
 * Counted like the parser would see them: fenced code is skipped, and so are `\[`, code
 * spans and `$…$` math on a line; a blank line or a line that starts a list item, heading
 * or quote starts the count afresh. Returns the text and the place of the first cut.
 */
export function limitSourceBrackets(text: string): { text: string; place: { line: number; column: number } | undefined } {
  let brackets = 0;
  for (let index = text.indexOf('['); index !== -1 && brackets <= MAX_BRACKET_DEPTH; index = text.indexOf('[', index + 1)) brackets++;
  if (brackets <= MAX_BRACKET_DEPTH) return { text, place: undefined };
  let place: { line: number; column: number } | undefined;
  const lines = text.split('\n');
  let depth = 0;
  let fence: string | undefined;
  for (const [index, line] of lines.entries()) {
    const opening = FENCE.exec(line);
    const marker = opening ? (opening[1] ?? opening[2])! : undefined;
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      depth = 0;
      continue;
    }
    if (line.trim() === '' || BLOCK_START.test(line)) depth = 0;
    if (!line.includes('[')) continue;
    let cut = '';
    let from = 0;
    for (let column = 0; column < line.length; column++) {
      const char = line[column]!;
      if (char === '\\') column++;
      else if (char === '`' || char === '$') column = endOfSpan(line, column);
      else if (char === ']') depth = Math.max(0, depth - 1);
      else if (char === '[' && ++depth > MAX_BRACKET_DEPTH) {
        cut += `${line.slice(from, column)}\\`;
        from = column;
        place ??= { line: index + 1, column: column + 1 };
      }
    }
    if (from > 0) lines[index] = cut + line.slice(from);
  }
  return place ? { text: lines.join('\n'), place } : { text, place };
}

/**
 * Where a code span (a run of backticks closed by a run of the same length) or inline math
 * (`$…$` opened before a non-space, closed after one; `$$…$$`) that starts at `start` ends
 * on this line; `start` itself when nothing closes it there.
 */
function endOfSpan(line: string, start: number): number {
  const char = line[start]!;
  let run = start;
  while (line[run] === char) run++;
  const opener = line.slice(start, run);
  if (char === '$' && opener.length > 2) return run - 1;
  let search = run;
  for (;;) {
    const close = line.indexOf(opener, search);
    if (close === -1) return run - 1;
    let after = close + opener.length;
    // A longer run of the same character is not this span's end.
    if (line[after] === char || line[close - 1] === char) {
      while (line[after] === char) after++;
      search = after;
      continue;
    }
    if (char === '$' && opener.length === 1 && (/\s/.test(line[run] ?? ' ') || /\s/.test(line[close - 1]!))) return run - 1;
    return after - 1;
  }
}
