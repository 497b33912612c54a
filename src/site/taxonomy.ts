/**
 * Where tag and category pages live: Hexo's `tags/<slug>/` and `categories/<a>/<b>/`, with
 * Hexo's slugs (`slugize`), so their URLs are Hexo's too — except where Hexo's slug loses
 * what tells two names apart (`C++`, `C#` and `C` are all `C` to Hexo): such a name gets
 * its slug and a hash of itself (`names.ts`). A category path is a page at every level: a
 * post in `[Diary, Life]` is listed on `categories/Diary/` and on `categories/Diary/Life/`.
 */
import type { CategoryPath } from './hexo/categories.js';
import { categorySlug } from './hexo/permalink.js';
import { slugize } from './hexo/slugize.js';
import { listPageSegment } from './names.js';

/** Site path of a tag's page. */
export function tagPath(name: string): string {
  return `tags/${listPageSegment(name, slugize(name))}/`;
}

/** Site path of a category's page (`names` from the top). */
export function categoryPath(names: CategoryPath): string {
  return `categories/${names.map((name) => listPageSegment(name, categorySlug([name]))).join('/')}/`;
}

/** A category node a post is in: its name and page. */
export interface CategoryNode {
  name: string;
  path: string;
  /** Names from the top, this one last. */
  names: CategoryPath;
}

/** Every category node of a post's paths, each once, parents before children. */
export function categoryNodes(paths: readonly CategoryPath[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  for (const path of paths) {
    for (let depth = 1; depth <= path.length; depth++) {
      const names = path.slice(0, depth);
      const page = categoryPath(names);
      if (!nodes.has(page)) nodes.set(page, { name: names.at(-1)!, path: page, names });
    }
  }
  return [...nodes.values()];
}
