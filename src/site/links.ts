/**
 * How pages link to each other. Every link between pages of the site is relative, so the
 * site works under any `root`, on any host, and from disk. A link to a folder ends in
 * `index.html` (Hexo's `pretty_urls.trailing_index: true`, the default), so a site opened
 * from disk navigates by clicking — a browser shows a folder as a file listing; with
 * `trailing_index: false` it ends in `/` (a web server serves the folder's `index.html`).
 *
 * Paths inside the site ("site paths") have no leading `/` and are not percent-encoded:
 * `2019/09/12/rnn_intro/` names a folder, `assets/mlpost.css` a file, `` the home page.
 * A link target is a site path that may end in `?query` or `#fragment`
 * (`2019/09/12/a/#more`): in it, the three characters that would read as something else
 * when a name holds them — `%`, `#`, `?` — are written `%25`, `%23`, `%3F`
 * ({@link escapeSitePath}), so a post written from `hash#tag.md` is linked as
 * `hash%23tag/index.html` and its page is still the file `hash#tag/index.html`.
 */
import { posix } from 'node:path';

/** The link settings of a build. */
export interface LinkStyle {
  /** Links to folders end in `index.html`. */
  trailingIndex: boolean;
  /** The site's root path on its host (`/`, `/blog/`): links of the 404 page start with it. */
  root: string;
}

/** A site path as a link target: `%`, `#` and `?` in its names escaped, so none reads as a query or fragment. */
export function escapeSitePath(path: string): string {
  return path.replace(/[%#?]/g, (character) => ({ '%': '%25', '#': '%23', '?': '%3F' })[character]!);
}

/** A link target split into its site path (names as they are on disk) and its `?query#fragment`. */
export function splitLinkTarget(target: string): [string, string] {
  const cut = target.search(/[?#]/);
  const [pathname, suffix] = cut < 0 ? [target, ''] : [target.slice(0, cut), target.slice(cut)];
  return [pathname.replace(/%(25|23|3F)/gi, (escape) => decodeURIComponent(escape)), suffix];
}

/** A link target percent-encoded for an `href`. */
export function encodeSitePath(target: string): string {
  const [pathname, suffix] = splitLinkTarget(target);
  return encodePathname(pathname) + suffix;
}

/** A site path (names as on disk) percent-encoded for an `href`. */
function encodePathname(pathname: string): string {
  return pathname.split('/').map((segment) => encodeURI(segment).replace(/[?#]/g, encodeURIComponent)).join('/');
}

/** `folder/` → `folder/index.html` when the style wants it. */
function withIndex(pathname: string, style: LinkStyle): string {
  return style.trailingIndex && (pathname === '' || pathname.endsWith('/')) ? `${pathname}index.html` : pathname;
}

/** A relative link from the page written at `fromFile` (`2019/09/12/a/index.html`) to the link target `to`. */
export function relativeLink(fromFile: string, to: string, style: LinkStyle): string {
  const [pathname, suffix] = splitLinkTarget(to);
  const target = withIndex(pathname, style);
  const fromFolder = posix.dirname(fromFile) === '.' ? '' : posix.dirname(fromFile);
  let link = posix.relative(fromFolder || '.', target || '.');
  if (target.endsWith('/') || target === '') link = link === '' ? './' : `${link}/`;
  return encodePathname(link) + suffix;
}

/** A link from the site's root path (`/blog/tags/x/`): for the 404 page, which is served at any address. */
export function rootLink(to: string, style: LinkStyle): string {
  const [pathname, suffix] = splitLinkTarget(to);
  return style.root + encodePathname(withIndex(pathname, style)) + suffix;
}

/** The absolute URL of a link target on the deployed site (`url` + path), for feeds, the sitemap and `canonical`. */
export function absoluteUrl(siteUrl: string, to: string): string {
  const base = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  return base + encodeSitePath(to);
}
