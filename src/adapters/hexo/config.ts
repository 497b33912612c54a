/**
 * The `mlpost:` section of a Hexo blog's `_config.yml`: validated, with each problem naming
 * its key (`mlpost.number_sections: expected true or false, got "yes"`), and turned into
 * the adapter's options.
 *
 * ```yaml
 * mlpost:
 *   number_sections: false        # 1, 1.1 … before headings, as pandoc's --number-sections
 *   sanitize: false               # reduce raw HTML to a safe allow-list (untrusted authors)
 *   external_links: true          # open links to other sites in a new tab
 *   math:
 *     macros: { '\R': '\mathbb{R}' }
 *     markdown_escapes: true      # `\_` in `$…$` is `_`, as hexo-renderer-marked read it
 *   cache_dir: node_modules/.cache/mlpost   # cells and graphs, relative to the blog
 *   cells:
 *     cache: true                 # false: run every cell on every render
 *     concurrency: 2              # cells run at once (default: the number of cores)
 *   highlight: hexo               # hexo: Hexo's highlight/prismjs settings; mlpost: mlpost's
 *   styles: true                  # write KaTeX's and mlpost's CSS and link them from pages
 *   dark_mode: auto               # auto | none | media | a CSS selector of the theme's dark mode
 *   blockquote_footer: mlpost     # mlpost: footer escaped; hexo: Hexo's own tag
 * ```
 */
import { z } from 'zod';
import { nearest } from '../../cells/suggest.js';

const boolean = z.boolean({ error: (issue) => `expected true or false, got ${shown(issue.input)}` });

/** The schema of the `mlpost:` section (keys as written in `_config.yml`). */
export const hexoConfigSchema = z
  .object({
    number_sections: boolean.optional(),
    sanitize: boolean.optional(),
    external_links: boolean.optional(),
    math: z
      .object({
        macros: z.record(
          z.string().regex(/^\\[A-Za-z]+$|^\\.$/, { error: 'a macro name is a backslash and letters, such as \\R' }),
          z.string({ error: (issue) => `expected the macro's TeX as a string, got ${shown(issue.input)}` }),
        ).optional(),
        markdown_escapes: boolean.optional(),
      })
      .strict()
      .optional(),
    cache_dir: z.union([z.string().min(1), z.literal(false)], { error: (issue) => `expected a folder (relative to the blog) or false, got ${shown(issue.input)}` }).optional(),
    cells: z
      .object({
        cache: boolean.optional(),
        concurrency: z.number().int().min(1).max(64, { error: 'at most 64 cells at once' }).optional(),
      })
      .strict()
      .optional(),
    highlight: z.enum(['hexo', 'mlpost'], { error: (issue) => `expected hexo or mlpost, got ${shown(issue.input)}` }).optional(),
    styles: boolean.optional(),
    dark_mode: z.string({ error: (issue) => `expected auto, none, media or a CSS selector, got ${shown(issue.input)}` }).min(1).optional(),
    blockquote_footer: z.enum(['mlpost', 'hexo'], { error: (issue) => `expected mlpost or hexo, got ${shown(issue.input)}` }).optional(),
    extensions: z.array(z.string().regex(/^[\w-]+$/, { error: 'an extension without its dot, such as md' })).min(1).optional(),
  })
  .strict();

/** The `mlpost:` section as written. */
export type HexoConfigSection = z.infer<typeof hexoConfigSchema>;

/** The section validated, or the problems, each naming its key. */
export type HexoConfigResult = { ok: true; config: HexoConfigSection } | { ok: false; problems: string[] };

/** Validate the `mlpost:` section of `_config.yml` (absent or empty is all defaults). */
export function readHexoConfig(section: unknown): HexoConfigResult {
  if (section === undefined || section === null) return { ok: true, config: {} };
  const parsed = hexoConfigSchema.safeParse(section);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.flatMap((issue) => describeIssue(issue)) };
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const key = ['mlpost', ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((name) => {
      const known = Object.keys(shapeAt(issue.path) ?? {});
      const suggestion = nearest(name, known);
      return `${key}.${name}: unknown option${suggestion ? ` (did you mean ${suggestion}?)` : ''}; known: ${known.join(', ')}`;
    });
  }
  return [`${key}: ${issue.message}`];
}

/** The object shape of the schema at `path` (for listing the known keys). */
function shapeAt(path: ReadonlyArray<PropertyKey>): Record<string, unknown> | undefined {
  let schema: unknown = hexoConfigSchema;
  for (const step of path) {
    schema = unwrap(schema);
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    if (!shape || typeof step !== 'string') return undefined;
    schema = shape[step];
  }
  return (unwrap(schema) as { shape?: Record<string, unknown> }).shape;
}

function unwrap(schema: unknown): unknown {
  let current = schema as { unwrap?: () => unknown } | undefined;
  while (current && typeof current.unwrap === 'function') current = current.unwrap() as typeof current;
  return current;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'a mapping' : String(value);
}
