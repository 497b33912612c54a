/**
 * Pandoc's `example_lists`: `(@)` and `(@label)` items are numbered in one sequence
 * through the whole post, and `(@label)` in the text becomes that item's number.
 *
 *     (@good) A good example.
 *     (@) Another.
 *
 *     As (@good) shows, …      →  As (1) shows, …
 *
 * CommonMark reads the items as paragraphs; this transform makes each run of them an
 * `<ol class="example">` whose `start` continues the sequence, as pandoc writes it. A
 * `(@label)` that names no item stays as written (pandoc would read it as a citation).
 */
import type { Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { sourceMayMatch } from '../source-hint.js';
import { convertMarkedLists, type LineMarker, type MarkedList } from '../hash-lists.js';

const EXAMPLE: LineMarker = { start: /^\(@([\w-]*)\)[ \t]+/, split: /\n(?=\(@[\w-]*\)[ \t])/ };
const REFERENCE = /\(@([\w-]+)\)/g;

/** The remark plugin. */
export function remarkPandocExampleLists() {
  return (tree: Root, file: VFile): void => {
    if (!sourceMayMatch(file, /\(@/)) return;
    const lists = convertMarkedLists(tree, file, EXAMPLE, '(@)');
    if (lists.length === 0) return;
    const numbers = numberExamples(tree, lists);
    if (numbers.size > 0) replaceReferences(tree, numbers);
  };
}

/** Number the items in document order; the number of each label. */
function numberExamples(tree: Root, lists: MarkedList[]): Map<string, number> {
  const labelsOf = new Map<unknown, string[]>(lists.map((entry) => [entry.list, entry.labels]));
  const numbers = new Map<string, number>();
  let next = 1;
  visit(tree, 'list', (list) => {
    const labels = labelsOf.get(list);
    if (labels === undefined) return;
    list.start = next;
    list.data = { ...list.data, hProperties: { ...list.data?.hProperties, className: ['example'] } };
    for (const label of labels) {
      if (label !== '' && !numbers.has(label)) numbers.set(label, next);
      next++;
    }
  });
  return numbers;
}

/** `(@label)` in text → `(N)`; code, math and URLs are other node types and stay. */
function replaceReferences(tree: Root, numbers: Map<string, number>): void {
  visit(tree, 'text', (text: Text) => {
    if (!text.value.includes('(@')) return SKIP;
    text.value = text.value.replace(REFERENCE, (whole, label: string) => {
      const number = numbers.get(label);
      return number === undefined ? whole : `(${number})`;
    });
    return SKIP;
  });
}
