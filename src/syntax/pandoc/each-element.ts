/**
 * A plain depth-first walk over hast elements, in document order. unist-util-visit keeps
 * a parent stack per node; on pages with big inline SVG graphs that made the id passes
 * cost milliseconds, so these passes walk the tree themselves.
 */
import type { Element, Root, RootContent } from 'hast';

/** Call `visit` on every element under `tree`, parents before children. */
export function eachElement(tree: Root | Element, visit: (element: Element) => void): void {
  const stack: RootContent[] = [];
  for (let index = tree.children.length - 1; index >= 0; index--) stack.push(tree.children[index]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type !== 'element') continue;
    visit(node);
    const children = node.children;
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}
