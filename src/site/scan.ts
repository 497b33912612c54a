/**
 * Scan stage of a site build, in two steps:
 *
 * 1. {@link readSources}: every post, draft and page read, with what its front matter says
 *    (taken from the previous build's manifest when the text did not change);
 * 2. {@link classifyPosts}, once the site is planned (URLs, neighbours — `plan.ts`): each
 *    page is left as the previous build wrote it, taken from the post cache, or rendered.
 */
import { relative, sep } from 'node:path';
import { hashKey } from '../cache/disk-cache.js';
import { readsUnchanged } from '../cache/reads.js';
import { DEFAULT_POST_BYTES } from '../limits/settings.js';
import type { BuildContext } from './build-context.js';
import type { ManifestPost } from './manifest.js';
import { readPostInfo, type PostInfo } from './post-info.js';
import { formatReadFailure, readPostFile } from './read-post.js';
import { postCache, type RenderJob } from './render-job.js';
import { findSources, type SourceFile } from './sources.js';
import { SiteError } from './build-context.js';
import { fileTimesOf, linksToPosts, stampFor, stampHolds, type SourceStamp } from './source-stamp.js';
import type { StoredMessage, StoredPost } from './stored-post.js';

/** How a post's page was obtained in this build. */
export type PostOrigin = 'unchanged' | 'cache' | 'rendered' | 'failed';

/** A post or draft newer or older than another, as its page links to it. */
export interface PostLink {
  path: string;
  title: string | undefined;
}

/** One post, draft or page of the site during a build. */
export interface SitePost {
  /** Path as shown in diagnostics (relative to the working directory). */
  readonly shown: string;
  /** Path relative to the site, with `/`: the manifest's key. */
  readonly rel: string;
  readonly source: SourceFile;
  /** The text; read on first use when the manifest's stamp says the file did not change. */
  readonly text: string;
  /** Hash of the text. */
  readonly textHash: string;
  /** Whether it has `post_link`/`post_path` tags (its page then depends on other posts' URLs). */
  readonly linksPosts: boolean;
  /** What the manifest records of its file, if the next build may trust it. */
  readonly stamp: SourceStamp | undefined;
  /** Hash of what `info` was read from: text, time zone, permalink rule. */
  readonly infoKey: string;
  readonly info: PostInfo;
  /** A draft: in `_drafts/`, or `published: false`. */
  readonly draft: boolean;
  /** Its URL path from the site root (`2019/09/12/rnn_intro/`), set by the plan. */
  path: string;
  /** The file its page is written to (`2019/09/12/rnn_intro/index.html`). */
  file: string;
  /** Newer and older post (not for pages). */
  newer: PostLink | undefined;
  older: PostLink | undefined;
  /** The post cache key: everything its rendering depends on. */
  renderKey: string;
  /** Everything its page depends on. */
  key: string;
  origin: PostOrigin;
  /** Its manifest record, once its page exists. */
  record: ManifestPost | undefined;
}

