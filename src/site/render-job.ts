/**
 * Rendering one post of a site, the same in a worker thread and in the main thread:
 * `renderPost`, the result stored in the post cache, and the page made from the stored
 * (JSON round-tripped) copy so fresh and cached builds give the same bytes.
 */
import { join } from 'node:path';
import { DiskCache } from '../cache/disk-cache.js';
import type { PostReference } from '../syntax/hexo-tag/index.js';
import { toStoredPost, type StoredPost } from './stored-post.js';

/** Site-wide settings of a render (plain data: it crosses into workers). */
export interface RenderSettings {
  timezone: string;
  siteUrl: string | undefined;
  /** The site's language (a post's `lang` wins). */
  language: string | undefined;
  /** Where `include_code` reads from (Hexo's `source/downloads/code`); default the post's folder. */
  codeDir: string | undefined;
  /** The posts `post_link` and `post_path` can name, by slug. */
  posts: Record<string, PostReference>;
  /** `<site>/.mlpost-cache`. */
  cacheDir: string;
  /** Run cells and graphs afresh (`--no-cache`); the result is still stored. */
  noCache: boolean;
}

/** One post to render. */
export interface RenderJob {
  /** Path shown in diagnostics. */
  shown: string;
  text: string;
  /** The post cache key (source, config, versions). */
  key: string;
}

/** A rendered post, as the post cache holds it. */
export interface RenderJobResult {
  stored: StoredPost;
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
    language: settings.language,
    site: { posts: settings.posts, ...(settings.codeDir ? { codeDir: settings.codeDir } : {}) },
    ...(settings.noCache ? {} : { cache: cacheAt(join(settings.cacheDir, CACHE_PARTS.graphs)) }),
    cells: { cacheDir: join(settings.cacheDir, CACHE_PARTS.cells), noCache: settings.noCache },
  });
  const value = JSON.stringify(toStoredPost(post));
  postCache(settings.cacheDir).set(job.key, value);
  return { stored: JSON.parse(value) as StoredPost };
}
