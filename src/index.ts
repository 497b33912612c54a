/**
 * mlpost: publish machine-learning blog posts. The public API.
 */
export { renderPost } from './pipeline/render-post.js';
export type { RenderPostOptions, RenderedPost, PostData } from './pipeline/render-post.js';
export { mlpost, remarkMlpost, rehypeMlpost, mlpostStages } from './pipeline/index.js';
export type { MlpostOptions } from './pipeline/index.js';
export { remarkHexoTags } from './syntax/hexo-tag/index.js';
export type { TagHandler, TagContext, AnyHexoTag, HexoTagOptions } from './syntax/hexo-tag/index.js';
export { parseFenceAttributes } from './syntax/fence-attributes.js';
export type { FenceAttributes } from './syntax/fence-attributes.js';
export { formatMessage } from './diagnostics.js';
export type { PostAsset, TocEntry } from './types.js';
export type { PostDate } from './syntax/date.js';
