/**
 * Where a site keeps its posts and which files are posts.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Where a site keeps its posts, in order of preference (Hexo's layout second). */
export const POST_FOLDERS = ['posts', join('source', '_posts')] as const;

/** The folder holding the site's posts, if any. */
export function postFolder(siteDirectory: string): string | undefined {
  return POST_FOLDERS.map((name) => join(siteDirectory, name)).find((path) => existsSync(path) && statSync(path).isDirectory());
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
