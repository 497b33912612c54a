/**
 * Scan stage of a site build: every post file read and keyed, and sorted into the three
 * ways its page is obtained — left as the previous build wrote it, taken from the post
 * cache, or rendered. Yields as it goes, so render threads can start during the scan.
 */
import { basename, relative, sep } from 'node:path';
import { slug } from 'github-slugger';
import { hashKey } from '../cache/disk-cache.js';
import type { BuildContext } from './build-context.js';
import type { ManifestPost } from './manifest.js';
import { findPosts } from './posts-folder.js';
import { formatReadFailure, readPostFile } from './read-post.js';
import { postCache, type RenderJob } from './render-job.js';
import type { StoredPost } from './stored-post.js';

/** How a post's page was obtained in this build. */
export type PostOrigin = 'unchanged' | 'cache' | 'rendered' | 'failed';

/** One post of the site during a build. */
export interface SitePost {
  /** Path as shown in diagnostics (relative to the working directory). */
  readonly shown: string;
  /** Path relative to the site, with `/`: the manifest's key. */
  readonly rel: string;
  /** Folder name of its page. */
  readonly name: string;
  /** Everything its page depends on. */
  readonly key: string;
  origin: PostOrigin;
  /** Its manifest record, once its page exists. */
  record: ManifestPost | undefined;
}

/** What the scan found for one file. */
export type ScannedPost =
  | { readonly state: 'unreadable'; readonly problem: string }
  | { readonly state: 'unchanged'; readonly post: SitePost }
  | { readonly state: 'cached'; readonly post: SitePost; readonly stored: StoredPost }
  | { readonly state: 'render'; readonly post: SitePost; readonly job: RenderJob };

/** Scan the site's posts in path order. */
export function* scanPosts(context: BuildContext): Generator<ScannedPost> {
  const { site, previous, files, noCache } = context;
  const cache = postCache(context.settings.cacheDir);
  const names = new Set<string>();
  for (const [index, path] of findPosts(site).entries()) {
    const shown = relative(process.cwd(), path) || path;
    const read = readPostFile(path);
    if (!read.ok) {
      yield { state: 'unreadable', problem: formatReadFailure(shown, read) };
      continue;
    }
    const rel = relative(site, path).split(sep).join('/');
    const name = uniqueName(slug(basename(path, '.md')) || `post-${index + 1}`, names);
    const postKey = hashKey('mlpost-post', context.renderKey, rel, read.text);
    const post: SitePost = { shown, rel, name, key: hashKey('mlpost-post-page', postKey, context.pageKey, name), origin: 'unchanged', record: undefined };
    const before = previous?.manifest.posts[rel];
    if (!noCache && before && before.key === post.key && before.files.every((file) => files.keep(file, post.key))) {
      post.record = before;
      yield { state: 'unchanged', post };
      continue;
    }
    const stored = noCache ? undefined : cache.get(postKey);
    if (stored !== undefined) {
      post.origin = 'cache';
      yield { state: 'cached', post, stored: JSON.parse(stored) as StoredPost };
      continue;
    }
    yield { state: 'render', post, job: { shown, text: read.text, key: postKey } };
  }
}

/** A page name not used yet: `name`, else `name-2`, `name-3` … (posts are visited in path order). */
function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let counter = 2; used.has(candidate) || candidate === 'assets' || candidate === 'tags' || candidate === 'categories'; counter++) candidate = `${name}-${counter}`;
  used.add(candidate);
  return candidate;
}
