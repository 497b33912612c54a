/**
 * Pandoc's auto-numbered lists (`fancy_lists`): lines starting with `#. ` are the items of
 * an ordered list. CommonMark reads them as paragraphs, so the corpus' References sections
 * came out as "#. http://…" text; this transform turns such paragraphs back into lists.
 *
 * A paragraph made of `#. ` lines gives one item per line (continuation lines stay in
 * their item); neighbouring such paragraphs (items separated by blank lines) join one list.
 */
import type { List, ListItem, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { visit } from 'unist-util-visit';

const MARKER = /^#\.[ \t]+/;

/** The remark plugin. */
export function remarkHashLists() {
  return (tree: Root): void => {
    visit(tree, (node) => {
      if (!('children' in node)) return;
      const parent = node as Parent;
      if (!parent.children.some(isHashParagraph)) return;
      parent.children = joinLists(parent.children as RootContent[]);
    });
  };
}

function isHashParagraph(node: RootContent | Parent['children'][number]): node is Paragraph {
  if (node.type !== 'paragraph') return false;
  const first = node.children[0];
  return first?.type === 'text' && MARKER.test(first.value);
}

function joinLists(children: RootContent[]): RootContent[] {
  const result: RootContent[] = [];
  let list: List | undefined;
  for (const child of children) {
    if (!isHashParagraph(child)) {
      list = undefined;
      result.push(child);
      continue;
    }
    const items = splitItems(child);
    if (!list) {
      list = { type: 'list', ordered: true, start: 1, spread: false, children: [], position: child.position };
      result.push(list);
    } else {
      // Items separated by blank lines: a loose list, as pandoc renders it.
      list.spread = true;
      if (list.position && child.position) list.position = { start: list.position.start, end: child.position.end };
    }
    list.children.push(...items);
  }
  return result;
}

/** One list item per `#. ` line of the paragraph. */
function splitItems(paragraph: Paragraph): ListItem[] {
  const items: PhrasingContent[][] = [];
  let current: PhrasingContent[] = [];
  for (const child of paragraph.children) {
    if (child.type !== 'text') {
      current.push(child);
      continue;
    }
    // Split at line starts carrying a marker; keep everything else in the current item.
    const pieces = child.value.split(/\n(?=#\.[ \t])/);
    pieces.forEach((piece, index) => {
      if (index > 0) {
        items.push(current);
        current = [];
      }
      const text = piece.replace(MARKER, index > 0 || current.length === 0 ? '' : '$&');
      if (text !== '') current.push({ type: 'text', value: text } satisfies Text);
    });
  }
  items.push(current);
  return items
    .filter((content) => content.length > 0)
    .map((content) => ({
      type: 'listItem',
      spread: false,
      children: [{ type: 'paragraph', children: trimEnd(content) }],
    }));
}

function trimEnd(content: PhrasingContent[]): PhrasingContent[] {
  const last = content[content.length - 1];
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  return content;
}
