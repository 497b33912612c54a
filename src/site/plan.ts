/**
 * The plan of a site, made once every source is read: each post's URL (Hexo's permalink
 * rules), the order of the posts (newest first) and each one's newer and older neighbour,
 * the posts `{% post_link %}` can name, and the keys that say whether a page must be made
 * again.
 */
import { statSync } from 'node:fs';
import { hashKey } from '../cache/disk-cache.js';
import type { PostReference } from '../syntax/hexo-tag/index.js';
import type { BuildContext } from './build-context.js';
import { feedFiles } from './feeds.js';
import { outputFileOf, permalinkOf } from './hexo/permalink.js';
import type { SiteConfig } from './config-schema.js';
import { listFolders } from './list-paths.js';
import { encodeSitePath, escapeSitePath } from './links.js';
import { collisionSuffix, safeSitePath } from './names.js';
import { escapeFileName, escapeForTerminal } from '../diagnostics.js';
import type { SitePost } from './scan.js';

/** A site-level diagnostic line (`file:line:col: warning: … [rule]`). */
export interface SiteNotice {
  severity: 'error' | 'warning' | 'info';
  text: string;
}

/** The planned site. */
export interface SitePlan {
  /** Every post, draft and page, in path order (the order diagnostics are reported in). */
  all: SitePost[];
  /** Posts and drafts, newest first (undated last). */
  posts: SitePost[];
  /** Pages (`source/about/index.md` …). */
  pages: SitePost[];
  /** What `post_link` / `post_path` resolve, by slug. */
  references: Record<string, PostReference>;
  notices: SiteNotice[];
}

/** Output paths the list pages, feeds and sitemap use: no post may take them. */
function reservedPaths(context: BuildContext): Set<string> {
  const { config } = context;
  return new Set(['index.html', '404.html', config.sitemap.path, ...feedFiles(config).map((feed) => feed.path)]);
}

/** Folders the list pages and assets are written in (a list folder that is the site's root is not one). */
export function reservedFolders(config: SiteConfig): string[] {
  const folders = listFolders(config);
  return ['assets/', folders.homePagination, folders.archives, folders.tags, folders.categories].filter((folder) => folder !== '');
}

/**
 * A free output file for a post whose URL is taken: its path with `-<hash of the post's own
 * source path>` before the final `/` or `.html` (then `-2`, `-3` … in the unlikely case
 * that is taken too), so where it goes does not depend on the other posts of the site.
 */
function freeFile(path: string, rel: string, taken: (file: string) => boolean): { path: string; file: string } {
  for (let counter = 1; ; counter++) {
    const suffix = `${collisionSuffix(rel)}${counter > 1 ? `-${counter}` : ''}`;
    const candidate = path.replace(/(\/?|\.html)$/, (ending) => `${suffix}${ending}`);
    const file = outputFileOf(candidate);
    if (!taken(file)) return { path: candidate, file };
  }
}

