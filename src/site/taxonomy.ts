/**
 * Where tag and category pages live: Hexo's `<tag_dir>/<slug>/` and
 * `<category_dir>/<a>/<b>/`, with Hexo's slugs (`tag_map`, `category_map`, `filename_case`,
 * `hexo/term-slug.ts`), so their URLs are Hexo's too — except where Hexo's slug loses what
 * tells two names apart (`C++`, `C#` and `C` are all `C` to Hexo): such a name gets its slug
 * and a hash of itself (`names.ts`). A category path is a page at every level: a post in
 * `[Diary, Life]` is listed on `categories/Diary/` and on `categories/Diary/Life/`.
 */
import type { SiteConfig } from './config-schema.js';
import type { CategoryPath } from './hexo/categories.js';
import { categoryLevelSlug, mappedName, tagSlug } from './hexo/term-slug.js';
import { siteFolder } from './list-paths.js';
import { listPageSegment } from './names.js';

/** The settings tag and category pages depend on (a site's config has them all). */
export type TaxonomySettings = Pick<SiteConfig, 'tag_dir' | 'category_dir' | 'tag_map' | 'category_map' | 'filename_case'>;

/** Site path of a tag's page. */
export function tagPath(name: string, settings: TaxonomySettings): string {
  return `${siteFolder(settings.tag_dir)}${listPageSegment(mappedName(name, settings.tag_map), tagSlug(name, settings), settings.filename_case)}/`;
}

/** Site path of a category's page (`names` from the top). */
export function categoryPath(names: CategoryPath, settings: TaxonomySettings): string {
  const segments = names.map((name) => listPageSegment(mappedName(name, settings.category_map), categoryLevelSlug(name, settings), settings.filename_case));
  return `${siteFolder(settings.category_dir)}${segments.join('/')}/`;
}

/** A category node a post is in: its name and page. */
export interface CategoryNode {
  name: string;
  path: string;
  /** Names from the top, this one last. */
  names: CategoryPath;
}

/** Every category node of a post's paths, each once, parents before children. */
export function categoryNodes(paths: readonly CategoryPath[], settings: TaxonomySettings): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  for (const path of paths) {
    for (let depth = 1; depth <= path.length; depth++) {
      const names = path.slice(0, depth);
      const page = categoryPath(names, settings);
      if (!nodes.has(page)) nodes.set(page, { name: names.at(-1)!, path: page, names });
    }
  }
  return [...nodes.values()];
}
