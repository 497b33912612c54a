/** Names in the output folder (src/site/names.ts): valid, bounded, never shared silently. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashKey } from '../../src/cache/disk-cache.js';
import { cutToBytes } from '../../src/limits/bytes.js';
import { collisionSuffix, listPageSegment, MAX_NAME_BYTES, safeSegment, safeSitePath } from '../../src/site/names.js';
import { slugize } from '../../src/site/hexo/slugize.js';

const hash = (text: string) => hashKey('mlpost-name', text).slice(0, 8);
const tagSegment = (text: string) => listPageSegment(text, slugize(text));

/** Names authors write: ASCII, CJK, emoji, combining marks, case-changing letters, punctuation, control characters, long runs. */
const authorName = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('C++', 'C#', 'C', '..', '/', '🔥', 'İstanbul', 'Machine Learning', '中文 标签', 'a b', 'a-b', 'ﬁ', 'e\u0301', 'a:b', 'x\u001b[2Jy'),
  fc.array(fc.constantFrom('İ', 'ü', '中', '😀', 'a', ' ', '-', 'e\u0301', 'ß'), { minLength: 100, maxLength: 200 }).map((parts) => parts.join('')),
);

describe('names', () => {
  it('cut text to bytes between characters as a reader sees them', () => {
    expect(cutToBytes('aé中😀', 6)).toBe('aé中');
    expect(cutToBytes('aé中😀', 5)).toBe('aé');
    expect(cutToBytes('e\u0301e\u0301', 4)).toBe('e\u0301');
    expect(cutToBytes('abc', 10)).toBe('abc');
  });

  it('every segment is at most MAX_NAME_BYTES bytes, without control characters, \\ or :', () => {
    fc.assert(
      fc.property(authorName, (text) => {
        for (const name of [safeSegment(text), tagSegment(text)]) {
          expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
          expect(name).not.toMatch(/[\\:\u0000-\u001f\u007f]/);
        }
        expect(tagSegment(text).length).toBeGreaterThan(0);
      }),
      { numRuns: 500, seed: 7 },
    );
    const long = 'İ'.repeat(126);
    expect(safeSegment(long)).toBe(`${cutToBytes(long, MAX_NAME_BYTES - 9)}-${hash(long)}`);
    expect(safeSitePath('2019/09/a:b\u001b/')).toBe('2019/09/a-b-/');
  });

  it('tag pages: Hexo’s slug when it says the same as the tag, else slug and hash, so different tags never share a page', () => {
    expect(['C++', 'C#', 'C'].map(tagSegment)).toEqual([`C-${hash('C++')}`, `C-${hash('C#')}`, 'C']);
    // Hexo keeps an emoji as its slug: a page of its own all the same.
    expect(['..', '/', '🔥'].map(tagSegment)).toEqual([`_${hash('..')}`, `_${hash('/')}`, '🔥']);
    expect(tagSegment('Machine Learning')).toBe('Machine-Learning');
    fc.assert(
      fc.property(authorName, authorName, (a, b) => {
        const same = a.trim().replace(/\s+/g, '-') === b.trim().replace(/\s+/g, '-');
        if (!same) expect(tagSegment(a)).not.toBe(tagSegment(b));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('a moved post’s suffix depends on its own path only', () => {
    expect(collisionSuffix('posts/a b.md')).toBe(`-${hash('posts/a b.md')}`);
  });
});
