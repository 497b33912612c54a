/**
 * Pandoc's attribute extras on mdast: header attributes, bracketed spans, link and image
 * attributes (`remarkPandocAttributes`), code fence attributes (`remarkCodeAttributes`),
 * and the rehype pair that keeps ids unique around rehype-slug.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { remarkHeaderAttributes } from './header-attributes.js';
import { remarkBracketedSpans } from './bracketed-spans.js';

export { remarkHeaderAttributes } from './header-attributes.js';
export { remarkBracketedSpans, type PandocSpan } from './bracketed-spans.js';
export { remarkCodeAttributes, FOREIGN_FENCES } from './code-attributes.js';
export { remarkPandocDefinitionLists } from './definition-lists.js';
export { remarkPandocBulletLists } from './bullet-lists.js';
export { remarkPandocExampleLists } from './example-lists.js';
export { remarkPandocLazyQuotes } from './lazy-quotes.js';
export { remarkPandocSimpleTables } from './simple-tables.js';
export { remarkPandocHtmlDivs, htmlDivSyntax, htmlDivFromMarkdown } from './html-divs.js';
export { remarkPandocLineBlocks, lineBlockSyntax, lineBlockFromMarkdown, type LineBlock } from './line-blocks.js';
export { rehypeMarkAuthorIds, rehypeUniqueIds } from './unique-ids.js';
export { attributesToProperties, type AttributeTarget } from './properties.js';
export { PANDOC_SOURCE } from './source-context.js';

/**
 * The remark plugin for inline pandoc attributes: header attributes first (so a heading's
 * trailing `{#id}` is never read as anything else), then spans and link attributes.
 */
export function remarkPandocAttributes() {
  const headers = remarkHeaderAttributes();
  const spans = remarkBracketedSpans();
  return (tree: Root, file: VFile): void => {
    headers(tree, file);
    spans(tree, file);
  };
}
