/**
 * `buildSite`: every post of a site folder to a page, plus the home page, tag and
 * category pages, and the shared assets once.
 *
 * Incremental and parallel: a post whose inputs (source, site config, renderer versions)
 * did not change is not rendered again (its page stays on disk, or comes back from the
 * post cache); the others are rendered on worker threads when there are enough of them to
 * pay for starting threads. Files are written only when their bytes change.
 */
import { readdirSync, existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { slug } from 'github-slugger';
import type { VFileMessage } from 'vfile-message';
import { hashKey } from '../cache/disk-cache.js';
import { formatReadFailure, readPostFile } from './read-post.js';
import { MLPOST_VERSION } from '../version.js';
import { readSiteConfig, type SiteConfig } from './config.js';
import { renderListPage, type PostSummary } from './index-pages.js';
import { copyStaticAssets } from './output.js';
import { isContainedPath } from './output.js';
import { codeStamp, loadRendererVersions, rendererFingerprint } from './fingerprint.js';
import { listData, manifestPath, readManifest, type ManifestPost } from './manifest.js';
import { OutputFiles } from './output-files.js';
import { sitePostPage, tagHref, type SitePageOptions } from './post-page.js';
import { postCache, renderJob, type RenderJob, type RenderJobResult, type RenderSettings } from './render-job.js';
import { RenderPool } from './render-pool.js';
import { countMessages, toPostAssets, toVFileMessages, type StoredMessage, type StoredPost } from './stored-post.js';
import { writeManifest } from './manifest.js';

/** Where a site keeps its posts, in order of preference (Hexo's layout second). */
export const POST_FOLDERS = ['posts', join('source', '_posts')] as const;

/** The site's cache folder (posts, graphs, cells, build manifests), inside the site. */
export const CACHE_FOLDER = '.mlpost-cache';

/** How a post's page was obtained in this build. */
export type PostOrigin = 'unchanged' | 'cache' | 'rendered' | 'failed';

export interface BuildOptions {
  /** Output folder; default from the config (`dist` inside the site). */
  output?: string;
  /** Render every post and execute every cell afresh, reading no cache (same output bytes). */
  noCache?: boolean;
  /**
   * Render threads: 0 renders in the calling thread. Default: the core count when at least
   * {@link MIN_POSTS_FOR_WORKERS} posts need rendering, else 0 (a thread's start-up costs
   * more than a few posts).
   */
  workers?: number;
  /** Called once the build knows how many posts it must render. */
  onStart?: (event: { total: number; toRender: number; workers: number }) => void;
  /** Called once per post, in path order, with its diagnostics (the CLI prints them). */
  onPost?: (event: { path: string; messages: readonly VFileMessage[]; done: number; total: number; origin: PostOrigin }) => void;
}

/** Posts to render before worker threads are worth starting. */
export const MIN_POSTS_FOR_WORKERS = 8;

export interface BuildResult {
  output: string;
  posts: number;
  errors: number;
  warnings: number;
  /** Site-level problems (a post that could not be read …), as `file:line:col` lines. */
  problems: string[];
  /** Posts rendered by this build, taken from the post cache, and left as they were. */
  rendered: number;
  fromCache: number;
  unchanged: number;
  /** Output-relative paths written, and removed (pages of deleted posts …). */
  written: string[];
  removed: string[];
}

/** The Markdown files of a site, sorted by path. */
export function findPosts(siteDirectory: string): string[] {
  const folder = postFolder(siteDirectory);
  if (!folder) return [];
  const posts: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md')) posts.push(path);
    }
  };
  walk(folder);
  return posts;
}

/** The folder holding the site's posts, if any. */
export function postFolder(siteDirectory: string): string | undefined {
  return POST_FOLDERS.map((name) => join(siteDirectory, name)).find((path) => existsSync(path) && statSync(path).isDirectory());
}

/** One post's state during a build. */
interface Entry {
  shown: string;
  rel: string;
  name: string;
  key: string;
  origin: PostOrigin;
  record: ManifestPost | undefined;
}

