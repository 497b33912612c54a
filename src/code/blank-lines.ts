/**
 * Blank lines at the edges of fenced code, as pandoc kept them: leading blank lines stay
 * (the HTML parser behind rehype-raw drops a newline right after `<pre>`, which shifted
 * numbered code by one line), trailing blank lines go.
 *
 * The remark half trims the end and records how many newlines the code starts with; the
 * rehype half, right after rehype-raw, puts back the ones the parser dropped.
 */
import type { Code, Root as MdastRoot } from 'mdast';
import type { Element, Root as HastRoot } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

const ATTRIBUTE = 'dataMlpostLeadingNewlines';

declare module 'vfile' {
  interface DataMap {
    /** Some code starts with blank lines: the rehype half has work to do. */
    mlpostCodeLeadingNewlines: boolean;
  }
}

/** The remark plugin (after every step that makes or consumes `code` nodes). */
export function remarkCodeBlankLines() {
  return (tree: MdastRoot, file: VFile): void => {
    visit(tree, 'code', (node: Code) => {
      node.value = node.value.replace(/(\n[ \t]*)+$/, '');
      const leading = /^\n*/.exec(node.value)![0].length;
      if (leading === 0) return;
      file.data.mlpostCodeLeadingNewlines = true;
      node.data ??= {};
      node.data.hProperties = { ...(node.data.hProperties as Record<string, unknown> | undefined), [ATTRIBUTE]: String(leading) };
    });
  };
}

/** The rehype plugin (right after rehype-raw). */
export function rehypeCodeBlankLines() {
  return (tree: HastRoot, file: VFile): void => {
    if (file.data.mlpostCodeLeadingNewlines !== true) return;
    visit(tree, 'element', (node: Element) => {
      const wanted = node.properties[ATTRIBUTE];
      if (wanted === undefined) return;
      delete node.properties[ATTRIBUTE];
      const first = node.children[0];
      const have = first?.type === 'text' ? /^\n*/.exec(first.value)![0].length : 0;
      const missing = Number(wanted) - have;
      if (missing <= 0) return;
      if (first?.type === 'text') first.value = '\n'.repeat(missing) + first.value;
      else node.children.unshift({ type: 'text', value: '\n'.repeat(missing) });
    });
  };
}
