/** A tiny hast query helper for tests. */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Every element for which `test` holds, in document order. */
export function selectAll(tree: Root, test: (node: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (test(node)) found.push(node);
  });
  return found;
}
