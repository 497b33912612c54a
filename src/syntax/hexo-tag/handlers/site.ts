/**
 * What tag handlers may know about the site around the post: where it lives on disk and
 * which posts it has. Everything is optional; tags that need a missing piece say so in a
 * warning instead of guessing.
 */
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { VFile } from 'vfile';

/** A post that `post_link` / `post_path` can point to. */
export interface PostReference {
  /** The post's URL (as it should appear in `href`). */
  url: string;
  /** Its title (link text and tooltip when the tag gives none). */
  title?: string;
}

/** Site knowledge given to the tag handlers (`HexoTagOptions` carries it). */
export interface TagSiteOptions {
  /** The site's folder (`downloads/code/` for `include_code` is found under it). */
  siteRoot?: string;
  /**
   * The folder `include_code` reads from. Default: `<siteRoot>/downloads/code`, or the
   * folder of the post when no site root is known.
   */
  codeDir?: string;
  /** The site's posts by slug, for `post_link` and `post_path` (a title also finds a post). */
  posts?: ReadonlyMap<string, PostReference> | Readonly<Record<string, PostReference>>;
}

/** Find a post by slug, then by title, as Hexo's `post_link` does. */
export function lookupPost(posts: TagSiteOptions['posts'], slugOrTitle: string): PostReference | undefined {
  if (!posts) return undefined;
  const entries: Iterable<[string, PostReference]> = posts instanceof Map ? posts.entries() : Object.entries(posts);
  const bySlug = posts instanceof Map ? posts.get(slugOrTitle) : Object.hasOwn(posts, slugOrTitle) ? (posts as Record<string, PostReference>)[slugOrTitle] : undefined;
  if (bySlug) return bySlug;
  for (const [, post] of entries) if (post.title === slugOrTitle) return post;
  return undefined;
}

/** The post's file on disk, or `undefined` when the document has no path. */
export function postFilePath(file: VFile): string | undefined {
  return file.path ? resolve(file.cwd, file.path) : undefined;
}

/** Hexo's `post_asset_folder`: the folder named like the post file (without `.md`) beside it. */
export function assetFolderOf(file: VFile): string | undefined {
  const post = postFilePath(file);
  if (!post) return undefined;
  return join(dirname(post), basename(post, extname(post)));
}

/** Where `include_code` reads from (see {@link TagSiteOptions.codeDir}). */
export function codeFolderOf(site: Readonly<TagSiteOptions>, file: VFile): string | undefined {
  if (site.codeDir) return resolve(site.codeDir);
  if (site.siteRoot) return resolve(site.siteRoot, 'downloads', 'code');
  const post = postFilePath(file);
  return post ? dirname(post) : undefined;
}

/** A folder as diagnostics show it: relative to the working directory when inside it. */
export function shownFolder(folder: string): string {
  const path = relative(process.cwd(), folder);
  return path === '' ? '.' : path.startsWith('..') ? folder : path;
}
