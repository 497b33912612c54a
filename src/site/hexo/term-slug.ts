/**
 * The slugs of Hexo's Tag and Category models (`lib/models/tag.ts`, `category.ts` of Hexo
 * 8): a name is first replaced through `tag_map` / `category_map` (`{ 机器学习: ml }`), then
 * slugged with `filename_case` (1 lower-cases, 2 upper-cases); a category's slug is its
 * parents' slugs and its own, joined by `/`. A migrated blog's tag and category URLs, and
 * its `:category` permalinks, depend on them.
 */
import { slugize } from './slugize.js';

/** The settings a tag's or category's slug depends on. */
export interface TermSlugSettings {
  tag_map: Readonly<Record<string, string>>;
  category_map: Readonly<Record<string, string>>;
  filename_case: 0 | 1 | 2;
}

/** Hexo's defaults: no maps, names as they are. */
export const PLAIN_TERMS: TermSlugSettings = { tag_map: {}, category_map: {}, filename_case: 0 };

/** `name` through `map` (an empty value keeps the name, as in Hexo). */
export function mappedName(name: string, map: Readonly<Record<string, string>>): string {
  return (Object.hasOwn(map, name) && map[name]) || name;
}

/** A tag's slug. */
export function tagSlug(name: string, settings: TermSlugSettings = PLAIN_TERMS): string {
  return slugize(mappedName(name, settings.tag_map), settings.filename_case);
}

/** The slug of one level of a category path (its own name only). */
export function categoryLevelSlug(name: string, settings: TermSlugSettings = PLAIN_TERMS): string {
  return slugize(mappedName(name, settings.category_map), settings.filename_case);
}

/** The slug of a category path (`[Machine Learning, State space]` → `Machine-Learning/State-space`). */
export function categorySlug(path: readonly string[], settings: TermSlugSettings = PLAIN_TERMS): string {
  return path.map((name) => categoryLevelSlug(name, settings)).join('/');
}
