/**
 * The site's list pages: the home page (posts newest first with their excerpts and a
 * "read more" link to `#more`) and one page per tag and per category.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { PostData } from '../pipeline/render-post.js';
import { rebaseExcerptUrls } from './excerpt-urls.js';

/** A built post as list pages see it. */
export interface PostSummary {
  /** URL of the post's page relative to the site root, ending in `/`. */
  url: string;
  data: PostData;
}

export interface ListPageOptions {
  siteTitle: string;
  /** Heading of the list; the home page has none but the site title. */
  heading?: string;
  /** From this page to the site root, ending in `/` (`''`, `../../`). */
  root: string;
  tagHref: (tag: string) => string;
  lang: string;
  generator: string;
}

/** One list page (home, tag or category). */
export function renderListPage(posts: readonly PostSummary[], options: ListPageOptions): string {
  const items = posts.map((post) => {
    const href = `${options.root}${post.url}`;
    const parts: ElementContent[] = [h('h2', [h('a', { href }, post.data.title ?? post.url)])];
    const meta: ElementContent[] = [];
    if (post.data.date) meta.push(h('time', { dateTime: post.data.date.iso }, post.data.date.day));
    for (const tag of post.data.tags) meta.push(h('a', { href: options.tagHref(tag) }, `#${tag}`));
    if (meta.length > 0) parts.push(h('p.mlpost-meta', meta));
    if (post.data.excerptHtml !== undefined) {
      parts.push(h('div.mlpost-excerpt', [{ type: 'raw', value: rebaseExcerptUrls(post.data.excerptHtml, post.url, options.root) }]));
      parts.push(h('p', [h('a.mlpost-read-more', { href: `${href}#more` }, 'Read more →')]));
    }
    return h('li', parts);
  });
  const title = options.heading ? `${options.heading} | ${options.siteTitle}` : options.siteTitle;
  const document: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: options.lang }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'generator', content: options.generator }),
          h('meta', { name: 'color-scheme', content: 'light dark' }),
          h('title', title),
          h('link', { rel: 'stylesheet', href: `${options.root}assets/katex/katex.min.css` }),
          h('link', { rel: 'stylesheet', href: `${options.root}assets/mlpost.css` }),
        ]),
        h('body', [
          h('nav.mlpost-nav', [h('a', { href: `${options.root}index.html` }, options.siteTitle)]),
          h('main.mlpost-page', [
            ...(options.heading ? [h('h1.mlpost-title', options.heading)] : []),
            h('ol.mlpost-index', items),
          ]),
        ]),
      ]) as Element,
    ],
  };
  return `${toHtml(document, { allowDangerousHtml: true })}\n`;
}

export { rebaseExcerptUrls } from './excerpt-urls.js';
