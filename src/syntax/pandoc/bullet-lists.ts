/**
 * Pandoc keeps one bullet list when the bullet character changes (`*`, then `-`, then `+`);
 * CommonMark starts a new list at each change, so the corpus tutorial's three items came
 * out as three one-item lists with wide gaps. This transform joins neighbouring bullet
 * lists back into one, loose if either was or if blank lines separated them (as pandoc).
 * Ordered lists are left alone: pandoc also starts a new one when the numbering style changes.
 */
import type { List, Parent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { markerAtLineStart, sourceMayMatch } from '../source-hint.js';
import { onNextLine } from './lines.js';

/** Each bullet character as a list marker, where a list item can start. */
const BULLETS = ['\\*', '-', '\\+'].map((bullet) => markerAtLineStart(`${bullet}[ \\t]`));

/** The remark plugin. */
export function remarkPandocBulletLists() {
  return (tree: Root, file: VFile): void => {
    // Only a post with items of two bullet characters can have lists to join.
    if (BULLETS.filter((bullet) => sourceMayMatch(file, bullet)).length < 2) return;
    visit(tree, (node) => {
      if (!('children' in node)) return;
      const parent = node as Parent;
      if (parent.children.length < 2) return;
      const joined: Parent['children'] = [];
      for (const child of parent.children) {
        const previous = joined[joined.length - 1];
        if (previous?.type === 'list' && child.type === 'list' && isBulletList(previous) && isBulletList(child)) join(previous, child);
        else joined.push(child);
      }
      parent.children = joined;
    });
  };
}

function isBulletList(list: List): boolean {
  return list.ordered !== true;
}

function join(into: List, next: List): void {
  const gap = into.position !== undefined && next.position !== undefined && !onNextLine(into, next);
  into.spread = into.spread === true || next.spread === true || gap;
  into.children.push(...next.children);
  if (into.position && next.position) into.position = { start: into.position.start, end: next.position.end };
}
