/**
 * Where a site keeps its posts and which files are posts (see `layout.ts` for the rest).
 */
import { siteLayout } from './layout.js';
import { findSources } from './sources.js';

export { POST_FOLDERS } from './layout.js';

/** The folder holding the site's posts, if any. */
export function postFolder(siteDirectory: string): string | undefined {
  return siteLayout(siteDirectory).posts;
}

/** The Markdown files of a site's posts folder, sorted by path. */
export function findPosts(siteDirectory: string): string[] {
  return findSources(siteLayout(siteDirectory), { drafts: false })
    .filter((source) => source.kind === 'post')
    .map((source) => source.path);
}
