/**
 * Lines, for the pandoc block transforms: where a node sits relative to the one before it
 * in the author's file, and how the HTML of a block's rows is laid out.
 */
import type { Node } from 'unist';

/** Does `after` start on the line right after `before` ends (no blank line between)? */
export function onNextLine(before: Node, after: Node): boolean {
  return before.position !== undefined && after.position !== undefined && after.position.start.line === before.position.end.line + 1;
}

/** `children` with a newline text before each and after the last: one row per line of HTML, as lists and GFM tables are written. */
export function onePerLine<T extends Node>(children: T[]): Array<T | Node> {
  const newline = (): Node => ({ type: 'text', value: '\n' }) as Node;
  return [...children.flatMap((child) => [newline(), child]), newline()];
}
