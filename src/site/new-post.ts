/**
 * `mlpost new`: a new post, draft or page file as `hexo new` makes it — named after the
 * title (Hexo's `slugize`), `-1`, `-2` … added when the name is taken, its front matter
 * from `scaffolds/<layout>.md` when the site has one (else Hexo's default scaffold), with
 * `{{ title }}`, `{{ date }}` and `{{ layout }}` filled in; and the post's asset folder when
 * `post_asset_folder` is on.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readSiteConfig } from './config.js';
import { formatDate } from './date-format.js';
import { slugize } from './hexo/slugize.js';
import { siteLayout } from './layout.js';
import { loadNunjucks } from './theme/theme.js';

/** What `mlpost new` can make. */
export const NEW_LAYOUTS = ['post', 'draft', 'page'] as const;
export type NewLayout = (typeof NEW_LAYOUTS)[number];

/** Hexo's scaffold when the site has none for the layout. */
export const DEFAULT_SCAFFOLD = '---\ntitle: {{ title }}\ndate: {{ date }}\ntags:\n---\n';

/** Hexo quotes a title that YAML would read as something else. */
export function yamlTitle(title: string): string {
  return /[:{}[\]'"]|^#|^!!/.test(title) ? `"${title.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : title;
}

/** The file made and, with `post_asset_folder`, the asset folder. */
export interface NewPost {
  file: string;
  assetFolder: string | undefined;
}

/** Create the file; `now` is the date written (default: the current time). */
export function createPost(siteDirectory: string, layout: NewLayout, title: string, options: { slug?: string; now?: number } = {}): NewPost {
  const site = resolve(siteDirectory);
  const folders = siteLayout(site);
  const config = readSiteConfig(site);
  // Hexo names the file with `filename_case` (lower- or upper-cased).
  const base = options.slug ?? slugize(title, config.filename_case);
  if (base === '') throw new Error(`the title ${JSON.stringify(title)} gives an empty file name: give one with --slug`);
  const postsFolder = folders.posts ?? (folders.kind === 'hexo' ? join(site, 'source', '_posts') : join(site, 'posts'));
  const pathFor = (name: string) => (layout === 'page' ? join(folders.source, name, 'index.md') : join(layout === 'draft' ? folders.drafts : postsFolder, `${name}.md`));
  let name = base;
  for (let counter = 1; existsSync(pathFor(name)); counter++) name = `${base}-${counter}`;
  const file = pathFor(name);

  const scaffoldFile = join(folders.scaffolds, `${layout}.md`);
  const scaffold = existsSync(scaffoldFile) ? readFileSync(scaffoldFile, 'utf8') : DEFAULT_SCAFFOLD;
  const text = new (loadNunjucks().Environment)(null, { autoescape: false }).renderString(scaffold, {
    title: yamlTitle(title),
    date: formatDate(options.now ?? Date.now(), 'YYYY-MM-DD HH:mm:ss', config.timezone),
    layout,
  });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, { flag: 'wx' });
  let assetFolder: string | undefined;
  if (config.post_asset_folder && layout !== 'page') {
    assetFolder = file.slice(0, -'.md'.length);
    mkdirSync(assetFolder, { recursive: true });
  }
  return { file, assetFolder };
}
