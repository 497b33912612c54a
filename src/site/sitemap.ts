/**
 * `sitemap.xml` (sitemaps.org 0.9): the home page, every published post and every page,
 * with its last change. Written by hand rather than with the `sitemap` package: the format
 * is four elements, and that package needs a newer Node than mlpost supports.
 */
import { isoDate } from './date-format.js';
import { absoluteUrl } from './links.js';

/** One URL of the sitemap. */
export interface SitemapEntry {
  path: string;
  /** Milliseconds since the epoch, if known. */
  modified: number | undefined;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The sitemap of `entries` on the site at `siteUrl`. */
export function renderSitemap(siteUrl: string, entries: readonly SitemapEntry[]): string {
  const urls = entries.map((entry) => {
    const modified = entry.modified === undefined ? '' : `<lastmod>${isoDate(entry.modified, 'UTC')}</lastmod>`;
    return `  <url><loc>${escapeXml(absoluteUrl(siteUrl, entry.path))}</loc>${modified}</url>\n`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('')}</urlset>\n`;
}
