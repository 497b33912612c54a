/**
 * What the site needs to know about a post before rendering it — its URL, its place in
 * the lists, whether it is published — read from the front matter alone. Lenient: a
 * malformed field is left out here (the render reports it at its line).
 */
import { parse } from 'yaml';
import { parsePostDate } from '../syntax/date.js';
import { categoryPaths, tagNames, type CategoryPath } from './hexo/categories.js';

/** A post's front matter as the site uses it (plain JSON: kept in the build manifest). */
export interface PostInfo {
  title: string | undefined;
  /** Milliseconds since the epoch (the front matter's `date` in the site's time zone). */
  date: number | undefined;
  updated: number | undefined;
  tags: string[];
  categories: CategoryPath[];
  /** `published: false` makes a post a draft. */
  published: boolean;
  lang: string | undefined;
  /** The post's own URL (Hexo's front-matter `permalink`). */
  permalink: string | undefined;
  description: string | undefined;
  /** `toc: true/false` overrides the site's `toc`. */
  toc: boolean | undefined;
  /** Scalar fields the permalink rule names (`:id`, `:lang` …). */
  fields: Record<string, string>;
}

/** The front matter's YAML text, as remark-frontmatter finds it (`---` lines at the very top). */
export function frontMatterText(markdown: string): string | undefined {
  const match = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(markdown);
  return match ? (match[1] ?? '') : undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/**
 * Read a post's {@link PostInfo}; `timezone` places dates written without an offset,
 * `tokens` names the fields the permalink rule may take from the front matter.
 */
export function readPostInfo(markdown: string, timezone: string, tokens: ReadonlySet<string> = new Set()): PostInfo {
  let record: Record<string, unknown> = {};
  const yaml = frontMatterText(markdown);
  if (yaml !== undefined) {
    try {
      const value: unknown = parse(yaml, { maxAliasCount: 100, uniqueKeys: true });
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) record = value as Record<string, unknown>;
    } catch {
      // the render reports it
    }
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!tokens.has(key)) continue;
    const scalar = text(value) ?? (typeof value === 'boolean' ? String(value) : undefined);
    if (scalar !== undefined && scalar.length <= 200) fields[key] = scalar;
  }
  const bool = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
  return {
    title: text(record.title),
    date: parsePostDate(record.date, timezone)?.time,
    updated: parsePostDate(record.updated, timezone)?.time,
    // Hexo reads the singular keys when the plural ones are absent.
    tags: tagNames(record.tags ?? record.tag),
    categories: categoryPaths(record.categories ?? record.category),
    published: record.published !== false,
    lang: text(record.lang),
    permalink: text(record.permalink),
    description: text(record.description),
    toc: bool(record.toc),
    fields,
  };
}
