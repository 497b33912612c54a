/**
 * Names in the output folder made from what authors write (file names, tags, categories):
 * every path segment a page is written under is valid and bounded, and no two sources
 * share a page without a word.
 *
 * - {@link safeSegment}: characters no file system takes in a name (control characters,
 *   `\`, `:`) become `-`, and a segment longer than {@link MAX_NAME_BYTES} bytes of UTF-8
 *   is cut at a character boundary and given a hash of the whole, so a 253-byte file name
 *   whose slug grows (`İ` → `i̇`) or a 300-byte tag is still a name;
 * - {@link listPageSegment}: a tag's or category's page name, from its text alone (a post's
 *   page links to its tags without knowing the rest of the site): Hexo's slug when it says
 *   the same as the text (`Machine Learning` → `Machine-Learning`, as Hexo writes it), else
 *   the slug and a hash of the text, so `C++`, `C#` and `C` get three pages; `_<hash>` when
 *   the text has no slug (`..`, `/`, `🔥`);
 * - {@link collisionSuffix}: what a post whose URL another post has gets — a hash of its
 *   own path, which does not depend on what else is in the site (the plan decides who
 *   keeps a URL: the post that had it in the previous build, else the first in order).
 */
import { hashKey } from '../cache/disk-cache.js';
import { cutToBytes } from '../limits/bytes.js';

/** Longest name, in bytes of UTF-8 (a path segment may have 255; the rest is margin). */
export const MAX_NAME_BYTES = 200;

/** A short hash of `text` (8 hex digits). */
export function shortHash(text: string): string {
  return hashKey('mlpost-name', text).slice(0, 8);
}

/** Characters a path segment may not hold (any system) besides `/`. */
const UNSAFE = /[\u0000-\u001f\u007f\\:]/g;

/** `segment` as a file name: unsafe characters replaced, at most {@link MAX_NAME_BYTES} bytes. */
export function safeSegment(segment: string): string {
  const safe = segment.replace(UNSAFE, '-');
  if (Buffer.byteLength(safe) <= MAX_NAME_BYTES) return safe;
  return `${cutToBytes(safe, MAX_NAME_BYTES - 9).replace(/-+$/, '')}-${shortHash(segment)}`;
}

/** Every segment of a site path (`2019/09/12/title/`, `about.html`) made safe. */
export function safeSitePath(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment === '' || segment === '.' || segment === '..' ? segment : safeSegment(segment)))
    .join('/');
}

/**
 * The page name of a tag or category `text` whose slug is `slug` (Hexo's, with
 * `filename_case` as `transform`): the slug when it says the same as the text (it differs
 * only in spaces, and in case as `transform` asks), else the slug and a hash of the text;
 * `_<hash>` when there is no slug.
 */
export function listPageSegment(text: string, slug: string, transform: 0 | 1 | 2 = 0): string {
  if (slug === '' || /^[-_]*$/.test(slug)) return `_${shortHash(text)}`;
  const spaced = text.trim().replace(/\s+/g, '-');
  const faithful = slug === (transform === 1 ? spaced.toLowerCase() : transform === 2 ? spaced.toUpperCase() : spaced);
  return safeSegment(faithful ? slug : `${slug}-${shortHash(text)}`);
}

/** The suffix that moves a post off a URL another post keeps: `-<hash of its own path>`. */
export function collisionSuffix(rel: string): string {
  return `-${shortHash(rel)}`;
}
