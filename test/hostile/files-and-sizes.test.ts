/**
 * Files that are not Markdown text (binary, invalid UTF-8, a folder), a 10 MB post and
 * input nested thousands deep: a located error or a rendered page, in bounded time, and
 * never an exception (the unified utilities recurse once per level: without the limits in
 * src/limits/ these overflowed the stack).
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, formatReadFailure, readPostFile } from '../../src/site/read-post.js';
import { renderPost } from '../../src/pipeline/render-post.js';
import { MAX_BRACKET_DEPTH, MAX_SOURCE_DEPTH } from '../../src/limits/source.js';
import { MAX_HTML_DEPTH, MAX_MARKDOWN_DEPTH } from '../../src/limits/tree.js';
import { repoRoot } from '../helpers.js';
import { diagnostics, hostilePath } from './helpers.js';

describe('reading a post', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlpost-hostile-read-'));

  it('invalid UTF-8: error at the line and column of the first bad byte', () => {
    const read = readPostFile(join(repoRoot, hostilePath('invalid-utf8.md')));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    // Line 4 is `中文 café…` with é as the Latin-1 byte 0xe9: column 7 (characters, not bytes).
    expect(formatReadFailure(hostilePath('invalid-utf8.md'), read)).toBe(
      'fixtures/hostile/invalid-utf8.md:4:7: error: is not valid UTF-8 text: byte 0xe9 at offset 27 (e9 20 61 75) is not part of a UTF-8 character [read-encoding]',
    );
  });

  it('binary (NUL bytes), a folder, a missing file: errors at 1:1', () => {
    writeFileSync(join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    mkdirSync(join(dir, 'folder.md'));
    const failure = (name: string) => {
      const read = readPostFile(join(dir, name));
      return read.ok ? 'ok' : formatReadFailure(name, read);
    };
    expect(failure('image.md')).toBe('image.md:1:1: error: looks like a binary file (it contains NUL bytes), not Markdown [read-binary]');
    expect(failure('folder.md')).toBe('folder.md:1:1: error: is a folder, not a Markdown file [read-folder]');
    expect(failure('nothing.md')).toBe('nothing.md:1:1: error: no such file [read-failed]');
  });

  it('finds the first invalid byte the way the WHATWG decoder rejects it', () => {
    const cases: Array<[number[], number]> = [
      [[0x61, 0x62], 2], // valid: the length
      [[0x61, 0xc0, 0x80], 1], // overlong NUL
      [[0xe0, 0x80, 0x80], 0], // overlong
      [[0xed, 0xa0, 0x80], 0], // surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // past U+10FFFF
      [[0xe4, 0xb8], 0], // truncated at the end
      [[0xe4, 0xb8, 0xad, 0xff], 3],
    ];
    for (const [bytes, offset] of cases) expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(offset);
  });

  it('a UTF-8 byte order mark is not part of the text', () => {
    writeFileSync(join(dir, 'bom.md'), '\uFEFF# Title\n');
    expect(readPostFile(join(dir, 'bom.md'))).toEqual({ ok: true, text: '# Title\n' });
  });
});

describe('size and depth', () => {
  // 10 MB of code (a pasted data dump) around ordinary paragraphs. Measured on the 2-core
  // shared machine: about 2 s. (10 MB of dense Markdown takes ~40 s: linear, see below.)
  it('a 10 MB post renders in bounded time', { timeout: 30_000 }, async () => {
    const row = '0.1234, 0.5678, 0.9012, 0.3456, 0.7890, 0.2345, 0.6789\n';
    const text = `---\ntitle: Big\n---\n\nBefore the dump.\n\n\`\`\`\n${row.repeat(Math.ceil(10_000_000 / row.length))}\`\`\`\n\nAfter the dump.\n`;
    expect(text.length).toBeGreaterThan(10_000_000);
    const started = performance.now();
    const post = await renderPost(text, { path: 'big.md' });
    const seconds = (performance.now() - started) / 1000;
    expect(post.messages).toEqual([]);
    expect(post.html).toContain('<p>After the dump.</p>');
    expect(seconds).toBeLessThan(25);
  });

  // Parsing was quadratic in the number of lists and quotes (micromark's EditMap, see
  // src/parse/micromark-fixes/): 4× the text must cost about 4× the time, not 16×.
  it('dense Markdown renders in linear time', { timeout: 40_000 }, async () => {
    const block = 'Some *text* with `code` and $x^2$.\n\n> a quote\n\n- item one\n- item two\n\n';
    const time = async (bytes: number) => {
      const text = block.repeat(Math.ceil(bytes / block.length));
      const runs: number[] = [];
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        await renderPost(text, { path: 'dense.md' });
        runs.push(performance.now() - started);
      }
      return runs.sort((a, b) => a - b)[1]!;
    };
    const small = await time(25_000);
    const large = await time(100_000);
    expect(large / small).toBeLessThan(8);
  });

  /** Median of three renders of `text`, in milliseconds. */
  const medianRender = async (text: string) => {
    const runs: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      await renderPost(text, { path: 'long.md' });
      runs.push(performance.now() - started);
    }
    return runs.sort((a, b) => a - b)[1]!;
  };

  // micromark scanned the whole paragraph again for each lazy line (see
  // src/parse/micromark-fixes/document.ts): a `>` line and 20 000 lazy lines took 25 s.
  it('lazy continuation lines parse in linear time', { timeout: 60_000 }, async () => {
    const lazy = (lines: number) => `> quote\n${'lazy line\n'.repeat(lines)}\nTHE-END\n`;
    const post = await renderPost(lazy(20_000), { path: 'lazy.md' });
    expect(post.messages).toEqual([]);
    expect(post.html).toMatch(/^<blockquote>\n<p>quote\nlazy line\n/);
    const small = await medianRender(lazy(5000));
    const large = await medianRender(lazy(20_000));
    expect(large / small).toBeLessThan(8);
    expect(large).toBeLessThan(10_000);
  });

  // Line i is indented 2i columns: the text grows with the square of the depth, and the
  // parse grew with its cube (47 s at 1 000 deep). Past MAX_SOURCE_DEPTH the markers are text.
  it('lists nested one per line, 1000 deep: a located error, and time linear in the text', { timeout: 90_000 }, async () => {
    const nested = (depth: number) => `${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n\nTHE-END\n`;
    const post = await renderPost(nested(1000), { path: 'nested.md' });
    // A list level is two tree levels (list, item): the tree limit cuts at line 51; the
    // line indented 400 columns is the first past the source limit.
    expect(diagnostics(post)).toEqual([
      ['51:101', 'error', 'nesting-too-deep'],
      [`${MAX_SOURCE_DEPTH + 1}:${2 * MAX_SOURCE_DEPTH + 1}`, 'error', 'nesting-too-deep'],
    ]);
    expect(post.messages[1]!.reason).toBe(`a line is nested more than ${MAX_SOURCE_DEPTH} quotes or lists deep (counting its indentation): the deeper markers are text`);
    expect(post.html).toContain('<p>THE-END</p>');
    const small = await medianRender(nested(500));
    const large = await medianRender(nested(1000));
    expect(large / small).toBeLessThan(8);
    expect(large).toBeLessThan(20_000);
  });

  // Each opening tag scanned ahead for its end: 20 000 unclosed `{% blockquote %}` took 4 s,
  // 10 000 nested `{% pullquote %}` 27 s and 2.2 GB before they crashed.
  it('thousands of Hexo block tags, unclosed or nested: located errors in linear time', { timeout: 60_000 }, async () => {
    const unclosed = (count: number) => `${'{% blockquote %}\n\n'.repeat(count)}THE-END\n`;
    const nested = (count: number) => `${'{% pullquote %}\n'.repeat(count)}x\n${'{% endpullquote %}\n'.repeat(count)}\nTHE-END\n`;
    const post = await renderPost(nested(10_000), { path: 'tags.md' });
    expect(diagnostics(post)).toEqual([['101:1', 'error', 'nesting-too-deep']]);
    expect(post.html).toContain('<p>THE-END</p>');
    expect((await renderPost(unclosed(3), { path: 'tags.md' })).messages.map((message) => message.ruleId)).toEqual(['hexo-tag-unclosed', 'hexo-tag-unclosed', 'hexo-tag-unclosed']);
    expect((await medianRender(unclosed(20_000))) / (await medianRender(unclosed(5000)))).toBeLessThan(8);
    expect((await medianRender(nested(8000))) / (await medianRender(nested(2000)))).toBeLessThan(8);
  });

  const deep: Array<[string, (depth: number) => string]> = [
    ['quotes', (depth) => `${'> '.repeat(depth)}deep\n`],
    ['quotes and lists on one line', (depth) => `${'- > '.repeat(depth)}deep\n`],
    ['nested lists, one per line', (depth) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n') + '\n'],
    ['emphasis', (depth) => `${'*'.repeat(depth)}deep${'*'.repeat(depth)}\n`],
    ['raw HTML in one block', (depth) => `${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}\n`],
    ['raw HTML inline', (depth) => `x ${'<span>'.repeat(depth)}deep${'</span>'.repeat(depth)}\n`],
    ['{% raw %} HTML', (depth) => `{% raw %}\n${'<b>'.repeat(depth)}deep\n{% endraw %}\n`],
    ['images', (depth) => `${'!['.repeat(depth)}deep${'](a.png)'.repeat(depth)}\n`],
    ['links', (depth) => `${'['.repeat(depth)}deep${'](x.html)'.repeat(depth)}\n`],
  ];
  for (const [name, make] of deep) {
    it(`${name}, 5000 deep: a located error, the rest of the page renders`, { timeout: 30_000 }, async () => {
      const depth = name === 'nested lists, one per line' ? 300 : 5000;
      const post = await renderPost(`Before.\n\n${make(depth)}\nTHE-END\n`, { path: 'deep.md' });
      expect(post.html).toContain('<p>THE-END</p>');
      expect(diagnostics(post).every(([, severity, rule]) => severity === 'error' && rule === 'nesting-too-deep')).toBe(true);
      expect(post.messages.length).toBeGreaterThan(0);
      expect(post.messages.every((message) => message.line !== undefined && message.line >= 3)).toBe(true);
    });
  }

  it('images nested past the bracket limit: the error is at the first bracket cut, code keeps its brackets', async () => {
    const post = await renderPost(`${'!['.repeat(MAX_BRACKET_DEPTH + 2)}x${'](a.png)'.repeat(MAX_BRACKET_DEPTH + 2)}\n\n\`\`\`\n${'['.repeat(100)}\n\`\`\`\n`, { path: 'deep.md' });
    expect(diagnostics(post)).toEqual([[`1:${2 * MAX_BRACKET_DEPTH + 2}`, 'error', 'nesting-too-deep']]);
    expect(post.html).toContain(`<pre><code>${'['.repeat(100)}\n</code></pre>`);
    // 32 nested images, as written; the deeper ones are text inside the innermost alt.
    expect(post.html.match(/<img /g)?.length).toBe(1);
    expect((await renderPost(`${'!['.repeat(MAX_BRACKET_DEPTH)}x${'](a.png)'.repeat(MAX_BRACKET_DEPTH)}\n`)).messages).toEqual([]);
  });

  it('brackets in math, code and separate list items are not nesting', async () => {
    const post = await renderPost(Array.from({ length: 40 }, () => '- $x_{i} \\in [0, 1)$ and `a[i` and [b').join('\n'));
    expect(post.messages.filter((message) => message.ruleId === 'nesting-too-deep')).toEqual([]);
    expect(post.html).not.toContain('\\[');
  });

  it('nesting spread over lines, indented or after a fake fence is still cut', async () => {
    for (const markdown of ['![\n'.repeat(300) + 'x\n' + '](u)\n'.repeat(300), `a\n    ${'!['.repeat(300)}x`, `\`\`\` a\`b\n${'['.repeat(300)}x`]) {
      const post = await renderPost(markdown, { path: 'deep.md' });
      expect(diagnostics(post).map(([, , rule]) => rule)).toContain('nesting-too-deep');
    }
  });

  it('nesting up to the limits is kept as written', async () => {
    const quotes = await renderPost(`${'> '.repeat(MAX_MARKDOWN_DEPTH - 1)}deep\n`);
    expect(quotes.messages).toEqual([]);
    expect(quotes.html.split('<blockquote>').length - 1).toBe(MAX_MARKDOWN_DEPTH - 1);
    const html = await renderPost(`${'<div>'.repeat(MAX_HTML_DEPTH)}deep${'</div>'.repeat(MAX_HTML_DEPTH)}\n`);
    expect(html.messages).toEqual([]);
    expect(html.html.split('<div>').length - 1).toBe(MAX_HTML_DEPTH);
  });

  it('the cut part is shown as the author\'s text, escaped', async () => {
    const post = await renderPost(`${'<i>'.repeat(MAX_HTML_DEPTH + 1)}<script>x</script>\n`);
    expect(post.html).toContain('&#x3C;i>');
    expect(post.html).not.toContain('<script>');
    // The 101st `<i>` and the `<script>` opened at that depth: two pieces, one message.
    expect(post.messages.map((message) => message.reason)).toEqual([`raw HTML nested deeper than ${MAX_HTML_DEPTH} elements: shown as text (and 1 more pieces)`]);
  });
});
