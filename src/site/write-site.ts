/**
 * Write stage of a site build: each post's page and files as they come, then the home,
 * tag and category pages, the shared assets, the removal of what the site no longer has,
 * and the manifest the next build starts from.
 */
import { join, sep } from 'node:path';
import { slug } from 'github-slugger';
import { hashKey } from '../cache/disk-cache.js';
import type { BuildContext } from './build-context.js';
import { renderListPage, type PostSummary } from './index-pages.js';
import { listData, writeManifest, type ManifestPost } from './manifest.js';
import { copyStaticAssets, isContainedPath } from './output.js';
import type { OutputFiles } from './output-files.js';
import { tagHref } from './post-page.js';
import type { SitePost } from './scan.js';
import { toPostAssets, type StoredMessage, type StoredPost } from './stored-post.js';

/** Write a post's page and assets; return its manifest record. */
export function writePost(files: OutputFiles, post: SitePost, stored: StoredPost, pageHtml: string): ManifestPost {
  const written: string[] = [];
  for (const asset of toPostAssets(stored.assets)) {
    if (!isContainedPath(asset.path)) throw new Error(`refusing to write ${JSON.stringify(asset.path)} outside ${post.name}/`);
    const path = `${post.name}/${asset.path.split(sep).join('/')}`;
    files.emit(path, post.key, asset.contents);
    written.push(path);
  }
  const path = `${post.name}/index.html`;
  files.emit(path, post.key, pageHtml);
  written.push(path);
  return { key: post.key, url: `${post.name}/`, data: listData(stored.data), messages: stored.messages satisfies StoredMessage[], files: written };
}

/** The lists, the shared assets, stale files removed and the manifest, once every post has its page. */
export function writeSite(context: BuildContext, posts: readonly SitePost[]): void {
  const records: Record<string, ManifestPost> = {};
  const summaries: PostSummary[] = [];
  for (const post of posts) {
    if (!post.record) continue;
    records[post.rel] = post.record;
    summaries.push({ url: post.record.url, data: post.record.data });
  }
  summaries.sort(newestFirst);
  const { files } = context;
  copyStaticAssets(join(context.output, 'assets'));
  writeLists(context, summaries);
  files.removeStale();
  writeManifest(context.manifestFile, { codeStamp: context.codeStamp, versions: context.versions, posts: records, files: files.files }, context.previous?.text);
}

/** Home page, tag pages and category pages, each regenerated only when its posts changed. */
function writeLists(context: BuildContext, summaries: readonly PostSummary[]): void {
  const { config, files, generator } = context;
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
