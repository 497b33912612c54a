/**
 * Split highlighted code into lines. A token may span lines (a docstring, a block
 * comment), so each line gets its own copy of the elements around its text: every line
 * is well-formed HTML on its own and can be wrapped in a `<span class="line">`.
 */
import type { Element, ElementContent } from 'hast';

/** The lines of `nodes` (split at `\n`, which is dropped); empty lines are `[]`. */
export function splitLines(nodes: readonly ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]];
  for (const node of nodes) {
    let parts: ElementContent[][];
    if (node.type === 'text') {
      parts = node.value.split('\n').map((value) => (value === '' ? [] : [{ type: 'text', value }]));
    } else if (node.type === 'element') {
      parts = splitLines(node.children).map((line) => (line.length === 0 ? [] : [shallowCopy(node, line)]));
    } else {
      parts = [[node]];
    }
    lines[lines.length - 1]!.push(...parts[0]!);
    for (let index = 1; index < parts.length; index++) lines.push(parts[index]!);
  }
  return lines;
}

function shallowCopy(element: Element, children: ElementContent[]): Element {
  const properties = { ...element.properties };
  if (Array.isArray(properties.className)) properties.className = [...properties.className];
  return { type: 'element', tagName: element.tagName, properties, children };
}