/** Read every source file; unreadable ones are `problems`. Drafts only when `drafts` is set. */
export function readSources(context: BuildContext): { posts: SitePost[]; problems: string[] } {
  const posts: SitePost[] = [];
  const problems: string[] = [];
  const timezone = context.config.timezone;
  const rule = context.config.permalink;
  const tokens = new Set([...rule.matchAll(/:(\w*[^_\W])/g)].map((match) => match[1]!));
  const maxBytes = context.settings.limits.postBytes ?? DEFAULT_POST_BYTES;
  const buildStart = Date.now();
  for (const source of findSources(context.layout, { drafts: context.drafts, links: context.links })) {
    const shown = relative(process.cwd(), source.path) || source.path;
    const rel = relative(context.site, source.path).split(sep).join('/');
    const before = context.previous?.manifest.posts[rel];
    const times = fileTimesOf(source.path);
    let text: () => string;
    let textHash: string;
    let linksPosts: boolean;
    let stamp: SourceStamp | undefined;
    if (stampHolds(before?.source, times)) {
      // Unchanged since the last build: its hash from the manifest, its text only if needed.
      ({ textHash, linksPosts } = before.source);
      stamp = before.source;
      text = readLater(source.path, shown, textHash, maxBytes);
    } else {
      const read = readPostFile(source.path, { maxBytes });
      if (!read.ok) {
        problems.push(formatReadFailure(shown, read));
        continue;
      }
      textHash = hashKey('mlpost-source', read.text);
      linksPosts = linksToPosts(read.text);
      stamp = stampFor(times, buildStart, textHash, linksPosts);
      text = () => read.text;
    }
    // What the front matter says depends on the time zone and the permalink's tokens too.
    const infoKey = hashKey('mlpost-info', textHash, timezone, rule);
    const info = before && before.infoKey === infoKey ? before.info : readPostInfo(text(), timezone, tokens);
    const draft = source.kind === 'draft' || (source.kind === 'post' && !info.published);
    if (draft && !context.drafts) continue;
    posts.push({
      shown, rel, source, textHash, linksPosts, stamp, infoKey, info, draft,
      get text() {
        return text();
      },
      path: '', file: '', newer: undefined, older: undefined, renderKey: '', key: '', origin: 'unchanged', record: undefined,
    });
  }
  return { posts, problems };
}

/**
 * The text of a file the manifest says is unchanged, read once when first asked for. If it
 * changed after all (an edit during the build), the build stops: its keys were made from the
 * old text, and a page rendered from the new one would be cached under them.
 */
function readLater(path: string, shown: string, textHash: string, maxBytes: number): () => string {
  let text: string | undefined;
  return () => {
    if (text !== undefined) return text;
    const read = readPostFile(path, { maxBytes });
    if (!read.ok) throw new SiteError(formatReadFailure(shown, read));
    if (hashKey('mlpost-source', read.text) !== textHash) throw new SiteError(`${shown}: error: the file changed while mlpost was building the site: build again [source-changed]`);
    text = read.text;
    return text;
  };
}

/** What the scan decided for one post. */
export type ScannedPost =
  | { readonly state: 'unchanged'; readonly post: SitePost }
  | { readonly state: 'cached'; readonly post: SitePost; readonly stored: StoredPost }
  | { readonly state: 'render'; readonly post: SitePost; readonly job: RenderJob; readonly notes: StoredMessage[] };

/** Decide, for each planned post (keys set), how its page is obtained. */
export function* classifyPosts(context: BuildContext, posts: readonly SitePost[]): Generator<ScannedPost> {
  const { previous, files, noCache } = context;
  const cache = postCache(context.settings.cacheDir);
  for (const post of posts) {
    const before = previous?.manifest.posts[post.rel];
    // Kept only if nothing it read changed (`include_code`, a cell's `file:`) and it had no failure another run may not repeat.
    if (!noCache && before && !before.transient && before.key === post.key && readsUnchanged(before.reads) && before.files.every((file) => files.keep(file, post.key))) {
      post.record = withStamp(before, post.stamp);
      yield { state: 'unchanged', post };
      continue;
    }
    const notes: StoredMessage[] = [];
    const found = noCache || !cache ? undefined : cache.lookup(post.renderKey);
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
    yield { state: 'render', post, job: { shown: post.shown, text: post.text, key: post.renderKey }, notes };
  }
}

/** `record` with the file's stamp of this build (none if it may not be trusted). */
function withStamp(record: ManifestPost, stamp: SourceStamp | undefined): ManifestPost {
  if (record.source === stamp) return record;
  const { source: _old, ...rest } = record;
  return stamp ? { ...rest, source: stamp } : rest;
}

/** A stored post from the cache, or `undefined` if it is not one (an older format). */
function parseStored(text: string): StoredPost | undefined {
  try {
    const stored = JSON.parse(text) as StoredPost;
    return typeof stored.html === 'string' && Array.isArray(stored.messages) && Array.isArray(stored.assets) && Array.isArray(stored.reads) && Array.isArray(stored.references) ? stored : undefined;
  } catch {
    return undefined;
  }
}
