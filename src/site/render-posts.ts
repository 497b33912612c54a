/**
 * Render stage of a site build: the posts the scan could not take from the previous
 * build or the cache are rendered — on worker threads, started as soon as there are
 * enough posts to pay for them (so their start-up overlaps the scan), else in this
 * thread — and each page is written as soon as it exists. Posts are reported in path
 * order, each once every earlier one is done.
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
import { sitePostPage } from './post-page.js';
import { renderJob, type RenderJob, type RenderJobResult, type RenderSettings } from './render-job.js';
import { PostRenderError, RenderPool, renderIsolated } from './render-pool.js';
import type { PostOrigin, ScannedPost, SitePost } from './scan.js';
import { toVFileMessages, type StoredMessage, type StoredPost } from './stored-post.js';
import { writePost } from './write-site.js';

/** Posts to render before worker threads are worth starting. */
export const MIN_POSTS_FOR_WORKERS = 8;

/**
 * Posts longer than this are rendered in a thread of their own. Dense Markdown with math
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

/** Every readable post (with its page written, or `origin: 'failed'`), and the site-level problems. */
export interface RenderStageResult {
  posts: SitePost[];
  /** `file:line:col: error: …` lines for posts that could not be read or rendered. */
  problems: string[];
}

/** Give every scanned post its page. */
export async function renderPosts(context: BuildContext, scanned: Iterable<ScannedPost>, options: RenderStageOptions = {}): Promise<RenderStageResult> {
  const { files, settings } = context;
  const posts: Array<SitePost | undefined> = [];
  const problems: string[] = [];
  const toRender: Array<{ post: SitePost; job: RenderJob }> = [];
  const rendering: Array<Promise<void>> = [];
  let pool: RenderPool | undefined;
  const threads = (pending: number) => Math.min(MAX_WORKERS, options.workers ?? (pending >= MIN_POSTS_FOR_WORKERS ? availableParallelism() : 0));
  const dispatch = ({ post, job }: { post: SitePost; job: RenderJob }) => {
    const rendered = pool!.render(job).catch((error: Error) => (error instanceof PostRenderError && error.reason === 'memory' ? renderAlone(job) : Promise.reject(error)));
    rendering.push(rendered.then((result) => finish(post, result, job), (error: Error) => finish(post, error, job)));
  };

  let reported = 0;
  const report = () => {
    while (reported < posts.length) {
      const post = posts[reported];
      if (post && !post.record && post.origin !== 'failed') return;
      reported++;
      if (!post) continue;
      options.onPost?.({ path: post.shown, messages: toVFileMessages(post.record?.messages ?? []), done: reported, total: posts.length, origin: post.origin });
    }
  };
  const notesOf = new Map<SitePost, StoredMessage[]>();
  /** Posts rendered alone for their size. */
  let alone = 0;
  function finish(post: SitePost, rendered: RenderJobResult | Error, job: RenderJob): void {
    const result = rendered instanceof Error ? failedRendering(job, rendered, settings) : rendered;
    result.stored.messages.push(...(notesOf.get(post) ?? []));
    post.origin = 'rendered';
    post.record = writePost(files, post, result.stored, result.page, result.transient);
    report();
  }
  const postMs = settings.limits.postMs ?? DEFAULT_POST_MS;
  /** A big post, or one whose pool thread ran out of memory: alone, with a large heap, one at a time. */
  let isolated: Promise<unknown> = Promise.resolve();
  const renderAlone = (job: RenderJob) => {
    const next = isolated.then(() => renderIsolated(job, settings, { postMs }));
    isolated = next.catch(() => undefined);
    return next;
  };

  try {
    for (const item of scanned) {
      if (item.state === 'unreadable') {
        problems.push(item.problem);
        posts.push(undefined);
        continue;
      }
      posts.push(item.post);
      if (item.state === 'cached') item.post.record = writePost(files, item.post, item.stored, sitePostPage(item.stored.data, item.stored.html, settings.page));
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
  return { posts: posts.filter((post): post is SitePost => post !== undefined), problems };
}

/**
 * The page of a post that could not be rendered: its source as text and one error at
 * 1:1 saying why. Shown, never cached (the next build tries again).
 */
function failedRendering(job: RenderJob, error: Error, settings: RenderSettings): RenderJobResult {
  const ruleId = error instanceof PostRenderError ? (error.reason === 'timeout' ? 'post-timeout' : 'post-crashed') : 'render-failed';
  const reason = error instanceof PostRenderError ? error.message : `mlpost failed to render this post: ${error.message.split('\n')[0]}`;
  const stored: StoredPost = {
    html: `<pre class="mlpost-render-failed">${job.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</pre>`,
    data: { title: undefined, date: undefined, updated: undefined, tags: [], categories: [], extra: {}, excerptHtml: undefined, toc: [] },
    messages: [{ reason, line: 1, column: 1, fatal: true, ruleId, source: 'mlpost:site' }],
    assets: [],
    reads: [],
  };
  return { stored, page: sitePostPage(stored.data, stored.html, settings.page), transient: true };
}
