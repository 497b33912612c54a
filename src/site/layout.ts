/**
 * Where a site keeps what: posts, drafts, static files, theme overrides, scaffolds. Two
 * layouts are recognised, mlpost's own and Hexo's, so a Hexo blog folder builds as is:
 *
 * | what          | mlpost layout | Hexo layout       |
 * | ------------- | ------------- | ----------------- |
 * | posts         | `posts/`      | `source/_posts/`  |
 * | drafts        | `drafts/`     | `source/_drafts/` |
 * | static files  | `source/`     | `source/`         |
 * | theme         | `theme/`      | `theme/`          |
 * | scaffolds     | `scaffolds/`  | `scaffolds/`      |
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The folders of one site (absolute paths; they need not exist). */
export interface SiteLayout {
  kind: 'mlpost' | 'hexo';
  /** The site folder. */
  site: string;
  /** The posts folder, if the site has one. */
  posts: string | undefined;
  drafts: string;
  /** Everything here except `_posts/`, `_drafts/` and `_`/`.` names is copied as is (Markdown is rendered as a page). */
  source: string;
  /** Template and stylesheet overrides, file by file. */
  theme: string;
  /** `post.md`, `draft.md`, `page.md` front-matter templates for `mlpost new`. */
  scaffolds: string;
}

/** The posts folders looked for, in order (what an error names when there are none). */
export const POST_FOLDERS = ['posts', join('source', '_posts')] as const;

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** What makes a folder a site: a config file or a posts folder (what `mlpost new` looks for). */
export const SITE_MARKS = ['mlpost.yml', '_config.yml', 'posts/', 'source/_posts/'] as const;

/** Whether `site` has one of {@link SITE_MARKS}. */
export function isSiteFolder(site: string): boolean {
  return SITE_MARKS.some((mark) => (mark.endsWith('/') ? isFolder(join(site, mark)) : existsSync(join(site, mark))));
}

/** The layout of `site` (absolute): Hexo's when it has `source/_posts/` and no `posts/`. */
export function siteLayout(site: string): SiteLayout {
  const own = join(site, 'posts');
  const hexo = join(site, 'source', '_posts');
  const common = { site, source: join(site, 'source'), theme: join(site, 'theme'), scaffolds: join(site, 'scaffolds') };
  if (!isFolder(own) && (isFolder(hexo) || existsSync(join(site, '_config.yml')))) {
    return { kind: 'hexo', posts: isFolder(hexo) ? hexo : undefined, drafts: join(site, 'source', '_drafts'), ...common };
  }
  return { kind: 'mlpost', posts: isFolder(own) ? own : undefined, drafts: join(site, 'drafts'), ...common };
}
