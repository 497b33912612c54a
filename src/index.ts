/**
 * mlpost: publish machine-learning blog posts. The public API (`docs/api.md` documents
 * it; `test/api/exports.test.ts` pins it):
 *
 * - render: `renderPost` (one post → HTML, data, diagnostics, files), `buildSite`;
 * - as unified plugins: `mlpost()` (the whole pipeline), `remarkMlpost`/`rehypeMlpost`
 *   (its two halves), `mlpostStages` (the stages, to put a plugin of your own between them),
 *   `remarkHexoTags` (the Hexo tag syntax alone);
 * - what the options take: `createGraphRenderer` (`graph`), `DiskCache` (`cache`), and
 *   `closeEngines()` to let a process that rendered end cleanly;
 * - helpers: `parseFenceAttributes`, `formatMessage`.
 */
export { renderPost } from './pipeline/render-post.js';
export type { RenderPostOptions, RenderedPost, PostData } from './pipeline/render-post.js';
export { buildSite } from './site/build.js';
export type { BuildOptions, BuildResult, PostOrigin } from './site/build.js';
export { mlpost, remarkMlpost, rehypeMlpost, mlpostStages } from './pipeline/index.js';
export type { MlpostOptions } from './pipeline/index.js';
export { checkOrder, PipelineOrderError } from './pipeline/step.js';
export type { Stage, Step } from './pipeline/step.js';
export type { Fact } from './pipeline/facts.js';
export { createGraphRenderer } from './graph/renderer.js';
export type { GraphRenderer, GraphRendererOptions, GraphResult, RenderGraphOptions } from './graph/renderer.js';
export type { GraphProblem } from './graph/problems.js';
export type { LayoutEngine, EngineOutput, EngineMessage } from './graph/engine.js';
export { DiskCache } from './cache/disk-cache.js';
export { closeEngines } from './engines/index.js';
export type { MathOptions } from './math/rehype-math.js';
export { remarkHexoTags } from './syntax/hexo-tag/index.js';
export type { TagHandler, TagContext, AnyHexoTag, HexoTagOptions, TagSiteOptions, PostReference } from './syntax/hexo-tag/index.js';
export { parseFenceAttributes } from './syntax/fence-attributes.js';
export type { FenceAttributes } from './syntax/fence-attributes.js';
export { formatMessage } from './diagnostics.js';
export type { PostAsset, TocEntry } from './types.js';
export type { PostFrontMatter } from './syntax/front-matter.js';
export type { PostDate } from './syntax/date.js';
