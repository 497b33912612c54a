/**
 * The page around one rendered post outside a site (`mlpost render`): the default theme's
 * post template with no site links (no home, tag or category pages to point to).
 */
import type { PostData } from '../pipeline/render-post.js';
import { translate, type StringKey } from '../i18n/strings.js';
import { openTheme, type Theme } from './theme/theme.js';
import { tocTree } from './theme/pages.js';

export interface PageOptions {
  /** Relative URL of the assets folder from this page, ending in `/` (`assets/`). */
  assetBase: string;
  /** The page's language; default: the post's `lang`, else `zh` when the title has Han characters, else `en`. */
  lang?: string;
  /** The generator version written into `<meta name="generator">`. */
  generator: string;
  /** Show the table of contents. */
  toc?: boolean;
}

let theme: Theme | undefined;

/** The full HTML document of one post. */
export function renderPage(data: PostData, bodyHtml: string, options: PageOptions): string {
  const own = typeof data.extra.lang === 'string' ? data.extra.lang : undefined;
  const lang = options.lang ?? own ?? (data.title && /\p{Script=Han}/u.test(data.title) ? 'zh' : 'en');
  const title = data.title ?? translate(lang, 'untitled');
  theme ??= openTheme(undefined);
  return theme.render('post.njk', {
    site: false,
    lang,
    generator: options.generator,
    head: { title },
    url_for: (path: string) => (path.startsWith('assets/') ? options.assetBase + path.slice('assets/'.length) : path),
    __: (key: string, ...values: Array<string | number>) => translate(lang, key as StringKey, ...values),
    page: {
      kind: 'post',
      title,
      date: data.date && { iso: data.date.iso, text: data.date.day },
      tags: data.tags.map((name) => ({ name })),
      categories: data.categories.map((name) => ({ name })),
      content: bodyHtml,
      toc: options.toc || data.extra.toc === true ? tocTree(data.toc) : [],
      draft: false,
    },
  });
}
