/**
 * Render stage of a site build: the posts the plan could not take from the previous
 * build or the cache are rendered — on worker threads when there are enough to pay for
 * them, else in this thread — and each page is made from the theme and written as soon as
 * its post is rendered (pages need the whole plan: URLs, neighbours, so they are made here,
 * not in the threads). Posts are reported in path order, each once every earlier one is done.
 *
 * A post over {@link BIG_POST_CHARS} is rendered in a thread of its own with a large heap
 * (so running out of memory stops that thread, not the build), and so is a post whose pool
 * thread ran out of memory. A post that still fails — out of memory, past `limits.postMs`,
 * its thread crashed — gets a page showing its source and a located error; the rest of
 * the site is written.
 */
import { availableParallelism } from 'node:os';
import type { VFileMessage } from 'vfile-message';
import { DEFAULT_POST_MS } from '../limits/settings.js';
import type { BuildContext } from './build-context.js';
import { renderJob, type RenderJob, type RenderJobResult } from './render-job.js';
import { PostRenderError, RenderPool, renderIsolated } from './render-pool.js';
import type { PostOrigin, ScannedPost, SitePost } from './scan.js';
import { toVFileMessages, type StoredMessage, type StoredPost } from './stored-post.js';
import type { PageFrame } from './theme/pages.js';
import { ThemeError } from './theme/theme.js';
import { makePostPage, writePost } from './write-site.js';

/** Posts to render before worker threads are worth starting. */
export const MIN_POSTS_FOR_WORKERS = 8;

/**
 * Posts longer than this render alone in a thread with a large heap: a dense post
 * needs about a thousand times its size in memory while it renders (1 MB: 1.2 GB), more
 * than a pool thread has; in this thread, running out of memory would end the build.
 */
export const BIG_POST_CHARS = 256 * 1024;

/** Most render threads, whatever `--workers` asks (each costs memory and start-up time). */
export const MAX_WORKERS = 64;

/** How the render stage runs and what it tells its caller. */
export interface RenderStageOptions {
  /** Render threads: 0 renders in the calling thread; default the core count for big builds. */
  workers?: number;
  /** Called once the scan is over and the stage knows how many posts it must render. */
  onStart?: (event: { total: number; toRender: number; workers: number }) => void;
  /** Called once per post, in path order, with its diagnostics. */
  onPost?: (event: { path: string; messages: readonly VFileMessage[]; done: number; total: number; origin: PostOrigin }) => void;
}

/** Every post (with its page written, or `origin: 'failed'`), and the problems of those that failed. */
export interface RenderStageResult {
  posts: SitePost[];
  /** `file:line:col: error: …` lines for posts that could not be put in a page. */
  problems: string[];
}

/** Give every scanned post its page. */
export async function renderPosts(context: BuildContext, scanned: Iterable<ScannedPost>, frame: PageFrame, options: RenderStageOptions = {}): Promise<RenderStageResult> {
  const { files, settings } = context;
  const posts: SitePost[] = [];
  const problems: string[] = [];
  const toRender: Array<{ post: SitePost; job: RenderJob }> = [];
  const rendering: Array<Promise<void>> = [];
  let pool: RenderPool | undefined;
  const threads = (pending: number) => Math.min(MAX_WORKERS, options.workers ?? (pending >= MIN_POSTS_FOR_WORKERS ? availableParallelism() : 0));
  const postMs = settings.limits.postMs ?? DEFAULT_POST_MS;
  /** A big post, or one whose pool thread ran out of memory: alone, with a large heap, one at a time. */
  let isolated: Promise<unknown> = Promise.resolve();
  const renderAlone = (job: RenderJob) => {
    const next = isolated.then(() => renderIsolated(job, settings, { postMs }));
    isolated = next.catch(() => undefined);
    return next;
  };
  const dispatch = ({ post, job }: { post: SitePost; job: RenderJob }) => {
    const rendered = pool!.render(job).catch((error: Error) => (error instanceof PostRenderError && error.reason === 'memory' ? renderAlone(job) : Promise.reject(error)));
    rendering.push(rendered.then((result) => finish(post, result, job), (error: Error) => finish(post, error, job)));
  };

  let reported = 0;
  const report = () => {
    while (reported < posts.length) {
      const post = posts[reported]!;
      if (!post.record && post.origin !== 'failed') return;
      reported++;
      options.onPost?.({ path: post.shown, messages: toVFileMessages(post.record?.messages ?? []), done: reported, total: posts.length, origin: post.origin });
    }
  };
  /** The page of a rendered or cached post; a template error fails that page alone. */
  const write = (post: SitePost, stored: StoredPost, transient = false): void => {
    try {
      post.record = writePost(files, post, stored, makePostPage(frame, post, stored), transient);
    } catch (error) {
      if (!(error instanceof ThemeError)) throw error;
      files.pageFailed();
      post.origin = 'failed';
      problems.push(error.message);
    }
  };
  /** What the scan noticed about a post (a forged cache entry …), added to its diagnostics. */
  const notesOf = new Map<SitePost, StoredMessage[]>();
  /** Posts rendered alone for their size. */
  let alone = 0;
  function finish(post: SitePost, rendered: RenderJobResult | Error, job: RenderJob): void {
    const result = rendered instanceof Error ? failedRendering(job, rendered) : rendered;
    result.stored.messages.push(...(notesOf.get(post) ?? []));
    post.origin = 'rendered';
    write(post, result.stored, result.transient);
    report();
  }

  try {
    for (const item of scanned) {
      posts.push(item.post);
      if (item.state === 'cached') write(item.post, item.stored);
      if (item.state !== 'render') continue;
      if (item.notes.length > 0) notesOf.set(item.post, item.notes);
      if (item.job.text.length > BIG_POST_CHARS) {
        const { post, job } = item;
        alone++;
        rendering.push(renderAlone(job).then((result) => finish(post, result, job), (error: Error) => finish(post, error, job)));
        continue;
      }
      toRender.push(item);
      if (pool) dispatch(item);
      else if (threads(toRender.length) > 0) {
        pool = new RenderPool(threads(toRender.length), settings, { postMs });
        toRender.forEach(dispatch);
      }
    }
    options.onStart?.({ total: posts.length, toRender: toRender.length + alone, workers: pool?.size ?? 0 });
    report();
    if (!pool) {
      for (const { post, job } of toRender) {
        finish(post, await renderJob(job, settings).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))), job);
      }
    }
    await Promise.all(rendering);
  } finally {
    await pool?.close();
  }
  return { posts, problems };
}

/**
 * What a post that could not be rendered shows: its source as text and one error at 1:1
 * saying why. Shown, never cached (the next build tries again).
 */
function failedRendering(job: RenderJob, error: Error): RenderJobResult {
  const ruleId = error instanceof PostRenderError ? (error.reason === 'timeout' ? 'post-timeout' : 'post-crashed') : 'render-failed';
  const reason = error instanceof PostRenderError ? error.message : `mlpost failed to render this post: ${error.message.split('\n')[0]}`;
  const stored: StoredPost = {
    html: `<pre class="mlpost-render-failed">${job.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</pre>`,
    data: { title: undefined, date: undefined, updated: undefined, tags: [], categories: [], extra: {}, excerptHtml: undefined, toc: [] },
    messages: [{ reason, line: 1, column: 1, fatal: true, ruleId, source: 'mlpost:site' }],
    assets: [],
    references: [],
    reads: [],
  };
  return { stored, transient: true };
}
