/**
 * Write stage of a site build: each post's page and files as they come, then the home,
 * tag and category pages, the shared assets, the removal of what the site no longer has,
 * and the manifest the next build starts from.
 */
import { join, sep } from 'node:path';
import { hashKey } from '../cache/disk-cache.js';
import { escapeForTerminal, escapeFileName } from '../diagnostics.js';
import type { BuildContext } from './build-context.js';
import { renderListPage, type PostSummary } from './index-pages.js';
import { listData, writeManifest, type ManifestPost } from './manifest.js';
import { copyStaticAssets, isContainedPath } from './output.js';
import type { OutputFiles } from './output-files.js';
import { listPageName } from './names.js';
import { tagHref } from './post-page.js';
import type { SitePost } from './scan.js';
import { toPostAssets, type StoredMessage, type StoredPost } from './stored-post.js';

/** Write a post's page and assets; return its manifest record. */
export function writePost(files: OutputFiles, post: SitePost, stored: StoredPost, pageHtml: string, transient = false): ManifestPost {
  const written: string[] = [];
  const emit = (path: string, contents: string | Uint8Array) => {
    if (written.includes(path)) {
      // Two files of the post under one name (a graph's fileName and an asset): the first stays.
      stored.messages.push({ reason: `two files of this post are both called ${JSON.stringify(path.slice(post.name.length + 1))}: the first is kept`, line: 1, column: 1, fatal: false, ruleId: 'file-name-collision', source: 'mlpost:site' });
      return;
    }
    if (files.emit(path, post.key, contents)) written.push(path);
  };
  for (const asset of toPostAssets(stored.assets)) {
    if (!isContainedPath(asset.path)) throw new Error(`refusing to write ${JSON.stringify(asset.path)} outside ${post.name}/`);
    emit(`${post.name}/${asset.path.split(sep).join('/')}`, asset.contents);
  }
  emit(`${post.name}/index.html`, pageHtml);
  const record: ManifestPost = { key: post.key, url: `${post.name}/`, data: listData(stored.data), messages: stored.messages satisfies StoredMessage[], files: written, reads: stored.reads };
  if (transient) record.transient = true;
  return record;
}

/** The lists, the shared assets, stale files removed and the manifest, once every post has its page. */
export function writeSite(context: BuildContext, posts: readonly SitePost[]): void {
  const records: Record<string, ManifestPost> = {};
  const summaries: PostSummary[] = [];
  const shownOf = new Map<string, string>();
  for (const post of posts) {
    if (!post.record) continue;
    records[post.rel] = post.record;
    summaries.push({ url: post.record.url, data: post.record.data });
    shownOf.set(post.record.url, post.shown);
  }
  summaries.sort(newestFirst);
  const { files } = context;
  copyStaticAssets(join(context.output, 'assets'), (path) => files.confine(`assets/${path}`));
  writeLists(context, summaries, shownOf);
  files.removeStale();
  for (const path of new Set(files.refused)) {
    context.warnings.push(`${escapeFileName(join(context.output, path))}:1:1: warning: not touched: the path leads out of the output folder (a symbolic link?) or is not one mlpost writes [output-outside]`);
  }
  if (context.manifestStore) writeManifest(context.manifestStore, { codeStamp: context.codeStamp, versions: context.versions, posts: records, files: files.files }, context.previous?.text);
}

/** Home page, tag pages and category pages, each regenerated only when its posts changed. */
function writeLists(context: BuildContext, summaries: readonly PostSummary[], shownOf: ReadonlyMap<string, string>): void {
  const { config, files, generator } = context;
  const lang = config.language ?? 'en';
  const list = (path: string, posts: readonly PostSummary[], root: string, heading: string | undefined) => {
    const input = hashKey('mlpost-list', JSON.stringify([config.title, lang, generator, heading ?? '', root, posts]));
    if (files.keep(path, input)) return;
    files.emit(path, input, renderListPage(posts, { siteTitle: config.title, heading, root, tagHref: tagHref(root), lang, generator }));
  };
  list('index.html', summaries, '', undefined);
  for (const kind of ['tags', 'categories'] as const) {
    const groups = new Map<string, { name: string; posts: PostSummary[]; spellings: Map<string, string> }>();
    for (const post of summaries) {
      for (const name of new Set(kind === 'tags' ? post.data.tags : post.data.categories)) {
        const key = listPageName(name, kind === 'tags' ? 'tag' : 'category');
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { name, posts: [], spellings: new Map() }));
        group.posts.push(post);
        if (!group.spellings.has(name)) group.spellings.set(name, shownOf.get(post.url) ?? post.url);
      }
    }
    for (const [key, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      list(`${kind}/${key}/index.html`, group.posts, '../../', kind === 'tags' ? `#${group.name}` : group.name);
      if (group.spellings.size > 1) {
        const [[first, firstPost], ...others] = [...group.spellings];
        for (const [other, otherPost] of others) {
          context.warnings.push(
            `${escapeFileName(otherPost)}:1:1: warning: ${kind === 'tags' ? 'tag' : 'category'} ${JSON.stringify(escapeForTerminal(other))} shares the page ${kind}/${escapeForTerminal(key)}/ with ${JSON.stringify(escapeForTerminal(first!))} of ${escapeFileName(firstPost!)} (they differ only in case or spaces) [name-collision]`,
          );
        }
      }
    }
  }
}

/** Newest first; undated posts last; ties by URL so the order never depends on the disk. */
function newestFirst(a: PostSummary, b: PostSummary): number {
  const difference = (b.data.date?.time ?? -Infinity) - (a.data.date?.time ?? -Infinity);
  if (difference !== 0 && !Number.isNaN(difference)) return difference;
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}
