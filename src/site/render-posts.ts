/**
 * Render stage of a site build: the posts the plan could not take from the previous
 * build or the cache are rendered — on worker threads when there are enough to pay for
 * them, else in this thread — and each page is made from the theme and written as soon as
 * its post is rendered (pages need the whole plan: URLs, neighbours, so they are made here,
 * not in the threads). Posts are reported in path order, each once every earlier one is done.
 */
import { availableParallelism } from 'node:os';
import type { VFileMessage } from 'vfile-message';
import type { BuildContext } from './build-context.js';
import { renderJob, type RenderJob, type RenderJobResult } from './render-job.js';
import { RenderPool } from './render-pool.js';
import type { PostOrigin, ScannedPost, SitePost } from './scan.js';
import { toVFileMessages, type StoredPost } from './stored-post.js';
import type { PageFrame } from './theme/pages.js';
import { ThemeError } from './theme/theme.js';
import { makePostPage, writePost } from './write-site.js';

/** Posts to render before worker threads are worth starting. */
export const MIN_POSTS_FOR_WORKERS = 8;

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
  /** `file:line:col: error: …` lines for posts that could not be rendered or put in a page. */
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
  const threads = (pending: number) => options.workers ?? (pending >= MIN_POSTS_FOR_WORKERS ? availableParallelism() : 0);
  const dispatch = ({ post, job }: { post: SitePost; job: RenderJob }) => {
    rendering.push(pool!.render(job).then((rendered) => finish(post, rendered), (error: Error) => finish(post, error)));
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
  const write = (post: SitePost, stored: StoredPost): void => {
    try {
      post.record = writePost(files, post, stored, makePostPage(frame, post, stored));
    } catch (error) {
      if (!(error instanceof ThemeError)) throw error;
      post.origin = 'failed';
      problems.push(error.message);
    }
  };
  function finish(post: SitePost, rendered: RenderJobResult | Error): void {
    if (rendered instanceof Error) {
      post.origin = 'failed';
      problems.push(`${post.shown}:1:1: error: mlpost failed to render this post: ${rendered.message.split('\n')[0]} [render-failed]`);
    } else {
      post.origin = 'rendered';
      write(post, rendered.stored);
    }
    report();
  }

  try {
    for (const item of scanned) {
      posts.push(item.post);
      if (item.state === 'cached') write(item.post, item.stored);
      if (item.state !== 'render') continue;
      toRender.push(item);
      if (pool) dispatch(item);
      else if (threads(toRender.length) > 0) {
        pool = new RenderPool(threads(toRender.length), settings);
        toRender.forEach(dispatch);
      }
    }
    options.onStart?.({ total: posts.length, toRender: toRender.length, workers: pool?.size ?? 0 });
    report();
    if (pool) await Promise.all(rendering);
    else {
      for (const { post, job } of toRender) {
        finish(post, await renderJob(job, settings).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
      }
    }
  } finally {
    await pool?.close();
  }
  return { posts, problems };
}
