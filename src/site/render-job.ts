/**
 * Rendering one post of a site, the same in a worker thread and in the main thread:
 * `renderPost`, the result stored in the post cache, and the page made from the stored
 * (JSON round-tripped) copy so fresh and cached builds give the same bytes.
 */
import { join } from 'node:path';
import { DiskCache } from '../cache/disk-cache.js';
import { toStoredPost, type StoredPost } from './stored-post.js';
import { sitePostPage, type SitePageOptions } from './post-page.js';

/** Site-wide settings of a render (plain data: it crosses into workers). */
export interface RenderSettings {
  timezone: string;
  siteUrl: string | undefined;
  /** `<site>/.mlpost-cache`. */
  cacheDir: string;
  /** Run cells and graphs afresh (`--no-cache`); the result is still stored. */
  noCache: boolean;
  page: SitePageOptions;
}

/** One post to render. */
export interface RenderJob {
  /** Path shown in diagnostics. */
  shown: string;
  text: string;
  /** The post cache key (source, config, versions). */
  key: string;
}

/** A rendered post and its page. */
export interface RenderJobResult {
  stored: StoredPost;
  page: string;
}

/** Cache folders inside `<site>/.mlpost-cache`. */
export const CACHE_PARTS = { posts: 'posts', graphs: 'graphs', cells: 'cells', builds: 'builds' } as const;

const caches = new Map<string, DiskCache>();
function cacheAt(dir: string): DiskCache {
  let cache = caches.get(dir);
  if (!cache) caches.set(dir, (cache = new DiskCache(dir)));
  return cache;
}

/** The post cache of a site. */
export function postCache(cacheDir: string): DiskCache {
  return cacheAt(join(cacheDir, CACHE_PARTS.posts));
}

/** Render `job` (loads the pipeline on first use). */
export async function renderJob(job: RenderJob, settings: RenderSettings): Promise<RenderJobResult> {
  const { renderPost } = await import('../pipeline/render-post.js');
  const post = await renderPost(job.text, {
    path: job.shown,
    timezone: settings.timezone,
    siteUrl: settings.siteUrl,
    ...(settings.noCache ? {} : { cache: cacheAt(join(settings.cacheDir, CACHE_PARTS.graphs)) }),
    cells: { cacheDir: join(settings.cacheDir, CACHE_PARTS.cells), noCache: settings.noCache },
  });
  const value = JSON.stringify(toStoredPost(post));
  postCache(settings.cacheDir).set(job.key, value);
  const stored = JSON.parse(value) as StoredPost;
  return { stored, page: sitePostPage(stored.data, stored.html, settings.page) };
}
