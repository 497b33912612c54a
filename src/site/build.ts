/**
 * `buildSite`: every post of a site folder to a page, plus the home page, tag and
 * category pages, and the shared assets once — in three stages:
 *
 * 1. scan (`scan.ts`): read and key every post; a post whose inputs (source, site config,
 *    renderer versions) did not change keeps its page or comes back from the post cache;
 * 2. render (`render-posts.ts`): the others, on worker threads when there are enough;
 * 3. write (`write-site.ts`): pages as they come, then lists, assets, manifest.
 *
 * Files are written only when their bytes change.
 */
import { openBuild } from './build-context.js';
import { renderPosts, type RenderStageOptions } from './render-posts.js';
import { scanPosts, type PostOrigin } from './scan.js';
import { countMessages } from './stored-post.js';
import { writeSite } from './write-site.js';

export { CACHE_FOLDER } from './build-context.js';
export { findPosts, postFolder, POST_FOLDERS } from './posts-folder.js';
export { MIN_POSTS_FOR_WORKERS } from './render-posts.js';
export type { PostOrigin } from './scan.js';

export interface BuildOptions extends RenderStageOptions {
  /** Output folder; default from the config (`dist` inside the site). */
  output?: string;
  /** Render every post and execute every cell afresh, reading no cache (same output bytes). */
  noCache?: boolean;
}

export interface BuildResult {
  output: string;
  posts: number;
  errors: number;
  warnings: number;
  /** Site-level problems (a post that could not be read …), as `file:line:col` lines. */
  problems: string[];
  /** Site-level warnings (names that collide, a cache that is not used …), as `file:line:col` lines. */
  siteWarnings: string[];
  /** Posts rendered by this build, taken from the post cache, and left as they were. */
  rendered: number;
  fromCache: number;
  unchanged: number;
  /** Output-relative paths written, and removed (pages of deleted posts …). */
  written: string[];
  removed: string[];
}

/** Build the site in `siteDirectory`. */
export async function buildSite(siteDirectory: string, options: BuildOptions = {}): Promise<BuildResult> {
  const context = await openBuild(siteDirectory, options);
  const { posts, problems } = await renderPosts(context, scanPosts(context), options);
  writeSite(context, posts);

  const result: BuildResult = { output: context.output, posts: 0, errors: problems.length, warnings: context.warnings.length, problems, siteWarnings: context.warnings, rendered: 0, fromCache: 0, unchanged: 0, written: context.files.written, removed: context.files.removed };
  const counted: Record<PostOrigin, 'rendered' | 'fromCache' | 'unchanged' | undefined> = { rendered: 'rendered', cache: 'fromCache', unchanged: 'unchanged', failed: undefined };
  for (const post of posts) {
    if (!post.record) continue;
    const counts = countMessages(post.record.messages);
    result.errors += counts.errors;
    result.warnings += counts.warnings;
    result.posts++;
    const field = counted[post.origin];
    if (field) result[field]++;
  }
  return result;
}
