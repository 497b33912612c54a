/**
 * The keys of a site's config file: those mlpost shares with Hexo (same names, same
 * meaning, so a Hexo `_config.yml` is read as is) and mlpost's own. `docs/configuration.md`
 * documents each one.
 */
import { renderLimitsSchema } from '../limits/settings.js';
import { z } from 'zod';

/** Hexo's default permalink, used for a Hexo-layout site. */
export const HEXO_PERMALINK = ':year/:month/:day/:title/';
/** mlpost's default permalink: the URLs mlpost sites have always had. */
export const MLPOST_PERMALINK = ':title/';

const feedType = z.enum(['atom', 'rss2']);
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]).transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[]);

/** A path inside the output (no `..`, no leading `/`). */
const outputPath = z
  .string()
  .min(1)
  .refine((path) => !path.startsWith('/') && !path.split(/[\\/]/).includes('..'), 'must be a path inside the output folder (no leading "/", no "..")');

/**
 * A folder of the site for list pages (`tag_dir: topics`): a path inside the output, with or
 * without slashes at its ends; `/` or empty is the site's root, as in Hexo.
 */
const listFolder = z
  .string()
  .refine((path) => !path.split(/[\\/]/).some((segment) => segment === '..' || segment === '.') && !/[\u0000-\u001f\u007f\\:?#%]/.test(path), 'must be a folder inside the output (no "..", no "\\", ":", "?", "#", "%")');
/** `pagination_dir`, `archive_dir`: a folder, not the root. */
const paginationFolder = listFolder.refine((path) => path.replace(/^\/+|\/+$/g, '') !== '', 'must name a folder (e.g. "page")');
const perPage = z.number().int().min(0);
/** `tag_map` / `category_map`: name → the name its URL is made from. Hexo leaves them empty (`tag_map:`). */
const nameMap = z.record(z.string(), z.union([z.string(), z.number()]).nullable()).transform((map) =>
  Object.fromEntries(Object.entries(map).flatMap(([name, value]) => (value === null || value === '' ? [] : [[name, String(value)]]))),
);
/** Settings of Hexo's list generators (`index_generator` …): the keys mlpost reads; it lists the others as not used. */
export const GENERATOR_KEYS = {
  index_generator: ['per_page', 'pagination_dir'],
  archive_generator: ['per_page', 'yearly', 'monthly', 'daily'],
  tag_generator: ['per_page'],
  category_generator: ['per_page'],
} as const;
// An empty `index_generator:` is left out before parsing (`config.ts`), as every empty key.
const generator = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

export const feedSchema = z
  .object({
    /** Which feeds: `atom`, `rss2` or both (hexo-generator-feed's `type`). */
    type: oneOrMany(feedType).default(['atom', 'rss2']),
    /** Their paths, in the order of `type` (default `atom.xml`, `rss2.xml`). */
    path: oneOrMany(outputPath).optional(),
    /** Newest posts in the feed; 0 = all. */
    limit: z.number().int().min(0).default(20),
    /** `true`: each entry carries the whole post; `false`: its excerpt or description. */
    content: z.boolean().default(false),
  })
  .strict();

/** Keys read from the config file, with their defaults (the permalink's depends on the layout). */
export const siteConfigSchema = z
  .object({
    // Shared with Hexo.
    title: z.coerce.string().default('mlpost'),
    subtitle: z.coerce.string().default(''),
    description: z.coerce.string().default(''),
    author: z.coerce.string().default(''),
    /** Hexo allows a list; the first is the site's. */
    language: z
      .union([z.string(), z.array(z.string()).min(1)])
      .transform((value) => (Array.isArray(value) ? value[0]! : value))
      .optional(),
    timezone: z.string().default('UTC'),
    url: z.url({ protocol: /^https?$/ }).optional(),
    root: z
      .string()
      .regex(/^\/(?:[^/?#\s]+\/)*$/, 'must start and end with "/" (e.g. "/" or "/blog/")')
      .optional(),
    permalink: z.string().min(1).optional(),
    per_page: perPage.default(10),
    post_asset_folder: z.boolean().default(false),
    /** Where tag, archive and category pages are, and the folder of a list's page 2, 3 … */
    tag_dir: listFolder.default('tags'),
    archive_dir: paginationFolder.default('archives'),
    category_dir: listFolder.default('categories'),
    pagination_dir: paginationFolder.default('page'),
    /** The name a tag's or category's URL is made from (`{ 机器学习: ml }`). */
    tag_map: nameMap.default({}),
    category_map: nameMap.default({}),
    /** Tag and category slugs (and `mlpost new` file names): 0 as written, 1 lower case, 2 upper case. */
    filename_case: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
    /** Hexo's list generators: posts per page of each list (default `per_page`), archives by year, month, day. */
    index_generator: generator({ per_page: perPage.nullish(), pagination_dir: paginationFolder.nullish() }).default({}),
    archive_generator: generator({ per_page: perPage.nullish(), yearly: z.boolean().nullish(), monthly: z.boolean().nullish(), daily: z.boolean().nullish() }).default({}),
    tag_generator: generator({ per_page: perPage.nullish() }).default({}),
    category_generator: generator({ per_page: perPage.nullish() }).default({}),
    default_category: z.coerce.string().default('uncategorized'),
    date_format: z.string().min(1).default('YYYY-MM-DD'),
    /** Hexo's `pretty_urls.trailing_index: false` drops `index.html` from links. */
    pretty_urls: z.object({ trailing_index: z.boolean().default(true), trailing_html: z.boolean().optional() }).strict().default({ trailing_index: true }),
    /** hexo-generator-feed's settings (the subset mlpost reads). */
    feed: feedSchema.default({ type: ['atom', 'rss2'], limit: 20, content: false }),
    /** hexo-generator-sitemap's `path`. */
    sitemap: z.object({ path: outputPath.default('sitemap.xml') }).strict().default({ path: 'sitemap.xml' }),
    // mlpost's own.
    output: z.string().min(1).default('dist'),
    /** A table of contents on every post page (a post's `toc:` wins). */
    toc: z.boolean().default(false),
    /** Time and size limits (`src/limits/settings.ts`, `docs/limits.md`). */
    limits: renderLimitsSchema.optional(),
  })
  .strict();

/** The site's configuration with defaults applied. */
export type SiteConfig = Omit<z.output<typeof siteConfigSchema>, 'permalink' | 'root'> & { permalink: string; root: string };

/** The keys mlpost reads. */
export const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.keys(siteConfigSchema.shape));

/**
 * Keys of Hexo's own config and of its common plugins that mlpost does not read: in a
 * Hexo `_config.yml` they are listed once as ignored instead of one warning each.
 */
export const HEXO_KEYS: ReadonlySet<string> = new Set([
  'permalink_defaults', 'source_dir', 'public_dir', 'code_dir', 'i18n_dir',
  'skip_render', 'new_post_name', 'default_layout', 'titlecase', 'external_link', 'render_drafts',
  'relative_link', 'future', 'syntax_highlighter', 'highlight', 'prismjs', 'use_filename_as_post_title',
  'use_slug_as_post_title', 'time_format', 'updated_option', 'theme',
  'theme_config', 'server', 'deploy', 'ignore', 'include', 'exclude', 'meta_generator',
  'marked', 'markdown', 'search', 'keywords', 'email',
  'avatar', 'favicon', 'excerpt', 'auto_excerpt', 'stylus', 'nunjucks', 'jsonContent', 'browsersync', 'mathjax',
  'katex', 'pandoc', 'hexo_renderer_pandoc', 'symbols_count_time', 'githubEmojis', 'lazyload', 'mlpost',
]);
