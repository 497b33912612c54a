/**
 * Pandoc's auto-numbered lists (`fancy_lists`): lines starting with `#. ` are the items of
 * an ordered list. CommonMark reads them as paragraphs, so the corpus' References sections
 * came out as "#. http://…" text; this transform turns such paragraphs back into lists.
 *
 * A paragraph made of `#. ` lines gives one item per line (continuation lines stay in
 * their item); neighbouring such paragraphs (items separated by blank lines) join one list.
 */
import type { List, ListItem, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { visitParents } from 'unist-util-visit-parents';
import { report } from '../diagnostics.js';
import { MAX_MARKDOWN_DEPTH } from '../limits/tree.js';
import { sourceMayMatch } from './source-hint.js';

/** A list marker that CommonMark does not know, written at the start of a line. */
export interface LineMarker {
  /** The marker and the space after it, at the start of a string (first group: a label, if any). */
  start: RegExp;
  /** A line ending followed by a marker: where one item ends and the next begins. */
  split: RegExp;
}

const HASH: LineMarker = { start: /^#\.[ \t]+/, split: /\n(?=#\.[ \t])/ };

/** The remark plugin. */
export function remarkHashLists() {
  return (tree: Root, file: VFile): void => {
    if (!sourceMayMatch(file, /#\./)) return;
    convertMarkedLists(tree, file, HASH, '#.');
  };
}

/**
 * Turn the marked paragraphs of every parent into lists, in place; return the lists.
 * An item's text that starts with a marker again is a nested list (`#. #. x`), visited in
 * turn; past the tree's depth limit the markers stay text, with one error, so a line of
 * thousands of markers cannot nest thousands deep.
 */
export function convertMarkedLists(tree: Root, file: VFile, marker: LineMarker, name: string): MarkedList[] {
  const lists: MarkedList[] = [];
  let cut: Position | undefined;
  let cuts = 0;
  visitParents(tree, (node, ancestors) => {
    if (!('children' in node)) return;
    const parent = node as Parent;
    if (!parent.children.some((child) => isMarkedParagraph(child, marker))) return;
    // The list, its item and the item's paragraph sit three levels below `parent`.
    if (ancestors.length + 3 > MAX_MARKDOWN_DEPTH) {
      cuts++;
      // Lists made here have no position: the place is that of the nearest node that has one.
      cut ??= [...ancestors, parent].reverse().find((node) => node.position)?.position;
      return;
    }
    const joined = joinMarkedLists(parent.children as RootContent[], marker);
    parent.children = joined.children;
    lists.push(...joined.lists);
  });
  if (cuts > 0) {
    const more = cuts > 1 ? ` (and ${cuts - 1} more places)` : '';
    report(file, 'error', `\`${name}\` lists nested deeper than ${MAX_MARKDOWN_DEPTH} levels: the deeper markers are text${more}`, { place: cut, ruleId: 'nesting-too-deep', source: 'mlpost:security' });
  }
  return lists;
}

/** Does this paragraph start with `marker`? */
export function isMarkedParagraph(node: RootContent | Parent['children'][number], marker: LineMarker): node is Paragraph {
  if (node.type !== 'paragraph') return false;
  const first = node.children[0];
  return first?.type === 'text' && marker.start.test(first.value);
}

/** A list made from marked paragraphs, with the label of each item (`''` when it has none). */
export interface MarkedList {
  list: List;
  labels: string[];
}

/**
 * `children` with each run of neighbouring marked paragraphs turned into one ordered list
 * (one item per marked line), and those lists in order.
 */
export function joinMarkedLists(children: RootContent[], marker: LineMarker): { children: RootContent[]; lists: MarkedList[] } {
  const result: RootContent[] = [];
  const lists: MarkedList[] = [];
  let current: MarkedList | undefined;
  for (const child of children) {
    if (!isMarkedParagraph(child, marker)) {
      current = undefined;
      result.push(child);
      continue;
    }
    const { items, labels } = splitItems(child, marker);
    if (!current) {
      current = { list: { type: 'list', ordered: true, start: 1, spread: false, children: [], position: child.position }, labels: [] };
      lists.push(current);
      result.push(current.list);
    } else {
      // Items separated by blank lines: a loose list, as pandoc renders it.
      const list = current.list;
      list.spread = true;
      if (list.position && child.position) list.position = { start: list.position.start, end: child.position.end };
    }
    current.list.children.push(...items);
    current.labels.push(...labels);
  }
  return { children: result, lists };
}

/** One list item per marked line of the paragraph. */
function splitItems(paragraph: Paragraph, marker: LineMarker): { items: ListItem[]; labels: string[] } {
  const items: PhrasingContent[][] = [];
  const labels: string[] = [];
  let current: PhrasingContent[] = [];
  for (const child of paragraph.children) {
    if (child.type !== 'text') {
      current.push(child);
      continue;
    }
    // Split at line starts carrying a marker; keep everything else in the current item.
    const pieces = child.value.split(marker.split);
    pieces.forEach((piece, index) => {
      if (index > 0) {
        items.push(current);
        current = [];
      }
      const starts = index > 0 || current.length === 0;
      const match = starts ? marker.start.exec(piece) : null;
      if (match) labels.push(match[1] ?? '');
      const text = match ? piece.slice(match[0].length) : piece;
      if (text !== '') current.push({ type: 'text', value: text } satisfies Text);
    });
  }
  items.push(current);
  // labels[i] belongs to items[i]: every item starts at a marker.
  const kept = items.map((content, index) => ({ content, label: labels[index] ?? '' })).filter(({ content }) => content.length > 0);
  return {
    items: kept.map(({ content }) => ({
      type: 'listItem',
      spread: false,
      children: [{ type: 'paragraph', children: trimEnd(content) }],
    })),
    labels: kept.map(({ label }) => label),
  };
}

function trimEnd(content: PhrasingContent[]): PhrasingContent[] {
  const last = content[content.length - 1];
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  return content;
}
