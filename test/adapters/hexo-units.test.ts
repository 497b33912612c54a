/**
 * The Hexo adapter's pure parts: the `mlpost:` section of `_config.yml`, the line map
 * through Hexo's placeholders, and the content stylesheet for each dark mode.
 */
import { describe, expect, it } from 'vitest';
import { optionsFromConfig, readHexoConfig } from '../../src/adapters/hexo/index.js';
import { placeholderLines } from '../../src/adapters/hexo/source-places.js';
import { contentStylesheet } from '../../src/adapters/styles.js';

describe('the mlpost section of _config.yml', () => {
  it('is optional, and maps to the adapter options', () => {
    expect(readHexoConfig(undefined)).toEqual({ ok: true, config: {} });
    const read = readHexoConfig({ number_sections: true, math: { macros: { '\\R': '\\mathbb{R}' } }, cells: { cache: false, concurrency: 2 }, highlight: 'mlpost', dark_mode: '[data-theme="dark"]', cache_dir: false });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(optionsFromConfig(read.config)).toEqual({
      numberSections: true,
      math: { macros: { '\\R': '\\mathbb{R}' } },
      cacheDir: false,
      cells: { noCache: true, concurrency: 2 },
      highlighter: 'mlpost',
      darkMode: { selector: '[data-theme="dark"]' },
    });
  });

  it('names each wrong key and value, with a suggestion for a misspelt key', () => {
    const read = readHexoConfig({ sanitize: 'yes', higlight: 'mlpost', highlight: 'prism', cells: { concurrency: 1.5, cach: true }, math: { macros: { R: 1 } } });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toContain('mlpost.sanitize: expected true or false, got "yes"');
    expect(read.problems).toContain('mlpost.highlight: expected hexo or mlpost, got "prism"');
    expect(read.problems.find((problem) => problem.startsWith('mlpost.higlight:'))).toMatch(/^mlpost\.higlight: unknown option \(did you mean highlight\?\); known: number_sections, /);
    expect(read.problems.find((problem) => problem.startsWith('mlpost.cells.cach:'))).toMatch(/did you mean cache\?/);
    expect(read.problems.some((problem) => problem.startsWith('mlpost.cells.concurrency:'))).toBe(true);
    expect(read.problems.some((problem) => problem.startsWith('mlpost.math.macros.R:'))).toBe(true);
  });

  it('passes math.markdown_escapes on as math.markdownEscapes', () => {
    const read = readHexoConfig({ math: { markdown_escapes: true } });
    expect(read.ok && optionsFromConfig(read.config).math).toEqual({ markdownEscapes: true });
    const wrong = readHexoConfig({ math: { markdown_escapes: 'yes' } });
    expect(!wrong.ok && wrong.problems).toContain('mlpost.math.markdown_escapes: expected true or false, got "yes"');
  });
});

describe('lines through Hexo placeholders', () => {
  const original = 'a\n{% quote %}\nq1\nq2\n{% endquote %}\nb\n<!--\nc\n-->\nd\n';
  const rendered = 'a\n<!--swig\uFFFC0-->\nb\n<!--comment\uFFFC1-->\nd\n';

  it("maps each line of the rendered text to the author's line", () => {
    const lineOf = placeholderLines(original, rendered);
    expect([1, 2, 3, 4, 5].map(lineOf)).toEqual([1, 2, 6, 7, 10]);
  });

  it('is the identity without placeholders', () => {
    expect(placeholderLines('x\ny\n', 'x\ny\n')(2)).toBe(2);
  });
});

describe('the content stylesheet', () => {
  it('puts the dark colours under the theme\'s condition, or leaves them out', () => {
    expect(contentStylesheet({ dark: 'none', highlight: false })).not.toContain('#3a424c');
    expect(contentStylesheet({ dark: 'media', highlight: false })).toMatch(/@media \(prefers-color-scheme: dark\) \{\n {2}:root \{\n[^}]*--mlpost-graph-fill: #3a424c;/);
    expect(contentStylesheet({ dark: { selector: '.dark' }, highlight: false })).toMatch(/\n\.dark \{\n[^}]*--mlpost-graph-fill: #3a424c;/);
  });

  it('styles no page-wide element: only mlpost\'s, KaTeX\'s and GFM\'s classes', () => {
    const css = contentStylesheet({ dark: 'media', highlight: true }).replace(/\/\*[\s\S]*?\*\//g, '');
    const selectors = [...css.matchAll(/(?:^|\})\s*([^{}@]+)\{/g)].flatMap((match) => match[1]!.split(',').map((selector) => selector.trim()));
    for (const selector of selectors) {
      expect(selector, selector).toMatch(/^:root$|\.dark|mlpost|katex|hljs|contains-task-list|task-list-item|footnotes|img\.(center|float-right)/);
    }
  });
});
