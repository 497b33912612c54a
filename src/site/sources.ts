/**
 * The files of a site: its posts, drafts and Markdown pages (rendered), and its static
 * files (copied as is). Hexo's rules: under `source/`, names starting with `_` or `.` are
 * left out (`_posts/` and `_drafts/` hold posts), as are editors' temporary files.
 * Symbolic links are followed while they stay inside the site (`site-links.ts`).
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { SiteLayout } from './layout.js';
import { isInsideFolder, SiteLinks } from './site-links.js';

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

/**
 * Every file under `folder` (sorted), `skip`ped folders and files left out. Symbolic links
 * are followed as far as the site goes (`site-links.ts`); a link whose name is skipped
 * either way is not even looked at.
 */
export function walkFiles(folder: string, skip: (name: string, isFolder: boolean) => boolean, links: SiteLinks): string[] {
  const found: string[] = [];
  const visit = (directory: string, real: string, chain: ReadonlySet<string>) => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(directory, entry.name);
      let isFolder = entry.isDirectory();
      let isFile = entry.isFile();
      let target = join(real, entry.name);
      if (entry.isSymbolicLink()) {
        if (skip(entry.name, true) && skip(entry.name, false)) continue;
        const followed = links.follow(path);
        if (!followed) continue;
        ({ real: target, isFolder, isFile } = followed);
      }
      if (skip(entry.name, isFolder)) continue;
      if (isFolder) {
        // A link to a folder the walk is in, or one holding it, would never end.
        if (chain.has(target) || isInsideFolder(target, real)) links.loop(path, target);
        else visit(path, target, new Set([...chain, target]));
      } else if (isFile) found.push(path);
    }
  };
  const start = links.startFolder(folder);
  if (start !== undefined) visit(folder, start, new Set([start]));
  return found;
}

const slash = (path: string) => path.split(sep).join('/');

/** The site's Markdown files: posts, then drafts (when wanted), then pages; each sorted by path. */
export function findSources(layout: SiteLayout, options: { drafts: boolean; links?: SiteLinks }): SourceFile[] {
  const links = options.links ?? new SiteLinks(layout.site);
  const markdown = (folder: string, kind: SourceFile['kind']): SourceFile[] =>
    walkFiles(folder, (name, isFolder) => !isFolder && !name.endsWith('.md'), links).map((path) => ({ kind, path, slug: slash(path.slice(folder.length + 1, -'.md'.length)) }));
  const posts = layout.posts ? markdown(layout.posts, 'post') : [];
  const drafts = options.drafts ? markdown(layout.drafts, 'draft') : [];
  const pages = walkFiles(layout.source, (name, isFolder) => isLeftOut(name) || (!isFolder && !name.endsWith('.md')), links).map((path): SourceFile => ({
    kind: 'page',
    path,
    slug: slash(relative(layout.source, path)).replace(/\.md$/, ''),
  }));
  // A posts folder inside `source/` of an mlpost layout is not a page folder.
  const postFolders = [layout.posts, layout.drafts].filter((folder): folder is string => folder !== undefined);
  return [...posts, ...drafts, ...pages.filter((page) => !postFolders.some((folder) => page.path.startsWith(folder + sep)))];
}

/** The static files under `source/` (everything but Markdown and left-out names). */
export function findStaticFiles(layout: SiteLayout, links: SiteLinks = new SiteLinks(layout.site)): StaticFile[] {
  const postFolders = [layout.posts, layout.drafts].filter((folder): folder is string => folder !== undefined);
  return walkFiles(layout.source, (name, isFolder) => isLeftOut(name) || (!isFolder && name.endsWith('.md')), links)
    .filter((path) => !postFolders.some((folder) => path.startsWith(folder + sep)))
    .map((path) => ({ path, output: slash(relative(layout.source, path)) }));
}
