/**
 * The Hexo adapter's pure parts: the `mlpost:` section of `_config.yml`, the line map
 * through Hexo's placeholders, the swig guard and the tag bodies Hexo's tag functions get,
 * a post's math across the pieces Hexo renders it in, and the content stylesheet for each
 * dark mode.
 */
import fc from 'fast-check';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { optionsFromConfig, readHexoConfig } from '../../src/adapters/hexo/index.js';
import type { HexoLike } from '../../src/adapters/hexo/hexo-api.js';
import { hexoTagLookup, restoreTagBodies } from '../../src/adapters/hexo/hexo-tags.js';
import { mathReader, pieceMathContext, placeholderSpans, postMathContext, readMathTimeline } from '../../src/adapters/hexo/math-session.js';
import { placeholderLines } from '../../src/adapters/hexo/source-places.js';
import { guardLiterals, restoreLiterals } from '../../src/adapters/hexo/swig-guard.js';
import { contentStylesheet } from '../../src/adapters/styles.js';
import { mlpost, remarkMlpost } from '../../src/pipeline/index.js';

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

describe("the swig guard (what Hexo's tag pass may not read)", () => {
  const parser = unified().use(remarkParse).use(remarkMlpost, { frontMatter: false }).freeze();
  const hexoKnows = (...names: string[]) => (name: string) => names.includes(name) || names.includes(name.replace(/^end/, ''));
  const S = '\uFDD0';

  it('leaves the body of a text tag Hexo renders as written: `${HOME}` in a codeblock is not math, nor hexo-math\'s TeX', () => {
    const codeblock = '{% codeblock lang:bash %}\necho "${HOME}/${USER}"\nconst s = `${x}`;\n{% endcodeblock %}\n';
    expect(guardLiterals(codeblock, parser, hexoKnows('codeblock'))).toBe(codeblock);
    const mathjax = 'Then {% mathjax %}\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}{% endmathjax %}\n\n{% mathjax %}\nx_{{i}}\n{% endmathjax %}\n';
    expect(guardLiterals(mathjax, parser, hexoKnows('mathjax'))).toBe(mathjax);
  });

  it('hides the tags Hexo has no function for (mlpost renders them), the TeX of such a mathjax tag, and math everywhere else', () => {
    const post = 'A {% cb done %} box.\n\n{% fold Title %}\nbody $a_{{i}}$\n{% endfold %}\n\n{% mathjax %}x_{{i}}{% endmathjax %}\n\n{% note %}\n`{{y}}` {% cb %}\n{% endnote %}\n\n{% endstray %}\n';
    expect(guardLiterals(post, parser, hexoKnows('note'))).toBe(
      `A ${S}% cb done %} box.\n\n${S}% fold Title %}\nbody $a_${S}${S}i}}$\n${S}% endfold %}\n\n${S}% mathjax %}x_${S}${S}i}}${S}% endmathjax %}\n\n{% note %}\n\`${S}${S}y}}\` ${S}% cb %}\n{% endnote %}\n\n${S}% endstray %}\n`,
    );
  });

  it("leaves Nunjucks' own statements and whitespace control to Hexo", () => {
    const post = '{% raw %}{{ x }}{% endraw %}\n\n{%- if a %}b{% endif -%}\n';
    const noTags = { extend: { tag: { env: { hasExtension: () => false } } } } as unknown as HexoLike;
    expect(guardLiterals(post, parser, hexoTagLookup(noTags))).toBe(post);
  });

  it('changes nothing that restoreLiterals does not give back, whatever the text', () => {
    const pieces = ['{% codeblock %}', '{% endcodeblock %}', '{% note %}', '{% endnote %}', '{% cb %}', '{% mathjax %}', '{% endmathjax %}', '$', '$$', '`', '```', '\n', '\n\n', ' ', '{', '}', '{{', '<!--', '-->', 'x', '\\begin{aligned}', '\\end{aligned}', '%}', '- '];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(restoreLiterals(guardLiterals(text, parser, hexoKnows('codeblock', 'note')))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('tags Hexo knows, and the bodies their functions get', () => {
  const extension = { fn: (args: unknown, body: unknown) => `${(args as string[]).join(',')}|${String(body)}` };
  const hexo = { extend: { tag: { env: { hasExtension: (name: string) => name === 'note', extensionsList: [extension] } } } } as unknown as HexoLike;

  it("knows registered tags, their ends and Nunjucks' statements; not the others", () => {
    const knows = hexoTagLookup(hexo);
    expect(['note', 'endnote', 'if', 'endif', 'raw', 'endraw', 'for'].every(knows)).toBe(true);
    expect(['cb', 'endcb', 'fold', 'notes'].some(knows)).toBe(false);
  });

  it('gives each tag function its arguments and body with the sentinels undone, once', () => {
    restoreTagBodies(hexo);
    restoreTagBodies(hexo);
    expect(extension.fn(['a\uFDD0'], 'x_\uFDD0\uFDD0i}} \uFDD1!-- c -->')).toBe('a{|x_{{i}} <!-- c -->');
  });
});

describe("a post's math across the pieces Hexo renders it in", () => {
  const body = [
    'Let $\\newcommand{\\RR}{\\mathbb{R}} x \\in \\RR$.',
    '',
    '$$ a \\label{one} $$',
    '',
    '{% note %}',
    '$$ b \\label{two} $$ after \\eqref{one}, before \\eqref{three}, $y \\in \\RR$',
    '{% endnote %}',
    '',
    '$$ c \\label{three} $$ and \\eqref{two}.',
    '',
  ].join('\n');
  const noteStart = body.indexOf('{% note %}');
  const noteEnd = body.indexOf('{% endnote %}') + '{% endnote %}'.length;
  const rendered = `${body.slice(0, noteStart)}<!--swig\uFFFC0-->${body.slice(noteEnd)}`;
  const timeline = readMathTimeline(body, mathReader({}), (name) => name === 'note');
  const noteBody = body.slice(body.indexOf('$$ b'), body.indexOf('\n{% endnote'));

  it("finds each placeholder's tag in the body as written", () => {
    expect(placeholderSpans(body, rendered)).toEqual([{ comment: 'swig\uFFFC0', start: noteStart, end: noteEnd }]);
  });

  it('gives the post the numbers, definitions and labels of the note where it stands, and the note those around it', () => {
    const post = postMathContext(timeline, placeholderSpans(body, rendered));
    expect(post?.pieces).toEqual(new Map([['swig\uFFFC0', { numbers: 1, definitions: [] }]]));
    expect(post?.labels).toEqual(new Map([['two', { id: 'eq-two', number: '2' }]]));
    const note = pieceMathContext(timeline, body.indexOf(noteBody), body.indexOf(noteBody) + noteBody.length);
    expect(note).toEqual({
      numbersBefore: 1,
      definitionsBefore: ['\\newcommand{\\RR}{\\mathbb{R}}'],
      labels: new Map([['one', { id: 'eq-one', number: '1' }], ['three', { id: 'eq-three', number: '3' }]]),
    });
  });

  it('renders the pieces as one document: numbers 1, 2, 3, references across, the macro inside the note', () => {
    const processor = unified().use(mlpost({ frontMatter: false }));
    const render = (text: string, context: ReturnType<typeof pieceMathContext> | undefined) => {
      const file = new VFile({ value: text });
      if (context) file.data.mathContext = context;
      return { html: String(processor.processSync(file)), messages: file.messages.map(String) };
    };
    const post = render(rendered, postMathContext(timeline, placeholderSpans(body, rendered)));
    const note = render(noteBody, pieceMathContext(timeline, body.indexOf(noteBody), body.indexOf(noteBody) + noteBody.length));
    const tags = (html: string) => [...html.matchAll(/x-tex">\s*(\w) \\tag\{(\d)\}/g)].map((match) => match[1]! + match[2]!);
    expect(tags(post.html)).toEqual(['a1', 'c3']);
    expect(tags(note.html)).toEqual(['b2']);
    expect(post.html).toContain('<a class="mlpost-eqref" href="#eq-two">(2)</a>');
    expect(note.html).toContain('<a class="mlpost-eqref" href="#eq-one">(1)</a>');
    expect(note.html).toContain('<a class="mlpost-eqref" href="#eq-three">(3)</a>');
    expect(note.html).toContain('<span class="mord mathbb">R</span>');
    expect([...post.messages, ...note.messages]).toEqual([]);
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
