/** Hexo's slugs and permalink tokens, unit by unit (the whole rule set is compared with Hexo in hexo-compat.test.ts). */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { slugize } from '../../src/site/hexo/slugize.js';
import { permalinkOf, outputFileOf, type PermalinkPost } from '../../src/site/hexo/permalink.js';
import { categoryPaths, tagNames } from '../../src/site/hexo/categories.js';

const hexoUtil = createRequire(import.meta.url)('hexo-util') as { slugize(text: string, options?: { transform?: number }): string };

describe('slugize', () => {
  it('is hexo-util\'s slugize (property, on text with punctuation, diacritics, CJK and controls)', () => {
    const alphabet = fc.constantFrom(...'aZ9 -_.,:/\\?#!~`"\'()[]{}<>|+=&%$@^*\t\n\u0000\u001fÀéÆßøŁđ中文한글ﬁ…—'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }).map((chars) => chars.join('')), fc.constantFrom(0, 1, 2), (text, transform) => {
        expect(slugize(text, transform as 0 | 1 | 2)).toBe(hexoUtil.slugize(text, { transform }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('permalinkOf', () => {
  const post: PermalinkPost = { slug: 'notes/My Post', title: 'My Post: Part 2', date: Date.UTC(2019, 8, 12, 5, 52, 48), categories: [['Machine Learning', 'RNN']], permalink: undefined, fields: {} };
  const settings = { rule: '', timezone: 'Asia/Shanghai', default_category: 'uncategorized', post_asset_folder: false };
  const path = (rule: string, changes: Partial<PermalinkPost> = {}, more: Partial<typeof settings> = {}) => permalinkOf({ ...post, ...changes }, { ...settings, ...more, rule });

  it('fills every token of Hexo\'s in the site\'s time zone', () => {
    expect(path(':year/:month/:day/:title/').path).toBe('2019/09/12/notes/My Post/');
    expect(path(':year/:i_month/:i_day/:hour:minute:second/:name.html').path).toBe('2019/9/12/135248/My Post.html');
    expect(path(':post_title/').path).toBe('my-post-part-2/');
    expect(path(':category/:name/').path).toBe('Machine-Learning/RNN/My Post/');
    expect(path(':category/:name/', { categories: [] }).path).toBe('uncategorized/My Post/');
    expect(path(':timestamp/').path).toBe(String(Date.UTC(2019, 8, 12, 5, 52, 48) / 1000) + '/');
    expect(path(':hash/').path).toMatch(/^[0-9a-f]{12}\/$/);
    // The day in the site's zone, not UTC: 23:30 UTC on the 11th is the 12th in Shanghai.
    expect(path(':year/:month/:day/', { date: Date.UTC(2019, 8, 11, 23, 30) }).path).toBe('2019/09/12/');
  });

  it('writes a folder\'s index.html, or the file the rule names', () => {
    expect(path(':title/').file).toBe('notes/My Post/index.html');
    expect(path(':title.html').file).toBe('notes/My Post.html');
    expect(path(':title').file).toBe('notes/My Post');
    // Hexo adds the slash when posts have asset folders.
    expect(path(':title', {}, { post_asset_folder: true }).file).toBe('notes/My Post/index.html');
    // A `?` is part of a name (`q?mark.md`), not a query as Hexo's router has it.
    expect(outputFileOf('/a/q?mark/')).toBe('a/q?mark/index.html');
  });

  it('takes the front matter\'s own permalink, and other front-matter fields as tokens', () => {
    expect(path(':title/', { permalink: '/reading-list/' }).path).toBe('reading-list/');
    expect(path(':lang/:name/', { fields: { lang: 'zh-CN' } }).path).toBe('zh-CN/My Post/');
    expect(path(':id/', { fields: { id: '42' } }).path).toBe('42/');
  });

  it('says what it could not fill, and never leaves the site', () => {
    expect(path(':id/').problems).toEqual(['the permalink uses `:id` but the post has no `id:` in its front matter; its slug is used']);
    expect(path(':nothing/:name/').problems).toEqual(['the permalink token `:nothing` names nothing this post has; left empty']);
    const outside = path(':title/', { permalink: '../../etc/' });
    expect(outside.path).toBe('notes/My Post/');
    expect(outside.problems[0]).toMatch(/does not name a path inside the site/);
    expect(path(':up/:name/', { fields: { up: '..' } })).toMatchObject({ path: 'notes/My Post/', problems: [expect.stringMatching(/leaves the site/)] });
    // Hexo's router reads `\` as `/`.
    expect(path(':title/', { permalink: 'a\\..\\..\\x/' }).path).toBe('notes/My Post/');
  });
});

describe('categories and tags in front matter, as Hexo reads them', () => {
  it('a list is one path, a list of lists several, a name a path of one', () => {
    expect(categoryPaths(['Diary', 'Life'])).toEqual([['Diary', 'Life']]);
    expect(categoryPaths([['Diary', 'Life'], ['Diary', 'Work'], 'Notes'])).toEqual([['Diary', 'Life'], ['Diary', 'Work'], ['Notes']]);
    expect(categoryPaths('Notes')).toEqual([['Notes']]);
    expect(categoryPaths([2019, '', null])).toEqual([['2019']]);
    expect(categoryPaths(undefined)).toEqual([]);
    expect(tagNames(['a', ['b', 'a'], 3, ''])).toEqual(['a', 'b', '3']);
  });
});
