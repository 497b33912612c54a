/**
 * A post's page inside a site: the page template with the site's links (home, tag and
 * category pages), from a stored post. The same function runs in render workers and in
 * the main thread, so a page is byte-identical whichever rendered it.
 */
import type { PostData } from '../pipeline/render-post.js';
import { listPageName } from './names.js';
import { renderPage } from './page.js';

/** The site-level inputs of a post's page. */
export interface SitePageOptions {
  siteTitle: string;
  lang: string | undefined;
  generator: string;
}

/** URL of a tag's page from a page `root` away from the site root. */
export function tagHref(root: string): (tag: string) => string {
  return (tag) => `${root}tags/${listPageName(tag, 'tag')}/`;
}

/** URL of a category's page. */
export function categoryHref(root: string): (category: string) => string {
  return (category) => `${root}categories/${listPageName(category, 'category')}/`;
}

/** The HTML of a post's page at `<output>/<name>/index.html`. */
export function sitePostPage(data: PostData, html: string, options: SitePageOptions): string {
  return renderPage(data, html, {
    assetBase: '../assets/',
    home: '../index.html',
    siteTitle: options.siteTitle,
    tagHref: tagHref('../'),
    categoryHref: categoryHref('../'),
    lang: options.lang,
    generator: options.generator,
  });
}
