/** Names in the output folder (src/site/names.ts): bounded, never shared silently, stable. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashKey } from '../../src/cache/disk-cache.js';
import { assignNames, cutToBytes, listPageName, MAX_NAME_BYTES, nameOf } from '../../src/site/names.js';

const hash = (text: string) => hashKey('mlpost-name', text).slice(0, 8);

/** Names authors write: ASCII, CJK, emoji, combining marks, case-changing letters, punctuation, long runs. */
const authorName = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('C++', 'C#', 'C', '..', '/', '🔥', 'İstanbul', 'Machine Learning', 'machine-learning', '中文 标签', 'a b', 'a-b', 'ﬁ', 'e\u0301'),
  fc.array(fc.constantFrom('İ', 'ü', '中', '😀', 'a', ' ', '-', 'e\u0301', 'ß'), { minLength: 100, maxLength: 200 }).map((parts) => parts.join('')),
);

describe('names', () => {
  it('cut text to bytes between characters as a reader sees them', () => {
    expect(cutToBytes('aé中😀', 6)).toBe('aé中');
    expect(cutToBytes('aé中😀', 5)).toBe('aé');
    expect(cutToBytes('e\u0301e\u0301', 4)).toBe('e\u0301');
    expect(cutToBytes('abc', 10)).toBe('abc');
  });

  it('every name is a non-empty slug of at most MAX_NAME_BYTES bytes, without / . or control characters', () => {
    fc.assert(
      fc.property(authorName, (text) => {
        for (const name of [nameOf(text, 'post'), listPageName(text, 'tag')]) {
          expect(name.length).toBeGreaterThan(0);
          expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
          expect(name).not.toMatch(/[/\\.\u0000-\u001f]/);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('tag pages: different tags never share a page unless they differ only in case and spaces', () => {
    expect(['C++', 'C#', 'C'].map((tag) => listPageName(tag, 'tag'))).toEqual([`c-${hash('C++')}`, `c-${hash('C#')}`, 'c']);
    expect(['..', '/', '🔥'].map((tag) => listPageName(tag, 'tag'))).toEqual([`tag-${hash('..')}`, `tag-${hash('/')}`, `tag-${hash('🔥')}`]);
    expect(listPageName('Machine Learning', 'tag')).toBe(listPageName('machine-learning', 'tag'));
    fc.assert(
      fc.property(authorName, authorName, (a, b) => {
        const same = a.trim().toLowerCase().replace(/\s+/g, '-') === b.trim().toLowerCase().replace(/\s+/g, '-');
        if (!same) expect(listPageName(a, 'tag')).not.toBe(listPageName(b, 'tag'));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('colliding posts: the previous owner keeps the name, else the one that is its own slug, else the first; the others get a hash of their own text', () => {
    const sources = [{ shown: 'posts/a b.md', text: 'a b' }, { shown: 'posts/a-b.md', text: 'a-b' }];
    const fresh = assignNames(sources, { fallback: 'post' });
    expect(fresh.names).toEqual([`a-b-${hash('a b')}`, 'a-b']);
    expect(fresh.collisions).toEqual([{ name: 'a-b', kept: sources[1], moved: sources[0], movedTo: `a-b-${hash('a b')}` }]);
    const stable = assignNames(sources, { fallback: 'post', previous: (index) => (index === 0 ? 'a-b' : undefined) });
    expect(stable.names).toEqual(['a-b', `a-b-${hash('a-b')}`]);
    expect(assignNames([{ shown: 'posts/tags.md', text: 'tags' }], { fallback: 'post', reserved: new Set(['tags']) }).names).toEqual([`tags-${hash('tags')}`]);
  });

  it('names are unique whatever the sources, and adding a source never renames another one that had its name before', () => {
    fc.assert(
      fc.property(fc.uniqueArray(authorName, { maxLength: 12 }), authorName, (texts, added) => {
        const sources = texts.map((text, index) => ({ shown: `p${index}`, text }));
        const before = assignNames(sources, { fallback: 'post' }).names;
        expect(new Set(before).size).toBe(before.length);
        const after = assignNames([...sources, { shown: 'new', text: added }], { fallback: 'post', previous: (index) => before[index] }).names;
        expect(new Set(after).size).toBe(after.length);
        expect(after.slice(0, before.length)).toEqual(before);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
