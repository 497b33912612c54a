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
import { sourceMayMatch } from '../source-hint.js';

/** The remark plugin. */
export function remarkPandocBulletLists() {
  return (tree: Root, file: VFile): void => {
    // Only a post with items of two bullet characters can have lists to join.
    const bullets = ['\\*', '-', '\\+'].filter((bullet) => sourceMayMatch(file, bulletAtLineStart(bullet)));
    if (bullets.length < 2) return;
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

/** `bullet` as a list marker: at the start of a line, after any quote and list markers. */
function bulletAtLineStart(bullet: string): RegExp {
  return new RegExp(`^[ \\t>]*(?:(?:[-+*]|\\d{1,9}[.)])[ \\t]+[ \\t>]*)*${bullet}[ \\t]`, 'm');
}

function isBulletList(list: List): boolean {
  return list.ordered !== true;
}

function join(into: List, next: List): void {
  const gap = into.position && next.position ? next.position.start.line - into.position.end.line > 1 : false;
  into.spread = into.spread === true || next.spread === true || gap;
  into.children.push(...next.children);
  if (into.position && next.position) into.position = { start: into.position.start, end: next.position.end };
}
