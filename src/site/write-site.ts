/**
 * Write stage of a site build: each post's page and files as they come, then the list
 * pages, feeds, sitemap and 404 page, the static files, the shared assets, the check of
 * every local link, the removal of what the site no longer has, and the manifest the next
 * build starts from. Every file is keyed on its inputs: one whose inputs did not change is
 * not even made again.
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { hashKey } from '../cache/disk-cache.js';
import { escapeFileName } from '../diagnostics.js';
import type { BuildContext } from './build-context.js';
import { feedFiles, renderFeed, type FeedPost } from './feeds.js';
import { escapeSitePath } from './links.js';
import { listKey, listSpecs, renderList } from './lists.js';
import { writeManifest, type ManifestPost } from './manifest.js';
import { copyStaticAssets, isContainedPath } from './output.js';
import type { OutputFiles } from './output-files.js';
import type { SiteNotice, SitePlan } from './plan.js';
import { copyInto, missingReferences, writePostFiles, type PendingReference } from './post-files.js';
import { postCache, renderJob } from './render-job.js';
import type { SitePost } from './scan.js';
import { renderSitemap } from './sitemap.js';
import { findStaticFiles } from './sources.js';
import { staticAssets } from './assets.js';
import { toPostAssets, type StoredMessage, type StoredPost } from './stored-post.js';
import { categoryNodes } from './taxonomy.js';
import { folderOf, postPage, type MadePostPage, type PageFrame, type PostSummary } from './theme/pages.js';
import { ThemeError, THEME_STYLESHEET } from './theme/theme.js';

/** The page of a post from its stored rendering, in the site's theme. */
export function makePostPage(frame: PageFrame, post: SitePost, stored: StoredPost): MadePostPage {
  return postPage(frame, { kind: post.source.kind === 'page' ? 'page' : 'post', path: post.path, file: post.file, draft: post.draft, newer: post.newer, older: post.older, info: post.info }, stored.html, stored.data);
}

/**
 * Write a post's page and the files rendering made; return its manifest record. `transient`:
 * the page shows a failure another build may not repeat, so the next build renders it again.
 */
export function writePost(files: OutputFiles, post: SitePost, stored: StoredPost, page: MadePostPage, transient = false): ManifestPost {
  const written: string[] = [];
  const folder = folderOf(post.file);
  const emit = (path: string, contents: string | Uint8Array) => {
    if (written.includes(path)) {
      // Two files of the post under one name (a graph's fileName and an asset): the first stays.
      stored.messages.push({ reason: `two files of this post are both called ${JSON.stringify(path.slice(folder.length))}: the first is kept`, line: 1, column: 1, fatal: false, ruleId: 'file-name-collision', source: 'mlpost:site' });
      return;
    }
    // A path that leads out of the output is refused (and reported with the site's warnings).
    if (files.emit(path, post.key, contents)) written.push(path);
  };
  for (const asset of toPostAssets(stored.assets)) {
    if (!isContainedPath(asset.path)) throw new Error(`refusing to write ${JSON.stringify(asset.path)} outside ${folder || 'the output'}`);
    emit(`${folder}${asset.path.split(sep).join('/')}`, asset.contents);
  }
  emit(post.file, page.html);
  const record: ManifestPost = {
    key: post.key,
    renderKey: post.renderKey,
    infoKey: post.infoKey,
    info: post.info,
    path: post.path,
    draft: post.draft,
    excerptHtml: stored.data.excerptHtml,
    summary: page.summary,
    leadHtml: page.lead,
    messages: stored.messages satisfies StoredMessage[],
    references: stored.references ?? [],
    files: written,
    reads: stored.reads,
  };
  if (post.stamp) record.source = post.stamp;
  if (transient) record.transient = true;
  return record;
}

/** What a list page needs of a post. */
function summaryOf(post: SitePost, record: ManifestPost): PostSummary {
  return {
    path: post.path,
    title: post.info.title,
    date: post.info.date,
    tags: post.info.tags,
    categories: post.info.categories,
    excerptHtml: record.excerptHtml,
    leadHtml: record.leadHtml,
    draft: post.draft,
    lang: post.info.lang,
  };
}

