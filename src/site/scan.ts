/**
 * Scan stage of a site build: every post file read and keyed, and sorted into the three
 * ways its page is obtained — left as the previous build wrote it, taken from the post
 * cache, or rendered. Yields as it goes, so render threads can start during the scan.
 */
import { basename, relative, sep } from 'node:path';
import { hashKey } from '../cache/disk-cache.js';
import { readsUnchanged } from '../cache/reads.js';
import { DEFAULT_POST_BYTES } from '../limits/settings.js';
import { escapeFileName, escapeForTerminal } from '../diagnostics.js';
import type { BuildContext } from './build-context.js';
import type { ManifestPost } from './manifest.js';
import { findPosts } from './posts-folder.js';
import { assignNames, type NameCollision } from './names.js';
import { formatReadFailure, readPostFile } from './read-post.js';
import { postCache, type RenderJob } from './render-job.js';
import type { StoredMessage, StoredPost } from './stored-post.js';

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
  | { readonly state: 'render'; readonly post: SitePost; readonly job: RenderJob; readonly notes: StoredMessage[] };

/** Folder names of the site's own pages, which no post may have. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['assets', 'tags', 'categories']);

/** Scan the site's posts in path order. */
export function* scanPosts(context: BuildContext): Generator<ScannedPost> {
  const { site, previous, files, noCache } = context;
  const cache = postCache(context.settings.cacheDir);
  const paths = findPosts(site);
  const rels = paths.map((path) => relative(site, path).split(sep).join('/'));
  const shownOf = (path: string) => relative(process.cwd(), path) || path;
  // Names come from the paths alone, all at once: a collision needs every claimant.
  const { names, collisions } = assignNames(
    paths.map((path) => ({ shown: shownOf(path), text: basename(path, '.md') })),
    { fallback: 'post', reserved: RESERVED_NAMES, previous: (index) => previous?.manifest.posts[rels[index]!]?.url.replace(/\/$/, '') },
  );
  context.warnings.push(...collisions.map((collision) => postCollisionWarning(collision)));
  const maxBytes = context.settings.limits.postBytes ?? DEFAULT_POST_BYTES;
  for (const [index, path] of paths.entries()) {
    const shown = shownOf(path);
    const read = readPostFile(path, { maxBytes });
    if (!read.ok) {
      yield { state: 'unreadable', problem: formatReadFailure(shown, read) };
      continue;
    }
    const rel = rels[index]!;
    const name = names[index]!;
    const postKey = hashKey('mlpost-post', context.renderKey, rel, read.text);
    const post: SitePost = { shown, rel, name, key: hashKey('mlpost-post-page', postKey, context.pageKey, name), origin: 'unchanged', record: undefined };
    const before = previous?.manifest.posts[rel];
    if (!noCache && before && !before.transient && before.key === post.key && readsUnchanged(before.reads) && before.files.every((file) => files.keep(file, post.key))) {
      post.record = before;
      yield { state: 'unchanged', post };
      continue;
    }
    const notes: StoredMessage[] = [];
    const found = noCache || !cache ? undefined : cache.lookup(postKey);
    if (found && 'value' in found) {
      const stored = parseStored(found.value);
      if (stored && readsUnchanged(stored.reads)) {
        post.origin = 'cache';
        yield { state: 'cached', post, stored };
        continue;
      }
    } else if (found?.miss === 'forged') {
      notes.push({ reason: "the cached page of this post failed authentication (written without this machine's cache key): not used, rendered again", line: 1, column: 1, fatal: false, ruleId: 'cache-forged', source: 'mlpost:cache' });
    }
    yield { state: 'render', post, job: { shown, text: read.text, key: postKey }, notes };
  }
}

/** A stored post from the cache, or `undefined` if it is not one (an older format). */
function parseStored(text: string): StoredPost | undefined {
  try {
    const stored = JSON.parse(text) as StoredPost;
    return typeof stored.html === 'string' && Array.isArray(stored.messages) && Array.isArray(stored.assets) && Array.isArray(stored.reads) ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** The site-level warning for two posts whose names collide. */
function postCollisionWarning({ name, kept, moved, movedTo }: NameCollision): string {
  return `${escapeFileName(moved.shown)}:1:1: warning: its page would be ${escapeForTerminal(name)}/, which ${escapeForTerminal(kept.shown)} has: it is ${escapeForTerminal(movedTo)}/ instead [name-collision]`;
}
