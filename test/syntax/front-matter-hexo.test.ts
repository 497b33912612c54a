/**
 * Front matter and dates as Hexo 8 reads them, checked against Hexo's own code: the
 * split against hexo-front-matter's `split`, the dates against hexo-front-matter's `parse`
 * followed by Hexo's `toDate` and `adjustDateForTimezone` (hexo/dist/plugins/processor/).
 * The deliberate differences are tested as such.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { renderPost } from '../../src/index.js';
import { splitFrontMatter } from '../../src/syntax/front-matter-split.js';
import { readFrontMatterBlock } from '../../src/syntax/front-matter.js';
import { parsePostDate } from '../../src/syntax/date.js';

const require = createRequire(import.meta.url);
const hexoFrontMatter = require('hexo-front-matter') as {
  split(text: string): { data?: string; content: string; separator?: string; prefixSeparator?: boolean };
  parse(text: string): Record<string, unknown>;
};
const hexoCommon = require('hexo/dist/plugins/processor/common.js') as {
  toDate(date: unknown): Date | undefined;
  adjustDateForTimezone(date: Date, timezone: string): Date;
};

/** The instant Hexo 8 gives `date` in a post with this front matter, for a site in `timezone`. */
function hexoDate(frontMatter: string, timezone: string): number | undefined {
  const data = hexoFrontMatter.parse(`${frontMatter}\n---\nbody\n`);
  const date = hexoCommon.toDate(data.date);
  return date ? hexoCommon.adjustDateForTimezone(date, timezone).getTime() : undefined;
}

describe('splitting front matter as hexo-front-matter does', () => {
  const agree = (source: string) => {
    const ours = splitFrontMatter(source);
    const hexo = hexoFrontMatter.split(source);
    expect(ours.frontMatter?.data).toBe(hexo.data);
    expect(ours.frontMatter?.prefixSeparator).toBe(hexo.prefixSeparator);
    expect(ours.frontMatter?.kind).toBe(hexo.separator === undefined ? undefined : hexo.separator.startsWith(';') ? 'json' : 'yaml');
    // The body is the same text, the front matter blanked in place (lines and offsets kept).
    expect(ours.body.length).toBe(source.length);
    expect(ours.body.slice(source.length - hexo.content.length)).toBe(hexo.content);
    expect(ours.body.slice(0, source.length - hexo.content.length).trim()).toBe('');
  };

  it('with and without the leading ---, ;;; JSON, longer separators, no front matter', () => {
    agree('---\ntitle: a\ndate: 2021/06/22\n---\nbody\n');
    agree('title: 在markdown里如何写数学公式\ntags: [math]\ncategory: ML\ndate: 2017-03-02 11:16:16\n---\n\n最近\n');
    agree(';;;\n"title": "JSON",\n"date": "2022/8/19"\n;;;\nbody\n');
    agree('"title": "JSON new style"\n;;;\nbody\n');
    agree('-----\ntitle: long\n-----\nbody\n');
    agree('no front matter at all\n');
    agree('---\nthis starts with a rule and never closes\n');
  });

  // Values start with a letter or digit: a preamble that is not a YAML mapping is the
  // deliberate difference tested below.
  it('property: any mapping in either form splits as Hexo splits it', () => {
    const key = fc.stringMatching(/^[a-z][a-z_]{0,8}$/);
    const value = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,./]{0,11}$/).map((text) => text.trim());
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, value), { minLength: 1, maxLength: 5, selector: ([name]) => name }), fc.boolean(), fc.stringMatching(/^[a-z \n#*-]{0,40}$/), (pairs, prefixed, body) => {
        const data = pairs.map(([name, text]) => `${name}: ${text}`).join('\n');
        agree(prefixed ? `---\n${data}\n---\n${body}` : `${data}\n---\n${body}`);
      }),
      { numRuns: 200 },
    );
  });

  it('differs on purpose: prose before a --- rule is not front matter (Hexo fails the post on it)', () => {
    const source = '# A post without front matter\n\nSome text.\n---\nMore text.\n';
    expect(hexoFrontMatter.split(source).data).toBe('# A post without front matter\n\nSome text.');
    expect(splitFrontMatter(source)).toEqual({ frontMatter: undefined, body: source });
  });
});