/** Everything after the posts' pages; returns the site-level notices (missing files, template errors …). */
export async function writeSite(context: BuildContext, plan: SitePlan, frame: PageFrame): Promise<SiteNotice[]> {
  const { files, config } = context;
  const records: Record<string, ManifestPost> = {};
  const pending: PendingReference[] = [];
  for (const post of plan.all) {
    if (!post.record) continue;
    records[post.rel] = post.record;
    const folder = folderOf(post.file);
    pending.push(...writePostFiles(files, { shown: post.shown, source: post.source.path, folder, references: post.record.references }, { root: config.root, assetFolder: config.post_asset_folder, written: new Set(post.record.files), links: context.links }));
  }
  const listed = plan.posts.filter((post) => post.record);
  const notices = writeLists(context, frame, listed);
  // Feeds and the sitemap need absolute links: only with `url`.
  if (config.url) {
    await writeFeeds(context, config.url, listed);
    writeSitemapFile(context, config.url, [...listed, ...plan.pages.filter((page) => page.record)]);
  }
  const shipped = new Set(staticAssets().map((asset) => `assets/${asset.path}`));
  notices.push(...writeStaticFiles(context, shipped));
  const override = join(context.layout.theme, THEME_STYLESHEET);
  copyStaticAssets(join(context.output, 'assets'), existsSync(override) ? { [THEME_STYLESHEET]: override } : {}, (path) => files.confine(`assets/${path}`));

  for (const text of missingReferences(pending, (path) => path in files.files || shipped.has(path))) notices.push({ severity: 'warning', text });
  files.removeStale();
  notices.push(...context.links.notices());
  for (const path of new Set(files.refused)) {
    notices.push({ severity: 'warning', text: `${escapeFileName(join(context.output, path))}:1:1: warning: not touched: the path leads out of the output folder (a symbolic link?) or is not one mlpost writes [output-outside]` });
  }
  if (context.manifestStore) writeManifest(context.manifestStore, { codeStamp: context.codeStamp, versions: context.versions, posts: records, files: files.files }, context.previous?.text);
  return notices;
}

/** The list pages, each made again only when what it shows changed. */
function writeLists(context: BuildContext, frame: PageFrame, listed: readonly SitePost[]): SiteNotice[] {
  const { files } = context;
  const notices: SiteNotice[] = [];
  const summaries = listed.map((post) => summaryOf(post, post.record!));
  // A post's page key stands for everything a list shows of it.
  const summaryKeys = new Map(summaries.map((summary, index) => [summary, listed[index]!.key]));
  for (const spec of listSpecs(frame, summaries)) {
    const input = listKey(context.pageKey, spec, summaryKeys);
    if (files.keep(spec.file, input)) continue;
    try {
      files.emit(spec.file, input, renderList(frame, spec));
    } catch (error) {
      if (!(error instanceof ThemeError)) throw error;
      files.pageFailed();
      notices.push({ severity: 'error', text: error.message });
    }
  }
  return notices;
}

/** The feeds of the newest dated posts. */
async function writeFeeds(context: BuildContext, url: string, listed: readonly SitePost[]): Promise<void> {
  const { files, config } = context;
  const dated = listed.filter((post) => post.info.date !== undefined);
  const newest = config.feed.limit > 0 ? dated.slice(0, config.feed.limit) : dated;
  // `-2`: entries made since formulas are MathML alone (`feed-html.ts`); older feeds are made again.
  const input = hashKey('mlpost-feed-2', context.pageKey, JSON.stringify(newest.map((post) => [post.key, post.record!.summary, config.feed.content ? post.renderKey : ''])));
  const stale = feedFiles(config).filter((feed) => !files.keep(feed.path, input));
  if (stale.length === 0) return;
  const entries: FeedPost[] = [];
  for (const post of newest) {
    entries.push({
      path: post.path,
      title: post.info.title ?? post.path,
      date: post.info.date!,
      updated: post.info.updated,
      summary: post.record!.summary,
      excerptHtml: post.record!.excerptHtml,
      html: config.feed.content ? await bodyOf(context, post) : undefined,
      tags: post.info.tags,
      categories: categoryNodes(post.info.categories, config).map((node) => node.name),
    });
  }
  for (const feed of stale) files.emit(feed.path, input, await renderFeed({ ...config, url }, feed, entries, context.generator));
}

/** `sitemap.xml`: the home page, then the posts newest first, then the pages. */
function writeSitemapFile(context: BuildContext, url: string, posts: readonly SitePost[]): void {
  const { files, config } = context;
  const modified = (post: SitePost | undefined) => post?.info.updated ?? post?.info.date;
  const entries = [{ path: '', modified: modified(posts.find((post) => post.source.kind !== 'page')) }, ...posts.map((post) => ({ path: escapeSitePath(post.path), modified: modified(post) }))];
  const input = hashKey('mlpost-sitemap', url, JSON.stringify(entries));
  if (!files.keep(config.sitemap.path, input)) files.emit(config.sitemap.path, input, renderSitemap(url, entries));
}

/** Copy `source/`'s static files as they are, unless the site writes something at their path. */
function writeStaticFiles(context: BuildContext, shipped: ReadonlySet<string>): SiteNotice[] {
  const { files } = context;
  const notices: SiteNotice[] = [];
  for (const file of findStaticFiles(context.layout, context.links)) {
    if (file.output in files.files || shipped.has(file.output)) {
      const shown = relative(process.cwd(), file.path) || file.path;
      notices.push({ severity: 'warning', text: `${shown}:1:1: warning: the site writes its own /${file.output}, so this file is not copied [static-collision]` });
      continue;
    }
    copyInto(files, file.path, file.output);
  }
  return notices;
}

/** A post's body HTML: from the post cache, else rendered again (the cache was emptied). */
async function bodyOf(context: BuildContext, post: SitePost): Promise<string> {
  const cached = postCache(context.settings.cacheDir)?.get(post.renderKey);
  if (cached !== undefined) return (JSON.parse(cached) as StoredPost).html;
  const { stored } = await renderJob({ shown: post.shown, text: post.text, key: post.renderKey }, context.settings);
  return stored.html;
}
