/**
 * Pair block tags written inside a line: `{% note info %}text{% endnote %}`,
 * `… {% mathjax %}x^2{% endmathjax %} …`. Hexo expands tags before Markdown, so such a pair
 * works anywhere; in the tree its two halves are `hexoTagText` siblings in a paragraph.
 *
 * A pair that fills its own line(s) becomes a flow `hexoTagBlock` (the paragraph is split
 * around it), as Hexo's `<div>` output would stand; a pair inside prose stays in the
 * paragraph (or a table cell) as a `hexoTagBlock` marked `data.inline`, whose one child is
 * a paragraph holding the phrasing between the two tags. `rawBody` is the exact source between them.
 *
 * Only the tags in `INLINE_PAIR_TAGS` are paired: the others keep their meaning inside a
 * line (`{% raw %}` markers are dropped, unknown ones stay visible placeholders).
 */
import type { Paragraph, Parent, PhrasingContent, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import type { HexoTagBlock, HexoTagText } from './mdast.js';
import { unshieldPipes } from './table-pipes.js';

/** Tags whose open/close pair is recognised inside a line. */
export const INLINE_PAIR_TAGS: ReadonlySet<string> = new Set([
  'mathjax', 'math', 'note', 'subnote', 'centerquote', 'cq', 'fold', 'folding', 'hideToggle', 'hideBlock', 'spoiler',
]);

/** Pair inline tags throughout the tree, in place. */
export function pairInlineTags(tree: Parent, file: VFile): void {
  const source = String(file.value ?? '');
  visitParents(tree, source);
}

function visitParents(parent: Parent, source: string): void {
  const result: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    if (child.type === 'paragraph') {
      result.push(...splitParagraph(child, source));
      continue;
    }
    // A table cell holds phrasing only: its pairs stay inline.
    if (child.type === 'tableCell') {
      child.children = pairChildren(child.children, source);
      result.push(child);
      continue;
    }
    if ('children' in child) visitParents(child as Parent, source);
    result.push(child);
  }
  parent.children = result;
}

/** The paragraph with its pairs made blocks; whole-line pairs split it. */
function splitParagraph(paragraph: Paragraph, source: string): RootContent[] {
  const children = pairChildren(paragraph.children, source);
  if (children === paragraph.children) return [paragraph];
  const out: RootContent[] = [];
  let run: PhrasingContent[] = [];
  const flush = () => {
    const trimmed = trimLineBreaks(run);
    if (trimmed.length > 0) out.push({ type: 'paragraph', children: trimmed });
    run = [];
  };
  children.forEach((child, index) => {
    if (isInlineBlock(child) && standsAlone(children, index)) {
      flush();
      const block = child as unknown as HexoTagBlock;
      delete block.data;
      out.push(block);
      return;
    }
    run.push(child);
  });
  flush();
  // Keep the original paragraph object (and its position) when nothing was split out.
  if (out.length === 1 && out[0]!.type === 'paragraph') {
    paragraph.children = (out[0] as Paragraph).children;
    return [paragraph];
  }
  return out;
}

function pairChildren(children: PhrasingContent[], source: string): PhrasingContent[] {
  let changed = false;
  const result: PhrasingContent[] = [];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    const end = child.type === 'hexoTagText' && INLINE_PAIR_TAGS.has(child.name) ? findEnd(children, index, child.name) : -1;
    if (end === -1) {
      result.push(child);
      continue;
    }
    const open = child as HexoTagText;
    const close = children[end] as HexoTagText;
    const inner = children.slice(index + 1, end);
    const from = open.position?.end.offset;
    const to = close.position?.start.offset;
    const block: HexoTagBlock = {
      type: 'hexoTagBlock',
      name: open.name,
      args: open.args,
      rawArgs: open.rawArgs,
      unterminatedQuote: open.unterminatedQuote,
      children: [{ type: 'paragraph', children: inner }],
      rawBody: from !== undefined && to !== undefined ? unshieldPipes(source.slice(from, to)) : '',
      position: open.position && close.position ? { start: open.position.start, end: close.position.end } : undefined,
      data: { inline: true } as HexoTagBlock['data'],
    };
    result.push(block as unknown as PhrasingContent);
    index = end;
    changed = true;
  }
  return changed ? result : children;
}

function findEnd(children: readonly PhrasingContent[], open: number, name: string): number {
  let depth = 0;
  for (let index = open + 1; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'hexoTagText') continue;
    if (child.name === name) depth++;
    else if (child.name === `end${name}`) {
      if (depth === 0) return index;
      depth--;
    }
  }
  return -1;
}

/** Whether a paired tag is in prose (rather than standing in flow). */
export function isInlineBlock(node: unknown): boolean {
  const candidate = node as { type?: string; data?: { inline?: boolean } };
  return candidate.type === 'hexoTagBlock' && candidate.data?.inline === true;
}

/** Nothing but a line break (or the paragraph's edge) on either side. */
function standsAlone(children: readonly PhrasingContent[], index: number): boolean {
  const before = children[index - 1];
  const after = children[index + 1];
  const endsLine = (node: PhrasingContent | undefined) => node === undefined || node.type === 'break' || (node.type === 'text' && /\n[ \t]*$/.test(node.value));
  const startsLine = (node: PhrasingContent | undefined) => node === undefined || node.type === 'break' || (node.type === 'text' && /^[ \t]*\n/.test(node.value));
  return endsLine(before) && startsLine(after);
}

/** Drop the line breaks left at the edges of a run of phrasing after a split. */
function trimLineBreaks(run: PhrasingContent[]): PhrasingContent[] {
  const nodes = [...run];
  const blank = (node: PhrasingContent | undefined) => node !== undefined && (node.type === 'break' || (node.type === 'text' && node.value.trim() === ''));
  while (blank(nodes[0])) nodes.shift();
  while (blank(nodes[nodes.length - 1])) nodes.pop();
  const first = nodes[0];
  if (first?.type === 'text') nodes[0] = { ...first, value: first.value.replace(/^[ \t]*\n/, '') };
  const last = nodes[nodes.length - 1];
  if (last?.type === 'text') nodes[nodes.length - 1] = { ...last, value: last.value.replace(/\n[ \t]*$/, '') };
  return nodes;
}
