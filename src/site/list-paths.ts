/**
 * Where a blog's list pages are, as Hexo's generators put them, from the config:
 * `archive_dir`, `tag_dir`, `category_dir` (`/` puts categories at the root), page 2, 3 …
 * of a list in `pagination_dir` (`index_generator.pagination_dir` for the home page), and
 * each list's posts per page (`<generator>.per_page`, else `per_page`). A migrated blog
 * keeps the URLs of its lists.
 */
import type { SiteConfig } from './config-schema.js';

/** A config folder as a site path: `topics` and `/topics/` → `topics/`; `/` and `` → `` (the root). */
export function siteFolder(folder: string): string {
  const trimmed = folder.replace(/^[\\/]+|[\\/]+$/g, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}

/** The list folders of a site, as site paths ending in `/` (or `` for the root). */
export interface ListFolders {
  archives: string;
  tags: string;
  categories: string;
  /** The folder of page 2, 3 … inside a list's folder (`page/`), and on the home page. */
  pagination: string;
  homePagination: string;
}

/** The list folders of `config`. */
export function listFolders(config: Pick<SiteConfig, 'archive_dir' | 'tag_dir' | 'category_dir' | 'pagination_dir' | 'index_generator'>): ListFolders {
  const pagination = siteFolder(config.pagination_dir);
  return {
    archives: siteFolder(config.archive_dir),
    tags: siteFolder(config.tag_dir),
    categories: siteFolder(config.category_dir),
    pagination,
    homePagination: config.index_generator.pagination_dir ? siteFolder(config.index_generator.pagination_dir) : pagination,
  };
}

/** Hexo's list generators. */
export type ListGenerator = 'index' | 'archive' | 'tag' | 'category';

/** Posts per page of a generator's lists (`0`: all on one page). */
export function postsPerPage(config: SiteConfig, list: ListGenerator): number {
  return config[`${list}_generator`].per_page ?? config.per_page;
}
