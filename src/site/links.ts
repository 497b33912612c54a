/**
 * How pages link to each other. Every link between pages of the site is relative, so the
 * site works under any `root`, on any host, and from disk. A link to a folder ends in
 * `index.html` (Hexo's `pretty_urls.trailing_index: true`, the default), so a site opened
 * from disk navigates by clicking — a browser shows a folder as a file listing; with
 * `trailing_index: false` it ends in `/` (a web server serves the folder's `index.html`).
 *
 * Paths inside the site ("site paths") have no leading `/` and are not percent-encoded:
 * `2019/09/12/rnn_intro/` names a folder, `assets/mlpost.css` a file, `` the home page.
 */
import { posix } from 'node:path';

/** The link settings of a build. */
export interface LinkStyle {
  /** Links to folders end in `index.html`. */
  trailingIndex: boolean;
  /** The site's root path on its host (`/`, `/blog/`): links of the 404 page start with it. */
  root: string;
}

/** A site path (with `?query#fragment` kept) percent-encoded for an `href`. */
export function encodeSitePath(path: string): string {
  const cut = path.search(/[?#]/);
  const [pathname, suffix] = cut < 0 ? [path, ''] : [path.slice(0, cut), path.slice(cut)];
  return pathname.split('/').map((segment) => encodeURI(segment).replace(/[?#]/g, encodeURIComponent)).join('/') + suffix;
}

/** Split `path?query#fragment`. */
function splitSuffix(path: string): [string, string] {
  const cut = path.search(/[?#]/);
  return cut < 0 ? [path, ''] : [path.slice(0, cut), path.slice(cut)];
}

/** `folder/` → `folder/index.html` when the style wants it. */
function withIndex(pathname: string, style: LinkStyle): string {
  return style.trailingIndex && (pathname === '' || pathname.endsWith('/')) ? `${pathname}index.html` : pathname;
}

/** A relative link from the page written at `fromFile` (`2019/09/12/a/index.html`) to the site path `to`. */
export function relativeLink(fromFile: string, to: string, style: LinkStyle): string {
  const [pathname, suffix] = splitSuffix(to);
  const target = withIndex(pathname, style);
  const fromFolder = posix.dirname(fromFile) === '.' ? '' : posix.dirname(fromFile);
  let link = posix.relative(fromFolder || '.', target || '.');
  if (target.endsWith('/') || target === '') link = link === '' ? './' : `${link}/`;
  return encodeSitePath(link) + suffix;
}

/** A link from the site's root path (`/blog/tags/x/`): for the 404 page, which is served at any address. */
export function rootLink(to: string, style: LinkStyle): string {
  const [pathname, suffix] = splitSuffix(to);
  return style.root + encodeSitePath(withIndex(pathname, style)) + suffix;
}

/** The absolute URL of a site path on the deployed site (`url` + path), for feeds, the sitemap and `canonical`. */
export function absoluteUrl(siteUrl: string, to: string): string {
  const base = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  return base + encodeSitePath(to);
}
