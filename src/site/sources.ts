/**
 * The files of a site: its posts, drafts and Markdown pages (rendered), and its static
 * files (copied as is). Hexo's rules: under `source/`, names starting with `_` or `.` are
 * left out (`_posts/` and `_drafts/` hold posts), as are editors' temporary files.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { SiteLayout } from './layout.js';

/** A Markdown file the site renders. */
export interface SourceFile {
  /** `post` (posts folder), `draft` (drafts folder) or `page` (any other Markdown under `source/`). */
  kind: 'post' | 'draft' | 'page';
  /** Absolute path. */
  path: string;
  /** Hexo's slug: the path under its folder, without `.md`, with `/`. */
  slug: string;
}

/** A file copied as is: absolute path and its path in the output. */
export interface StaticFile {
  path: string;
  output: string;
}

/** Hexo leaves out names starting with `_` or `.` and editors' `~` / `%` files. */
function isLeftOut(name: string): boolean {
  return /^[_.]/.test(name) || name.endsWith('~') || name.endsWith('%');
}

/** Every file under `folder` (sorted, following no symbolic links), `skip`ped folders and files left out. */
function walk(folder: string, skip: (name: string, isFolder: boolean) => boolean): string[] {
  const found: string[] = [];
  const visit = (directory: string) => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (skip(entry.name, entry.isDirectory())) continue;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  visit(folder);
  return found;
}

const slash = (path: string) => path.split(sep).join('/');

/** The site's Markdown files: posts, then drafts (when wanted), then pages; each sorted by path. */
export function findSources(layout: SiteLayout, options: { drafts: boolean }): SourceFile[] {
  const markdown = (folder: string, kind: SourceFile['kind']): SourceFile[] =>
    walk(folder, (name, isFolder) => !isFolder && !name.endsWith('.md')).map((path) => ({ kind, path, slug: slash(path.slice(folder.length + 1, -'.md'.length)) }));
  const posts = layout.posts ? markdown(layout.posts, 'post') : [];
  const drafts = options.drafts ? markdown(layout.drafts, 'draft') : [];
  const pages = walk(layout.source, (name, isFolder) => isLeftOut(name) || (!isFolder && !name.endsWith('.md'))).map((path): SourceFile => ({
    kind: 'page',
    path,
    slug: slash(relative(layout.source, path)).replace(/\.md$/, ''),
  }));
  // A posts folder inside `source/` of an mlpost layout is not a page folder.
  const postFolders = [layout.posts, layout.drafts].filter((folder): folder is string => folder !== undefined);
  return [...posts, ...drafts, ...pages.filter((page) => !postFolders.some((folder) => page.path.startsWith(folder + sep)))];
}

/** The static files under `source/` (everything but Markdown and left-out names). */
export function findStaticFiles(layout: SiteLayout): StaticFile[] {
  const postFolders = [layout.posts, layout.drafts].filter((folder): folder is string => folder !== undefined);
  return walk(layout.source, (name, isFolder) => isLeftOut(name) || (!isFolder && name.endsWith('.md')))
    .filter((path) => !postFolders.some((folder) => path.startsWith(folder + sep)))
    .map((path) => ({ path, output: slash(relative(layout.source, path)) }));
}
