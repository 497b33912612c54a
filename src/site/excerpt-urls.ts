/**
 * An excerpt is written relative to its post's page; shown on a list page, its relative
 * links and images must point where they did (`#more`, `../other-post/`, `figure.svg`).
 *
 * Only the `href` and `src` attributes of start tags are rewritten: the excerpt is HTML
 * serialised by mlpost, where a `<` in text is always written `&#x3C;`, so every `<` that
 * starts a tag is a tag. (Rewriting every `href="…"` in the string edited code text such
 * as `` `<a href="page.html">` `` as well.)
 */

/** A start tag with its attributes (quoted values may hold `>`). */
const START_TAG = /<[A-Za-z][^\s/>]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;
const URL_ATTRIBUTE = /(\s)(href|src)="([^"]*)"/gi;

/**
 * `html` (an excerpt of the post at `postUrl`, a folder from the site root) with its
 * relative URLs rebased for a page `root` away from the site root.
 */
export function rebaseExcerptUrls(html: string, postUrl: string, root: string): string {
  return html.replace(START_TAG, (tag) =>
    tag.replace(URL_ATTRIBUTE, (whole, space: string, attribute: string, value: string) => {
      if (value === '' || /^([a-z][a-z0-9+.-]*:|\/\/|\/)/i.test(value)) return whole;
      const resolved = new URL(value.replace(/&#x26;|&amp;/g, '&'), `https://site.invalid/${postUrl}`);
      const path = `${resolved.pathname.slice(1)}${resolved.search}${resolved.hash}`;
      return `${space}${attribute}="${`${root}${path}`.replace(/&/g, '&#x26;').replace(/"/g, '&#x22;')}"`;
    }),
  );
}
