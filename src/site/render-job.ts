/**
 * Rendering one post of a site, the same in a worker thread and in the main thread:
 * `renderPost` and the result stored in the post cache (unless it had a transient failure);
 * pages are made from the stored (JSON round-tripped) copy so fresh and cached builds give
 * the same bytes.
 */
import { join } from 'node:path';
import { DiskCache } from '../cache/disk-cache.js';
import type { PostReference } from '../syntax/hexo-tag/index.js';
import type { RenderLimits } from '../limits/settings.js';
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
  /** `<site>/.mlpost-cache`; `undefined` when it cannot be used (nothing is cached then). */
  cacheDir: string | undefined;
  /** Run cells and graphs afresh (`--no-cache`); the result is still stored. */
  noCache: boolean;
  /** The site's `limits:`. */
  limits: RenderLimits;
  /** The cache key of the main thread (render threads authenticate with the same one). */
  cacheSecret: { key: string; origin: string };
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
  /** A failure another run may not repeat: shown, not cached. */
  transient: boolean;
}

/** Cache folders inside `<site>/.mlpost-cache`. */
export const CACHE_PARTS = { posts: 'posts', graphs: 'graphs', cells: 'cells', builds: 'builds' } as const;

const caches = new Map<string, DiskCache>();
function cacheAt(dir: string): DiskCache {
  let cache = caches.get(dir);
  if (!cache) caches.set(dir, (cache = new DiskCache(dir)));
  return cache;
}

/** The post cache of a site (none when its cache folder cannot be used). */
export function postCache(cacheDir: string | undefined): DiskCache | undefined {
  return cacheDir === undefined ? undefined : cacheAt(join(cacheDir, CACHE_PARTS.posts));
}

/** Render `job` (loads the pipeline on first use). */
export async function renderJob(job: RenderJob, settings: RenderSettings): Promise<RenderJobResult> {
  const { renderPost } = await import('../pipeline/render-post.js');
  const { cacheDir } = settings;
  const post = await renderPost(job.text, {
    path: job.shown,
    timezone: settings.timezone,
    siteUrl: settings.siteUrl,
    language: settings.language,
    site: { posts: settings.posts, ...(settings.codeDir ? { codeDir: settings.codeDir } : {}) },
    limits: settings.limits,
    ...(settings.noCache || cacheDir === undefined ? {} : { cache: cacheAt(join(cacheDir, CACHE_PARTS.graphs)) }),
    cells: { cacheDir: cacheDir === undefined ? false : join(cacheDir, CACHE_PARTS.cells), noCache: settings.noCache },
  });
  const value = JSON.stringify(toStoredPost(post));
  // A time limit hit or a crash is shown this time, and tried again next time.
  if (!post.transient) postCache(cacheDir)?.set(job.key, value);
  return { stored: JSON.parse(value) as StoredPost, transient: post.transient };
}
