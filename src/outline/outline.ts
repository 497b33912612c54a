/**
 * After rendering: the table of contents (headings with their ids) and the excerpt (the
 * HTML before the `<!-- more -->` anchor), stored on `file.data` for `renderPost`.
 */
import type { Element, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { MORE_ID } from '../syntax/more.js';
import type { TocEntry } from '../types.js';

declare module 'vfile' {
  interface DataMap {
    toc: TocEntry[];
    /** The HTML before `<!-- more -->`, or `undefined` when the post has no more marker. */
    excerptHtml: string | undefined;
  }
}

const HEADING = /^h([1-6])$/;

/** The rehype plugin collecting the outline. */
export function rehypeOutline() {
  return (tree: Root, file: VFile): void => {
    const toc: TocEntry[] = [];
    visit(tree, 'element', (node: Element) => {
      const match = HEADING.exec(node.tagName);
      if (!match || typeof node.properties.id !== 'string') return;
      // The footnotes' heading is for screen readers, not part of the article's outline.
      if (Array.isArray(node.properties.className) && node.properties.className.includes('sr-only')) return;
      toc.push({ depth: Number(match[1]), id: node.properties.id, text: toText(node).trim() });
    });
    file.data.toc = toc;
    const more = tree.children.findIndex((node) => node.type === 'element' && node.tagName === 'a' && node.properties.id === MORE_ID);
    file.data.excerptHtml = more === -1 ? undefined : toHtml({ type: 'root', children: withoutComments(tree.children.slice(0, more)) }, { closeEmptyElements: true, allowDangerousHtml: true }).trim();
  };
}

function withoutComments(nodes: RootContent[]): RootContent[] {
  return nodes.filter((node) => node.type !== 'comment');
}
