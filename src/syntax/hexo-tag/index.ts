/**
 * `remarkHexoTags`: Hexo's `{% tag %}` syntax in remark. Registers the micromark and
 * mdast layers, then pairs opening and closing tags and expands each through its handler.
 */
/// <reference types="remark-parse" />
import type { Root } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { hexoTagSyntax } from './micromark.js';
import { hexoTagFromMarkdown } from './mdast.js';
import { pairHexoTags } from './pair.js';
import { shieldTagPipes } from './table-pipes.js';
import { pairInlineTags } from './pair-inline.js';
import { builtinTagHandlers, expandHexoTags, type TagHandler } from './tags.js';
import type { TagSiteOptions } from './handlers/site.js';

export interface HexoTagOptions extends TagSiteOptions {
  /** Handlers for more tags (or to replace built-in ones), by tag name. */
  handlers?: Readonly<Record<string, TagHandler>>;
}

/** The remark plugin for Hexo tags. */
export function remarkHexoTags(this: Processor, options: HexoTagOptions = {}) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(hexoTagSyntax());
  (data.fromMarkdownExtensions ??= []).push(hexoTagFromMarkdown());
  // Hexo expands tags before Markdown: a `|` in a tag's TeX must not split a table row.
  (data.mlpostSourcePasses ??= []).push(shieldTagPipes);
  const handlers = { ...builtinTagHandlers, ...options.handlers };
  const site: TagSiteOptions = { siteRoot: options.siteRoot, codeDir: options.codeDir, posts: options.posts };
  return (tree: Root, file: VFile): void => {
    pairHexoTags(tree, file);
    pairInlineTags(tree, file);
    expandHexoTags(tree, file, handlers, site);
  };
}

export { hexoTagSyntax } from './micromark.js';
export { hexoTagFromMarkdown } from './mdast.js';
export type { HexoTag, HexoTagBlock, HexoTagText } from './mdast.js';
export { parseTag, splitArguments } from './arguments.js';
export { parseBlockquoteFooter, linkText } from './blockquote.js';
export { BODY_TAGS, pairHexoTags } from './pair.js';
export { INLINE_PAIR_TAGS, pairInlineTags } from './pair-inline.js';
export { themeTagHandlers } from './handlers/theme/index.js';
export { builtinTagHandlers, expandHexoTags, unknownTagPlaceholder } from './tags.js';
export type { AnyHexoTag, TagContext, TagHandler } from './tags.js';
export { hexoBuiltinTagHandlers } from './handlers/index.js';
export type { PostReference, TagSiteOptions } from './handlers/site.js';