/** When a post has no `date`: the file's creation time, as Hexo does. */
function birthTime(path: string): number {
  try {
    const stat = statSync(path);
    return stat.birthtimeMs > 0 ? stat.birthtimeMs : stat.mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest first; undated last; ties by path so the order never depends on the disk. */
function newestFirst(a: SitePost, b: SitePost): number {
  const difference = (b.info.date ?? -Infinity) - (a.info.date ?? -Infinity);
  if (difference !== 0 && !Number.isNaN(difference)) return difference;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * A URL holding `#` or `?` (from a file name like `hash#tag.md`): a link would read either as
 * the end of the path. mlpost keeps the name and escapes it in links (`links.ts`); the author
 * is told, since a link written by hand must escape it too, and Hexo cuts such a URL at `?`.
 */
function reservedCharacterNotice(post: SitePost, path: string): SiteNotice | undefined {
  const found = /[#?]/.exec(path);
  if (!found) return undefined;
  const reading = found[0] === '#' ? 'the start of a fragment' : 'the start of a query';
  const hexo = path.includes('?') ? ` (Hexo cuts it at the "?": /${path.slice(0, path.indexOf('?'))})` : '';
  return {
    severity: 'warning',
    text: `${escapeFileName(post.shown)}:1:1: warning: its URL /${escapeForTerminal(path)} holds "${found[0]}", which a link reads as ${reading}${escapeForTerminal(hexo)}: the page is written there and linked as /${escapeForTerminal(encodeSitePath(escapeSitePath(path)))}; a file name without "#" and "?" avoids this [url-reserved-character]`,
  };
}

/** Plan the site from its read sources (in path order). */
export function planSite(context: BuildContext, sources: SitePost[]): SitePlan {
  const { config } = context;
  const notices: SiteNotice[] = [];
  const reserved = reservedPaths(context);
  const claimed = new Set<string>();
  const folders = reservedFolders(config);
  const taken = (file: string) => claimed.has(file) || reserved.has(file) || folders.some((folder) => file.startsWith(folder));
  const settings = { rule: config.permalink, timezone: config.timezone, default_category: config.default_category, post_asset_folder: config.post_asset_folder, terms: config };
  const usesDate = /:(year|month|day|i_month|i_day|hour|minute|second|timestamp|hash)\b/.test(config.permalink);

  const wanted = new Map<SitePost, { path: string; file: string }>();
  for (const post of sources) {
    let path: string;
    let file: string;
    if (post.source.kind === 'page') {
      file = `${post.source.slug}.html`;
      path = file.endsWith('index.html') ? file.slice(0, -'index.html'.length) : file;
    } else {
      let date = post.info.date;
      if (date === undefined) {
        date = birthTime(post.source.path);
        if (usesDate && post.info.permalink === undefined) {
          notices.push({ severity: 'warning', text: `${post.shown}:1:1: warning: no \`date:\` in the front matter: its URL uses the file's creation time, as Hexo does, and changes when the file is copied [post-no-date]` });
        }
      }
      const permalink = permalinkOf({ slug: post.source.slug, title: post.info.title, date, categories: post.info.categories, permalink: post.info.permalink, fields: post.info.fields }, settings);
      for (const problem of permalink.problems) notices.push({ severity: 'warning', text: `${post.shown}:1:1: warning: ${problem} [permalink]` });
      ({ path, file } = permalink);
    }
    // Every segment a valid, bounded file name (names.ts).
    path = safeSitePath(path);
    wanted.set(post, { path, file: outputFileOf(path) });
  }
  // Who keeps a URL two posts want: the one that had it in the previous build (a new post
  // never takes an existing URL), else the first in path order.
  const hadIt = (post: SitePost) => context.previous?.manifest.posts[post.rel]?.path === wanted.get(post)!.path;
  const owners = new Map<string, SitePost>();
  for (const post of [...sources.filter(hadIt), ...sources.filter((post) => !hadIt(post))]) {
    let { path, file } = wanted.get(post)!;
    if (taken(file)) {
      const free = freeFile(path, post.rel, taken);
      const holder = owners.get(file);
      const by = holder ? `${holder.shown} has it` : 'a page of the site has it';
      notices.push({ severity: 'warning', text: `${escapeFileName(post.shown)}:1:1: warning: its URL /${escapeForTerminal(path)} is taken (${escapeForTerminal(by)}); it is written to /${escapeForTerminal(free.path)} [url-collision]` });
      ({ path, file } = free);
    }
    const reserved = reservedCharacterNotice(post, path);
    if (reserved) notices.push(reserved);
    claimed.add(file);
    owners.set(file, post);
    post.path = path;
    post.file = file;
  }

  const posts = sources.filter((post) => post.source.kind !== 'page').sort(newestFirst);
  posts.forEach((post, index) => {
    const newer = posts[index - 1];
    const older = posts[index + 1];
    post.newer = newer && { path: newer.path, title: newer.info.title };
    post.older = older && { path: older.path, title: older.info.title };
  });
  const references: Record<string, PostReference> = {};
  for (const post of posts) {
    const reference: PostReference = { url: `${config.root}${encodeSitePath(escapeSitePath(post.path))}` };
    if (post.info.title !== undefined) reference.title = post.info.title;
    references[post.source.slug] = reference;
  }

  // A post that links to others is rendered again when their URLs or titles change.
  const referencesKey = hashKey('mlpost-post-references', JSON.stringify(references));
  for (const post of sources) {
    post.renderKey = hashKey('mlpost-post', context.renderKey, post.rel, post.textHash, post.linksPosts ? referencesKey : '');
    post.key = hashKey('mlpost-post-page', post.renderKey, context.pageKey, JSON.stringify([post.path, post.file, post.draft, post.newer ?? null, post.older ?? null]));
  }
  return { all: sources, posts, pages: sources.filter((post) => post.source.kind === 'page'), references, notices };
}