describe('dates as Hexo reads them (toDate + adjustDateForTimezone)', () => {
  const savedTz = process.env.TZ;
  // Hexo's result must not depend on the machine: run it on a machine far from the site.
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    process.env.TZ = savedTz;
  });

  const forms = ['2021/06/22', '2022/8/19', '2022/8/19 9:05', '2021-6-22', '2019-09-12 13:52:48', '2020-09-13', '2021-06-22 10:30', 'June 22, 2021', '2021.06.22', '2019-09-12T13:52:48'];
  for (const timezone of ['Asia/Shanghai', 'UTC', 'Europe/Berlin']) {
    it(`wall-clock forms in ${timezone}`, () => {
      for (const form of forms) {
        const hexo = hexoDate(`date: ${form}`, timezone);
        expect(parsePostDate(form, timezone)?.time, `${form} in ${timezone}`).toBe(hexo);
      }
    });
  }

  it('the wall clock is kept for display', () => {
    expect(parsePostDate('2022/8/19 9:05', 'Asia/Shanghai')).toEqual({ day: '2022-08-19', iso: '2022-08-19T09:05:00+08:00', time: Date.UTC(2022, 7, 19, 1, 5) });
    expect(parsePostDate('2001-12-14 21:59:43.10 -5', 'UTC')?.iso).toBe('2001-12-14T21:59:43-05:00');
  });

  it('differs on purpose: an explicit offset is that instant (Hexo reads its UTC wall clock as site time)', () => {
    const ours = parsePostDate('2021-06-22T10:00:00+08:00', 'Asia/Shanghai')!;
    expect(ours.time).toBe(Date.UTC(2021, 5, 22, 2, 0));
    expect(hexoDate('date: 2021-06-22T10:00:00+08:00', 'Asia/Shanghai')).toBe(Date.UTC(2021, 5, 21, 18, 0));
  });

  it('stricter on purpose: impossible days are errors (Hexo rolls 2019-02-30 over to March)', () => {
    expect(parsePostDate('2019-02-30', 'UTC')).toBeUndefined();
    expect(parsePostDate('2021/02/30', 'UTC')).toBeUndefined();
    expect(hexoDate('date: 2021/02/30', 'UTC')).toBe(Date.UTC(2021, 2, 2));
    expect(parsePostDate('yesterday', 'UTC')).toBeUndefined();
    expect(parsePostDate('20210622', 'UTC')).toBeUndefined();
  });
});

describe('renderPost with Hexo front matter', () => {
  it('no leading ---: the data is front matter, not text; lines keep their numbers', async () => {
    const post = await renderPost('title: 在markdown里如何写数学公式\ntags: [math]\ndate: 2022/8/19\nupdated: 2022/8/20 10:00\n---\n\ntext $\\frac{1}$\n', { path: 'p.md', timezone: 'Asia/Shanghai' });
    expect(post.data.title).toBe('在markdown里如何写数学公式');
    expect(post.data.tags).toEqual(['math']);
    expect(post.data.date?.iso).toBe('2022-08-19T00:00:00+08:00');
    expect(post.data.updated?.iso).toBe('2022-08-20T10:00:00+08:00');
    expect(post.html.startsWith('<p>text ')).toBe(true);
    expect(post.messages.map((message) => [message.line, message.ruleId])).toEqual([[7, 'math-katex']]);
  });

  it(';;; JSON front matter, with and without the opening line', async () => {
    const post = await renderPost(';;;\n"title": "JSON post",\n"date": "2021/06/22",\n"tags": ["a", "b"]\n;;;\nbody\n', { path: 'p.md' });
    expect([post.data.title, post.data.date?.day, post.data.tags, post.html]).toEqual(['JSON post', '2021-06-22', ['a', 'b'], '<p>body</p>']);
    const bare = await renderPost('"title": "bare"\n;;;\nbody\n', { path: 'p.md' });
    expect([bare.data.title, bare.html]).toEqual(['bare', '<p>body</p>']);
  });

  it('bad JSON or YAML is an error at its line and column', async () => {
    const post = await renderPost(';;;\n"title": "x",\n"date" "2021"\n;;;\nbody\n', { path: 'p.md' });
    expect(post.messages.map((message) => [message.line, message.ruleId])).toEqual([[3, 'front-matter-yaml']]);
    expect(post.messages[0]?.reason).toMatch(/^front matter is not valid JSON: /);
    expect(post.html).toBe('<p>body</p>');
  });

  it('tab-indented YAML is read as Hexo escapes it (a tab is two spaces)', () => {
    const file = new VFile();
    const data = readFrontMatterBlock({ kind: 'yaml', data: 'title: t\ncategories:\n\t- a\n\t- b', line: 2, prefixSeparator: true }, file);
    expect([data.categories, file.messages]).toEqual([['a', 'b'], []]);
  });

  it('a --- rule under prose is a rule, not front matter', async () => {
    const post = await renderPost('Intro paragraph.\n\n---\n\nAfter the rule.\n', { path: 'p.md' });
    expect(post.html).toBe('<p>Intro paragraph.</p>\n<hr>\n<p>After the rule.</p>');
    expect(post.data.title).toBeUndefined();
  });
});
