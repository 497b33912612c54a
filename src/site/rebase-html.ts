/**
 * Rewriting the URLs of rendered HTML for where it is shown. A post's body is written
 * relative to its own page; shown on its page, in a list, or in a feed, each link must
 * still name what the author meant:
 *
 * - relative URLs (`figure.svg`, `../other/`) are resolved against the post's folder;
 * - root-absolute URLs (`/images/x.png`) are the site's files: rebased onto `root`;
 * - fragments (`#more`) stay as they are on the post's own page;
 * - URLs with a scheme (`https:`, `mailto:`) and `//host` URLs are left alone.
 *
 * The HTML is the pipeline's serialisation (hast-util-to-html): attribute values are
 * double-quoted, text never holds a raw `<`, so URLs are found in tags only, never in text,
 * comments, scripts or styles.
 */
import { escapeSitePath } from './links.js';

/** Attributes holding one URL. */
const URL_ATTRIBUTE = /(\s(?:href|src|poster|data))="([^"]*)"/g;
/** A start tag (quoted values may hold `>`), a comment, or a script/style element with its contents. */
const PIECE = /<!--[\s\S]*?-->|<(script|style)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?<\/\1\s*>|<[a-zA-Z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/** Where the HTML was written and how to link from where it is shown. */
export interface RebaseOptions {
  /** Site path of the folder the HTML's relative URLs are relative to (`2019/09/12/a/`). */
  base: string;
  /** The site's root path (`/`, `/blog/`), for root-absolute URLs. */
  root: string;
  /** Whether the HTML is shown on its own page (fragments stay as they are). */
  ownPage: boolean;
  /** The URL to write for a link target (a site path with its `?query#fragment`, `links.ts`). */
  link: (target: string) => string;
}

function decodeHtml(value: string): string {
  return value.replace(/&#x([0-9a-f]+);|&#(\d+);|&(amp|quot|lt|gt);/gi, (whole, hex?: string, decimal?: string, name?: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (decimal) return String.fromCodePoint(Number(decimal));
    return { amp: '&', quot: '"', lt: '<', gt: '>' }[name!.toLowerCase() as 'amp'] ?? whole;
  });
}

function encodeHtml(value: string): string {
  return value.replace(/&/g, '&#x26;').replace(/"/g, '&#x22;');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The link target (`links.ts`) an URL names, or `undefined` when it is not one of the site's (or is a fragment on its own page). */
export function sitePathOf(url: string, options: Pick<RebaseOptions, 'base' | 'root' | 'ownPage'>): string | undefined {
  const value = url.trim();
  if (value === '' || /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) return undefined;
  if (/^[?#]/.test(value) && options.ownPage) return undefined;
  // The query and fragment stay as written; only the path is resolved.
  const cut = value.search(/[?#]/);
  const [written, suffix] = cut < 0 ? [value, ''] : [value.slice(0, cut), value.slice(cut)];
  let resolved: URL;
  try {
    const base = written.startsWith('/') ? 'https://site.invalid/' : `https://site.invalid/${options.base.split('/').map(encodeURIComponent).join('/')}`;
    const path = written.startsWith('/') ? (written.startsWith(options.root) ? written.slice(options.root.length) : written.slice(1)) : written;
    resolved = new URL(path, base);
  } catch {
    return undefined;
  }
  return resolved.pathname.slice(1).split('/').map((segment) => escapeSitePath(safeDecode(segment))).join('/') + suffix;
}

/** `html` with every site URL rewritten by `options.link`. */
export function rebaseHtml(html: string, options: RebaseOptions): string {
  return html.replace(PIECE, (piece, rawText?: string) => {
    if (rawText !== undefined || piece.startsWith('<!--')) return piece;
    return piece.replace(URL_ATTRIBUTE, (whole, attribute: string, value: string) => {
      const path = sitePathOf(decodeHtml(value), options);
      return path === undefined ? whole : `${attribute}="${encodeHtml(options.link(path))}"`;
    });
  });
}
