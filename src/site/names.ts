/**
 * Names in the output folder — a post's folder, a tag's or category's page — made from
 * what authors write (file names, tag names), so that every name is a valid, bounded path
 * segment and no two sources share one without a word:
 *
 * - a slug (github-slugger's, as heading ids are) capped at {@link MAX_NAME_BYTES} bytes of
 *   UTF-8, cut at a character boundary and given a hash of the whole slug, so a 253-byte
 *   file name whose slug grows (`İ` → `i̇`) or a 300-byte tag is still a name; a slug that
 *   is empty (`..`, `/`, `🔥`) becomes `tag-<hash>` (`post-<hash>` …);
 * - sources whose slugs collide (`a b.md` and `a-b.md`; tags `C++`, `C#` and `C`): one
 *   keeps the plain name — the one that had it in the previous build, else the one that is
 *   its own slug, else the first in order — and each other gets the name plus a hash of its
 *   own text, which does not depend on what else is in the site. A new post or tag never
 *   takes a name from an existing one. Each collision is a warning naming both sources.
 */
import { slug } from 'github-slugger';
import { hashKey } from '../cache/disk-cache.js';
import { cutToBytes } from '../limits/bytes.js';

/** Longest name, in bytes of UTF-8 (a path segment may have 255; the rest is margin). */
export const MAX_NAME_BYTES = 200;

export { cutToBytes };

/** A short hash of `text` (8 hex digits). */
function shortHash(text: string): string {
  return hashKey('mlpost-name', text).slice(0, 8);
}

/** The slug of `text`, at most {@link MAX_NAME_BYTES} bytes; `fallback-<hash>` when it has none. */
export function nameOf(text: string, fallback: string): string {
  const slugged = slug(text);
  if (slugged === '' || /^[-_]*$/.test(slugged)) return `${fallback}-${shortHash(text)}`;
  if (Buffer.byteLength(slugged) <= MAX_NAME_BYTES) return slugged;
  return `${cutToBytes(slugged, MAX_NAME_BYTES - 9).replace(/-+$/, '')}-${shortHash(slugged)}`;
}

/** One source of a name: what it is called in messages, and the text its name comes from. */
export interface NameSource {
  /** How messages show it: a post's path, a tag's name. */
  shown: string;
  /** The text the name is made from: a file's base name, a tag. */
  text: string;
}

/** A collision: the name, the source that keeps it, the one that got another name. */
export interface NameCollision {
  name: string;
  kept: NameSource;
  moved: NameSource;
  movedTo: string;
}

/**
 * Names for `sources` (in their order), none shared, none in `reserved`. `previous` gives
 * the name the source at an index had in the previous build.
 */
export function assignNames(
  sources: readonly NameSource[],
  options: { fallback: string; reserved?: ReadonlySet<string>; previous?: (index: number) => string | undefined },
): { names: string[]; collisions: NameCollision[] } {
  const reserved = options.reserved ?? new Set<string>();
  const bases = sources.map((source) => nameOf(source.text, options.fallback));
  const claimants = new Map<string, number[]>();
  bases.forEach((base, index) => {
    const list = claimants.get(base);
    if (list) list.push(index);
    else claimants.set(base, [index]);
  });
  const names: string[] = new Array<string>(sources.length);
  const collisions: NameCollision[] = [];
  const taken = new Set<string>(reserved);
  for (const [base, indices] of claimants) {
    const owner = reserved.has(base)
      ? undefined
      : (indices.find((index) => options.previous?.(index) === base) ?? indices.find((index) => sources[index]!.text === base) ?? indices[0]);
    if (owner !== undefined) {
      names[owner] = base;
      taken.add(base);
    }
  }
  for (const [base, indices] of claimants) {
    for (const index of indices) {
      if (names[index] !== undefined) continue;
      let name = `${cutToBytes(base, MAX_NAME_BYTES - 9)}-${shortHash(sources[index]!.text)}`;
      for (let counter = 2; taken.has(name); counter++) name = `${cutToBytes(base, MAX_NAME_BYTES - 12)}-${shortHash(sources[index]!.text)}-${counter}`;
      taken.add(name);
      names[index] = name;
      const keeper = indices.find((other) => names[other] === base);
      const kept = keeper !== undefined ? sources[keeper]! : { shown: `mlpost's own \`${base}\``, text: base };
      collisions.push({ name: base, kept, moved: sources[index]!, movedTo: name });
    }
  }
  return { names, collisions };
}

/**
 * The page name of a tag or category, from its text alone (so a post's page can link to
 * it without knowing the rest of the site): its slug when the slug says the same (it
 * differs only in case and spaces: `Machine Learning` → `machine-learning`), else the slug
 * and a hash of the text (`C++` → `c-…`, `C#` → `c-…`, while `C` keeps `c`); `tag-<hash>`
 * when it has no slug (`..`, `🔥`). Texts that differ only in case or spaces share a page.
 */
export function listPageName(text: string, fallback: 'tag' | 'category'): string {
  const name = nameOf(text, fallback);
  // No slug at all: `nameOf` already gave `tag-<hash of the text>`.
  if (name === `${fallback}-${shortHash(text)}`) return name;
  const faithful = text.trim().toLowerCase().replace(/\s+/g, '-') === name;
  return faithful ? name : `${cutToBytes(name, MAX_NAME_BYTES - 9).replace(/-+$/, '') || fallback}-${shortHash(text)}`;
}
