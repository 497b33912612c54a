/**
 * The files a post brings along: its asset folder (Hexo's `post_asset_folder`: the folder
 * named like the post, beside it) copied whole into the post's folder, and every file the
 * post names relatively (`![](figure.png)`, `[data](data/x.csv)`) found in the asset
 * folder or beside the post and copied to the same place under the post's URL. What a
 * link names that is neither, is looked for among the site's output once it is written;
 * a reference to nothing is a warning at its line and column.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { hashKey } from '../cache/disk-cache.js';
import type { LocalReference } from '../types.js';
import type { OutputFiles } from './output-files.js';
import { splitLinkTarget } from './links.js';
import { sitePathOf } from './rebase-html.js';
import type { SiteLinks } from './site-links.js';
import { walkFiles } from './sources.js';

/** A reference to check against the output once every file is written. */
export interface PendingReference {
  shown: string;
  reference: LocalReference;
  /** The output path it names, without `?query#fragment` (`''`: the home page). */
  target: string;
  /** Source files looked for (for the warning). */
  lookedFor: string[];
}

/** What `postFiles` needs of a post. */
export interface PostFilesInput {
  shown: string;
  /** The post's Markdown file (absolute). */
  source: string;
  /** The folder of its page in the output (site path, `2019/09/12/a/` or `''`). */
  folder: string;
  references: readonly LocalReference[];
}

/** A file inside the site (symbolic links on the way resolved, see `site-links.ts`)? */
function isSiteFile(path: string, links: SiteLinks): boolean {
  const real = links.realAllowed(path);
  try {
    return real !== undefined && statSync(real).isFile();
  } catch {
    return false;
  }
}

/** Every file under `folder` (hidden and `_` names, Markdown left out), relative, with `/`. */
function filesUnder(folder: string, links: SiteLinks): string[] {
  return walkFiles(folder, (name, isFolder) => /^[_.]/.test(name) || (!isFolder && name.endsWith('.md')), links).map((path) => relative(folder, path).split(sep).join('/'));
}

/** Copy `from` to the output path `to` unless the output already holds this version of it. */
export function copyInto(files: OutputFiles, from: string, to: string): void {
  // The file's own size and time, through any link to it.
  const stat = statSync(from);
  const key = hashKey('mlpost-copy', from, String(stat.size), String(stat.mtimeMs));
  if (!files.keep(to, key)) files.emit(to, key, readFileSync(from));
}

/**
 * Copy a post's files into the output (skipping paths in `written`: the page and the files
 * rendering made); return the references to check once the site is written.
 */
export function writePostFiles(files: OutputFiles, post: PostFilesInput, options: { root: string; assetFolder: boolean; written: ReadonlySet<string>; links: SiteLinks }): PendingReference[] {
  const assetFolder = join(dirname(post.source), basename(post.source, extname(post.source)));
  const copied = new Set<string>(options.written);
  const copy = (from: string, to: string) => {
    if (copied.has(to)) return;
    copied.add(to);
    copyInto(files, from, to);
  };
  if (options.assetFolder) for (const file of filesUnder(assetFolder, options.links)) copy(join(assetFolder, ...file.split('/')), post.folder + file);

  const pending: PendingReference[] = [];
  for (const reference of post.references) {
    const path = sitePathOf(reference.url, { base: post.folder, root: options.root, ownPage: true });
    if (path === undefined) continue;
    const [target] = splitLinkTarget(path);
    const lookedFor: string[] = [];
    // A relative reference that stays in the post's folder may name a file beside the post.
    if (!reference.url.trim().startsWith('/') && target.startsWith(post.folder) && target.length > post.folder.length && !target.endsWith('/')) {
      if (copied.has(target)) continue;
      const inner = target.slice(post.folder.length).split('/');
      // A segment that decoded to a separator or a dot-segment would leave the folder.
      if (inner.some((segment) => segment === '' || segment === '.' || segment === '..' || /[\\/\0]/.test(segment))) {
        pending.push({ shown: post.shown, reference, target, lookedFor });
        continue;
      }
      const candidates = [join(assetFolder, ...inner), join(dirname(post.source), ...inner)];
      const found = candidates.find((candidate) => isSiteFile(candidate, options.links));
      if (found) {
        copy(found, target);
        continue;
      }
      lookedFor.push(...candidates);
    }
    pending.push({ shown: post.shown, reference, target, lookedFor });
  }
  return pending;
}

/** The warnings for references that name no file of the output (`exists` says what the output has). */
export function missingReferences(pending: readonly PendingReference[], exists: (path: string) => boolean): string[] {
  const warnings: string[] = [];
  for (const { shown, reference, target, lookedFor } of pending) {
    if (exists(target) || exists(target === '' || target.endsWith('/') ? `${target}index.html` : `${target}/index.html`)) continue;
    const what = reference.kind === 'image' ? 'image' : 'link';
    const where = [...lookedFor.map((path) => relative(process.cwd(), path) || path), `/${target} in the built site`].join(', ');
    warnings.push(`${shown}:${reference.line}:${reference.column}: warning: the ${what} ${JSON.stringify(reference.url)} names no file (looked for ${where}) [missing-file]`);
  }
  return warnings;
}
