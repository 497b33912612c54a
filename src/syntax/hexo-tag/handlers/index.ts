/**
 * Hexo 8's built-in tags besides `blockquote`, by every name Hexo registers them under
 * (`lib/plugins/tag/index.ts`), plus `raw`.
 */
import type { TagHandler } from '../tags.js';
import { assetImgHandler, assetLinkHandler, assetPathHandler } from './asset.js';
import { codeblockHandler } from './codeblock.js';
import { iframeHandler } from './iframe.js';
import { imgHandler } from './img.js';
import { includeCodeHandler } from './include-code.js';
import { linkHandler } from './link.js';
import { postLinkHandler, postPathHandler } from './post-link.js';
import { pullquoteHandler } from './pullquote.js';
import { endRawHandler, rawHandler } from './raw.js';

/** The handlers, by tag name. */
export const hexoBuiltinTagHandlers: Readonly<Record<string, TagHandler>> = Object.freeze({
  codeblock: codeblockHandler,
  code: codeblockHandler,
  pullquote: pullquoteHandler,
  img: imgHandler,
  image: imgHandler,
  link: linkHandler,
  a: linkHandler,
  anchor: linkHandler,
  iframe: iframeHandler,
  raw: rawHandler,
  endraw: endRawHandler,
  include_code: includeCodeHandler,
  'include-code': includeCodeHandler,
  post_link: postLinkHandler,
  post_path: postPathHandler,
  asset_img: assetImgHandler,
  asset_image: assetImgHandler,
  asset_link: assetLinkHandler,
  asset_path: assetPathHandler,
});

export { parseCodeblockArguments, parseCodeCaption, stripIndent } from './codeblock.js';
export type { CodeblockOptions, CodeCaption } from './codeblock.js';
export { parseIncludeCodeArguments } from './include-code.js';
export { imageSizeAndText } from './img.js';
export { readContainedFile } from './contained-file.js';
export type { ContainedRead } from './contained-file.js';
export type { PostReference, TagSiteOptions } from './site.js';
