/**
 * `buildSite`: every post of a site folder to a page, plus the home page, tag and
 * category pages, and the shared assets once.
 */
import { readdirSync, existsSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { slug } from 'github-slugger';
import type { VFileMessage } from 'vfile-message';
import { renderPost } from '../render/render-post.js';
import { readPostFile } from '../cli/read-post.js';
import { MLPOST_VERSION } from '../version.js';
import { readSiteConfig, type SiteConfig } from './config.js';
import { renderPage } from './page.js';
import { renderListPage, type PostSummary } from './index-pages.js';
import { copyStaticAssets, writePostAssets } from './output.js';
import { writeFileAtomic } from './write-file.js';

/** Where a site keeps its posts, in order of preference (Hexo's layout second). */
export const POST_FOLDERS = ['posts', join('source', '_posts')] as const;

/** The site's cache folder (cell results …), inside the site. */
export const CACHE_FOLDER = '.mlpost-cache';

export interface BuildOptions {
  /** Output folder; default from the config (`dist` inside the site). */
  output?: string;
  /** Execute every cell afresh instead of reading `<site>/.mlpost-cache/`. */
  noCache?: boolean;
  /** Called once per post with its diagnostics (the CLI prints them). */
  onPost?: (event: { path: string; messages: readonly VFileMessage[]; done: number; total: number }) => void;
}

export interface BuildResult {
  output: string;
  posts: number;
  errors: number;
  warnings: number;
  /** Site-level problems (a post that could not be read …), as `file:line:col` lines. */
  problems: string[];
}

/** The Markdown files of a site, sorted by path. */
export function findPosts(siteDirectory: string): string[] {
  const folder = POST_FOLDERS.map((name) => join(siteDirectory, name)).find((path) => existsSync(path) && statSync(path).isDirectory());
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

/** Build the site in `siteDirectory`. */
export async function buildSite(siteDirectory: string, options: BuildOptions = {}): Promise<BuildResult> {
  const site = resolve(siteDirectory);
  const config = readSiteConfig(site);
  const output = resolve(options.output ?? join(site, config.output));
  const generator = `mlpost ${MLPOST_VERSION}`;
  const paths = findPosts(site);
  const result: BuildResult = { output, posts: 0, errors: 0, warnings: 0, problems: [] };
  const summaries: PostSummary[] = [];
  const tagHref = (root: string) => (tag: string) => `${root}tags/${slug(tag)}/`;
  const categoryHref = (root: string) => (category: string) => `${root}categories/${slug(category)}/`;

  for (const [index, path] of paths.entries()) {
    const shown = relative(process.cwd(), path) || path;
    const read = readPostFile(path);
    if (!read.ok) {
      result.errors++;
      result.problems.push(`${shown}:1:1: error: ${read.reason} [${read.ruleId}]`);
      continue;
    }
    const post = await renderPost(read.text, {
      path: shown,
      timezone: config.timezone,
      siteUrl: config.url,
      cells: { cacheDir: join(site, CACHE_FOLDER, 'cells'), noCache: options.noCache === true },
    });
    for (const message of post.messages) {
      if (message.fatal === true) result.errors++;
      else if (message.fatal === false) result.warnings++;
    }
    options.onPost?.({ path: shown, messages: post.messages, done: index + 1, total: paths.length });
    const name = slug(basename(path, '.md')) || `post-${index + 1}`;
    const folder = join(output, name);
    writePostAssets(folder, post.assets);
    writeFileAtomic(
      join(folder, 'index.html'),
      renderPage(post.data, post.html, {
        assetBase: '../assets/',
        home: '../index.html',
        siteTitle: config.title,
        tagHref: tagHref('../'),
        categoryHref: categoryHref('../'),
        lang: config.language,
        generator,
      }),
    );
    summaries.push({ url: `${name}/`, data: post.data });
    result.posts++;
  }

  summaries.sort(newestFirst);
  copyStaticAssets(join(output, 'assets'));
  const lang = config.language ?? 'en';
  writeFileAtomic(join(output, 'index.html'), renderListPage(summaries, { siteTitle: config.title, root: '', tagHref: tagHref(''), lang, generator }));
  writeGroups(output, summaries, 'tags', (post) => post.data.tags, config, tagHref, generator);
  writeGroups(output, summaries, 'categories', (post) => post.data.categories, config, tagHref, generator);
  return result;
}

function writeGroups(
  output: string,
  posts: readonly PostSummary[],
  kind: 'tags' | 'categories',
  namesOf: (post: PostSummary) => string[],
  config: SiteConfig,
  tagHref: (root: string) => (tag: string) => string,
  generator: string,
): void {
  const groups = new Map<string, { name: string; posts: PostSummary[] }>();
  for (const post of posts) {
    for (const name of namesOf(post)) {
      const key = slug(name);
      if (!groups.has(key)) groups.set(key, { name, posts: [] });
      groups.get(key)!.posts.push(post);
    }
  }
  for (const [key, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const heading = kind === 'tags' ? `#${group.name}` : group.name;
    const html = renderListPage(group.posts, { siteTitle: config.title, heading, root: '../../', tagHref: tagHref('../../'), lang: config.language ?? 'en', generator });
    writeFileAtomic(join(output, kind, key, 'index.html'), html);
  }
}

/** Newest first; undated posts last; ties by URL so the order never depends on the disk. */
function newestFirst(a: PostSummary, b: PostSummary): number {
  const difference = (b.data.date?.time ?? -Infinity) - (a.data.date?.time ?? -Infinity);
  if (difference !== 0 && !Number.isNaN(difference)) return difference;
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}