/** Build the site in `siteDirectory`. */
export async function buildSite(siteDirectory: string, options: BuildOptions = {}): Promise<BuildResult> {
  const site = resolve(siteDirectory);
  const config = readSiteConfig(site);
  const output = resolve(options.output ?? join(site, config.output));
  const cacheDir = join(site, CACHE_FOLDER);
  const noCache = options.noCache === true;
  const generator = `mlpost ${MLPOST_VERSION}`;
  const page: SitePageOptions = { siteTitle: config.title, lang: config.language, generator };

  const manifestFile = manifestPath(cacheDir, output);
  const previous = readManifest(manifestFile);
  const stamp = codeStamp();
  const versions = previous && previous.manifest.codeStamp === stamp ? previous.manifest.versions : await loadRendererVersions();
  const renderKey = hashKey('mlpost-render', rendererFingerprint(versions, stamp), config.timezone, config.url ?? '');
  const pageKey = hashKey('mlpost-page', JSON.stringify(page));
  const files = new OutputFiles(output, previous?.manifest.files ?? {});
  const cache = postCache(cacheDir);
  const settings: RenderSettings = { timezone: config.timezone, siteUrl: config.url, cacheDir, noCache, page };

  const result: BuildResult = { output, posts: 0, errors: 0, warnings: 0, problems: [], rendered: 0, fromCache: 0, unchanged: 0, written: [], removed: [] };
  const paths = findPosts(site);
  const entries: Array<Entry | undefined> = [];
  const toRender: Array<{ entry: Entry; job: RenderJob }> = [];
  const names = new Set<string>();
  // Threads start as soon as there is enough to render, so their start-up overlaps the scan.
  let pool: RenderPool | undefined;
  const rendering: Array<Promise<void>> = [];
  const threads = (pending: number) => options.workers ?? (pending >= MIN_POSTS_FOR_WORKERS ? availableParallelism() : 0);
  const dispatch = (item: { entry: Entry; job: RenderJob }) => {
    rendering.push(pool!.render(item.job).then((rendered) => finish(item.entry, rendered), (error: Error) => finish(item.entry, error)));
  };

  // Report posts in path order as soon as every earlier post is done.
  let reported = 0;
  const report = () => {
    while (reported < entries.length) {
      const entry = entries[reported];
      if (entry && !entry.record && entry.origin !== 'failed') return;
      reported++;
      if (!entry) continue;
      const messages = entry.record?.messages ?? [];
      options.onPost?.({ path: entry.shown, messages: toVFileMessages(messages), done: reported, total: entries.length, origin: entry.origin });
    }
  };
  function finish(entry: Entry, rendered: RenderJobResult | Error): void {
    if (rendered instanceof Error) {
      entry.origin = 'failed';
      result.problems.push(`${entry.shown}:1:1: error: mlpost failed to render this post: ${rendered.message.split('\n')[0]} [render-failed]`);
      result.errors++;
    } else {
      entry.origin = 'rendered';
      entry.record = writePost(files, entry, rendered.stored, rendered.page);
    }
    report();
  }

  try {
    for (const [index, path] of paths.entries()) {
      const shown = relative(process.cwd(), path) || path;
      const read = readPostFile(path);
      if (!read.ok) {
        result.errors++;
        result.problems.push(formatReadFailure(shown, read));
        entries.push(undefined);
        continue;
      }
      const rel = relative(site, path).split(sep).join('/');
      const name = uniqueName(slug(basename(path, '.md')) || `post-${index + 1}`, names);
      const postKey = hashKey('mlpost-post', renderKey, rel, read.text);
      const entry: Entry = { shown, rel, name, key: hashKey('mlpost-post-page', postKey, pageKey, name), origin: 'unchanged', record: undefined };
      entries.push(entry);
      const before = previous?.manifest.posts[rel];
      if (!noCache && before && before.key === entry.key && before.files.every((file) => files.keep(file, entry.key))) {
        entry.record = before;
        continue;
      }
      const stored = noCache ? undefined : cache.get(postKey);
      if (stored !== undefined) {
        const post = JSON.parse(stored) as StoredPost;
        entry.origin = 'cache';
        entry.record = writePost(files, entry, post, sitePostPage(post.data, post.html, page));
        continue;
      }
      const item = { entry, job: { shown, text: read.text, key: postKey } };
      toRender.push(item);
      if (pool) dispatch(item);
      else if (threads(toRender.length) > 0) {
        pool = new RenderPool(threads(toRender.length), settings);
        toRender.forEach(dispatch);
      }
    }
    options.onStart?.({ total: paths.length, toRender: toRender.length, workers: pool?.size ?? 0 });
    report();
    if (pool) await Promise.all(rendering);
    else {
      for (const { entry, job } of toRender) {
        finish(entry, await renderJob(job, settings).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
      }
    }
  } finally {
    await pool?.close();
  }

  const summaries: PostSummary[] = [];
  const posts: Record<string, ManifestPost> = {};
  for (const entry of entries) {
    if (!entry?.record) continue;
    posts[entry.rel] = entry.record;
    summaries.push({ url: entry.record.url, data: entry.record.data });
    const counts = countMessages(entry.record.messages);
    result.errors += counts.errors;
    result.warnings += counts.warnings;
    result.posts++;
    if (entry.origin === 'rendered') result.rendered++;
    else if (entry.origin === 'cache') result.fromCache++;
    else result.unchanged++;
  }
  summaries.sort(newestFirst);

  copyStaticAssets(join(output, 'assets'));
  writeLists(files, summaries, config, generator);
  files.removeStale();
  writeManifest(manifestFile, { codeStamp: stamp, versions, posts, files: files.files }, previous?.text);
  result.written = files.written;
  result.removed = files.removed;
  return result;
}

/** A page name not used yet: `name`, else `name-2`, `name-3` … (posts are visited in path order). */
function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let counter = 2; used.has(candidate) || candidate === 'assets' || candidate === 'tags' || candidate === 'categories'; counter++) candidate = `${name}-${counter}`;
  used.add(candidate);
  return candidate;
}

