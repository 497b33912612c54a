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
    report(file, 'error', `nesting deeper than ${MAX_MARKDOWN_DEPTH} levels (quotes, lists, emphasis …): the deeper part is shown as plain text${more}`, { place: first.position, ruleId: 'nesting-too-deep', source: SOURCE });
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
    report(file, 'error', `raw HTML nested deeper than ${MAX_HTML_DEPTH} elements: shown as text${more}`, { place: first.position, ruleId: 'nesting-too-deep', source: SOURCE });
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

