/**
 * `buildSite`: a whole blog from a site folder (mlpost's or Hexo's layout) — every post's
 * page, the list pages, feeds, sitemap and 404 page, the static files and post assets,
 * and the shared assets once — in four stages:
 *
 * 1. scan (`scan.ts`): every post, draft and page read with its front matter;
 * 2. plan (`plan.ts`): URLs, order, neighbours, and whether each page must be made again
 *    (kept as the previous build wrote it, taken from the post cache, or rendered);
 * 3. render (`render-posts.ts`): the others, on worker threads when there are enough;
 * 4. write (`write-site.ts`): pages as they come, then lists, feeds, files, manifest.
 *
 * Files are written only when their bytes change; nothing is created when the folder does
 * not exist or has no posts.
 */
import { relative } from 'node:path';
import { openBuild, SiteError, type OpenBuildOptions } from './build-context.js';
import { feedLinks } from './feeds.js';
import { planSite, type SiteNotice } from './plan.js';
import { renderPosts, type RenderStageOptions } from './render-posts.js';
import { classifyPosts, readSources, type PostOrigin } from './scan.js';
import { countMessages } from './stored-post.js';
import { writeSite } from './write-site.js';

export { CACHE_FOLDER, SiteError } from './build-context.js';
export { findPosts, postFolder, POST_FOLDERS } from './posts-folder.js';
export { MIN_POSTS_FOR_WORKERS } from './render-posts.js';
export type { PostOrigin } from './scan.js';
export type { SiteNotice } from './plan.js';

export interface BuildOptions extends RenderStageOptions, Omit<OpenBuildOptions, 'output' | 'noCache'> {
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
  /** Site-level warnings and notes (config keys, missing files, URL collisions …), as `file:line:col` lines. */
  notices: SiteNotice[];
  /** Posts rendered by this build, taken from the post cache, and left as they were. */
  rendered: number;
  fromCache: number;
  unchanged: number;
  /** Output-relative paths written, and removed (pages of deleted posts …). */
  written: string[];
  removed: string[];
}

/** Build the site in `siteDirectory`; throws a {@link SiteError} (nothing written) when it has no posts. */
export async function buildSite(siteDirectory: string, options: BuildOptions = {}): Promise<BuildResult> {
  const context = await openBuild(siteDirectory, options);
  const { posts: sources, problems } = readSources(context);
  if (sources.length === 0 && problems.length === 0) {
    const shown = relative(process.cwd(), context.site) || '.';
    const drafts = context.drafts ? '' : ` (drafts are left out: build them with --drafts)`;
    throw new SiteError(`${shown}: error: no posts: mlpost looked for Markdown files in ${shown}/posts/ and ${shown}/source/_posts/${drafts} [site-no-posts]`);
  }
  const plan = planSite(context, sources);
  context.settings.posts = plan.references;
  const classified = [...classifyPosts(context, plan.all)];
  // The HTML parser behind summaries takes longer to load than a build with nothing to do takes.
  const brief = classified.some((item) => item.state !== 'unchanged') ? await import('./theme/summary.js') : { summaryOf: () => '', leadOf: () => undefined };
  const frame = { config: context.config, generator: context.generator, theme: context.theme, style: context.style, feeds: feedLinks(context.config), summarize: brief.summaryOf, lead: brief.leadOf };
  const rendered = await renderPosts(context, classified, frame, options);
  const notices = [
    ...context.configNotices.map((notice) => ({ ...notice })),
    ...context.warnings.map((text) => ({ severity: 'warning' as const, text })),
    ...plan.notices,
    ...(await writeSite(context, plan, frame)),
  ];

  const result: BuildResult = { output: context.output, posts: 0, errors: problems.length + rendered.problems.length, warnings: 0, problems: [...problems, ...rendered.problems], notices, rendered: 0, fromCache: 0, unchanged: 0, written: context.files.written, removed: context.files.removed };
  for (const notice of notices) {
    if (notice.severity === 'error') result.errors++;
    else if (notice.severity === 'warning') result.warnings++;
  }
  const counted: Record<PostOrigin, 'rendered' | 'fromCache' | 'unchanged' | undefined> = { rendered: 'rendered', cache: 'fromCache', unchanged: 'unchanged', failed: undefined };
  for (const post of plan.all) {
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
