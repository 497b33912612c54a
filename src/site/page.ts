/**
 * The page around a rendered post: a complete HTML document with the title, date, tags
 * and categories from the front matter, the body, and links to the shared assets.
 * Built as hast so every piece of author text is escaped.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { PostData } from '../pipeline/render-post.js';

export interface PageOptions {
  /** The site's title, shown in `<title>` after the post's. */
  siteTitle?: string;
  /** Relative URL of the assets folder from this page, ending in `/` (`assets/`, `../assets/`). */
  assetBase: string;
  /** Relative URL of the site's home page, when the page belongs to a site. */
  home?: string;
  /** Relative URL of a tag's page, when the site has tag pages. */
  tagHref?: (tag: string) => string;
  /** Relative URL of a category's page. */
  categoryHref?: (category: string) => string;
  /** The page's language; default: `zh` when the title has Han characters, else `en`. */
  lang?: string;
  /** The generator version written into `<meta name="generator">`. */
  generator: string;
}

/** The full HTML document of one post. */
export function renderPage(data: PostData, bodyHtml: string, options: PageOptions): string {
  const title = data.title ?? 'Untitled';
  const lang = options.lang ?? (typeof data.extra.lang === 'string' ? data.extra.lang : /\p{Script=Han}/u.test(title) ? 'zh' : 'en');
  const meta: ElementContent[] = [];
  if (data.date) meta.push(h('time', { dateTime: data.date.iso }, data.date.day));
  if (data.categories.length > 0) meta.push(h('span.mlpost-categories', labelled(data.categories, options.categoryHref)));
  if (data.tags.length > 0) meta.push(h('span.mlpost-tags', labelled(data.tags.map((tag) => tag), options.tagHref, '#')));
  const header: ElementContent[] = [];
  if (options.home) header.push(h('nav.mlpost-nav', [h('a', { href: options.home }, options.siteTitle ?? 'Home')]));
  const document: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'generator', content: options.generator }),
          h('meta', { name: 'color-scheme', content: 'light dark' }),
          h('title', options.siteTitle ? `${title} | ${options.siteTitle}` : title),
          h('link', { rel: 'stylesheet', href: `${options.assetBase}katex/katex.min.css` }),
          h('link', { rel: 'stylesheet', href: `${options.assetBase}mlpost.css` }),
        ]),
        h('body', [
          ...header,
          h('main.mlpost-page', [
            h('article.mlpost-post', [
              h('header.mlpost-post-header', [h('h1.mlpost-title', title), ...(meta.length > 0 ? [h('p.mlpost-meta', meta)] : [])]),
              h('div.mlpost-body', [{ type: 'raw', value: `\n${bodyHtml}\n` }]),
            ]),
          ]),
        ]),
      ]) as Element,
    ],
  };
  return `${toHtml(document, { allowDangerousHtml: true })}\n`;
}

function labelled(names: string[], href: ((name: string) => string) | undefined, prefix = ''): ElementContent[] {
  return names.map((name) => (href ? h('a', { href: href(name) }, `${prefix}${name}`) : h('span', `${prefix}${name}`)));
}
