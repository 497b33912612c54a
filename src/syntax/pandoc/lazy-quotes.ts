/**
 * Pandoc's block quotes end at a blank line: a paragraph written right under a quote,
 * without `>`, still belongs to it, even after an empty `>` line or a fenced block:
 *
 *     > first paragraph
 *     >
 *       second paragraph (no `>`)
 *
 * CommonMark continues only a paragraph lazily, so there the second paragraph leaves the
 * quote (the corpus tutorial's "quote with two paragraphs" came out as one). This
 * transform moves such a paragraph back into the quote it follows with no blank line between.
 */
import type { Blockquote, Parent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { markerAtLineStart, sourceMayMatch } from '../source-hint.js';
import { onNextLine } from './lines.js';

const QUOTE_MARKER = markerAtLineStart('>');

/** The remark plugin. */
export function remarkPandocLazyQuotes() {
  return (tree: Root, file: VFile): void => {
    if (!sourceMayMatch(file, QUOTE_MARKER)) return;
    const source = file.value === undefined ? undefined : String(file.value);
    visit(tree, (node) => {
      if (!('children' in node) || !node.children.some((child) => child.type === 'blockquote')) return;
      const parent = node as Parent;
      const kept: RootContent[] = [];
      for (const child of parent.children as RootContent[]) {
        const previous = kept[kept.length - 1];
        if (previous?.type === 'blockquote' && child.type === 'paragraph' && isMarkdownQuote(previous, source) && onNextLine(previous, child)) {
          previous.children.push(child);
          if (previous.position && child.position) previous.position = { start: previous.position.start, end: child.position.end };
        } else {
          kept.push(child);
        }
      }
      parent.children = kept;
    });
  };
}

/** A quote written with `>` (not one a Hexo `{% blockquote %}` tag made, whose end is a tag line). */
function isMarkdownQuote(quote: Blockquote, source: string | undefined): boolean {
  const offset = quote.position?.start.offset;
  if (source === undefined || offset === undefined) return false;
  return /^[ \t]*>/.test(source.slice(offset, offset + 64));
}