/** Write a post's page and assets; return its manifest record. */
function writePost(files: OutputFiles, entry: Entry, post: StoredPost, pageHtml: string): ManifestPost {
  const written: string[] = [];
  for (const asset of toPostAssets(post.assets)) {
    if (!isContainedPath(asset.path)) throw new Error(`refusing to write ${JSON.stringify(asset.path)} outside ${entry.name}/`);
    const path = `${entry.name}/${asset.path.split(sep).join('/')}`;
    files.emit(path, entry.key, asset.contents);
    written.push(path);
  }
  const path = `${entry.name}/index.html`;
  files.emit(path, entry.key, pageHtml);
  written.push(path);
  return { key: entry.key, url: `${entry.name}/`, data: listData(post.data), messages: post.messages satisfies StoredMessage[], files: written };
}

/** Home page, tag pages and category pages, each regenerated only when its posts changed. */
function writeLists(files: OutputFiles, summaries: readonly PostSummary[], config: SiteConfig, generator: string): void {
  const lang = config.language ?? 'en';
  const list = (path: string, posts: readonly PostSummary[], root: string, heading: string | undefined) => {
    const input = hashKey('mlpost-list', JSON.stringify([config.title, lang, generator, heading ?? '', root, posts]));
    if (files.keep(path, input)) return;
    files.emit(path, input, renderListPage(posts, { siteTitle: config.title, heading, root, tagHref: tagHref(root), lang, generator }));
  };
  list('index.html', summaries, '', undefined);
  for (const kind of ['tags', 'categories'] as const) {
    const groups = new Map<string, { name: string; posts: PostSummary[] }>();
    for (const post of summaries) {
      for (const name of kind === 'tags' ? post.data.tags : post.data.categories) {
        const key = slug(name);
        if (!groups.has(key)) groups.set(key, { name, posts: [] });
        groups.get(key)!.posts.push(post);
      }
    }
    for (const [key, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      list(`${kind}/${key}/index.html`, group.posts, '../../', kind === 'tags' ? `#${group.name}` : group.name);
    }
  }
}

/** Newest first; undated posts last; ties by URL so the order never depends on the disk. */
function newestFirst(a: PostSummary, b: PostSummary): number {
  const difference = (b.data.date?.time ?? -Infinity) - (a.data.date?.time ?? -Infinity);
  if (difference !== 0 && !Number.isNaN(difference)) return difference;
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}
