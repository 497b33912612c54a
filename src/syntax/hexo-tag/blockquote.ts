/**
 * The footer of Hexo's `{% blockquote %}` (identical in Hexo 3.9 and 8): the arguments are
 * re-joined with single spaces and the first matching rule wins (DESIGN.md):
 *
 * 1. `(\S.*)\s+(https?://\S+)\s+(.+)` → author, link, link title
 * 2. `(\S.*)\s+(https?://\S+)` → author, link (text = the URL without scheme and trailing `/`)
 * 3. `([^,]+),\s*([^,]+)` → author, source title
 * 4. otherwise → the whole string is the author
 */

export interface BlockquoteFooter {
  author: string | undefined;
  link: string | undefined;
  title: string | undefined;
}

const FULL_CITE = /(\S.*)\s+(https?:\/\/\S+)\s+(.+)/i;
const AUTHOR_LINK = /(\S.*)\s+(https?:\/\/\S+)/i;
const AUTHOR_TITLE = /([^,]+),\s*([^,]+)/;

/** Apply Hexo's footer grammar to a blockquote's arguments. */
export function parseBlockquoteFooter(args: readonly string[]): BlockquoteFooter | undefined {
  const text = args.join(' ');
  if (text === '') return undefined;
  let match = FULL_CITE.exec(text);
  if (match) return { author: match[1], link: match[2], title: match[3] };
  match = AUTHOR_LINK.exec(text);
  if (match) return { author: match[1], link: match[2], title: linkText(match[2]!) };
  match = AUTHOR_TITLE.exec(text);
  if (match) return { author: match[1], link: undefined, title: match[2] };
  return { author: text, link: undefined, title: undefined };
}

/** Hexo's text for a bare link: no scheme, no trailing `/` or `/index.html`. */
export function linkText(url: string): string {
  return url.replace(/^https?:\/\/|\/(index.html?)?$/g, '');
}
