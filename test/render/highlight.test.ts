import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import type { Element, ElementContent, Root } from 'hast';
import { VFile } from 'vfile';
import { rehypeHighlightCode, splitLines } from '../../src/code/highlight/index.js';

/** Run the plugin on `<pre>` blocks built directly as hast (no HTML parsing in between). */
function highlight(...blocks: Element[]): { html: string; tree: Root; file: VFile } {
  const tree: Root = { type: 'root', children: blocks };
  const file = new VFile();
  rehypeHighlightCode()(tree, file);
  return { html: toHtml(tree), tree, file };
}

function block(code: string, className: string[] = [], extra: Record<string, string> = {}): Element {
  return h('pre', h('code', { className, ...extra }, code));
}

describe('rehypeHighlightCode', () => {
  it('colours tokens with hljs classes', () => {
    expect(highlight(block('x = 1 # one\n', ['language-python'])).html).toBe(
      '<pre><code class="language-python">x = <span class="hljs-number">1</span> <span class="hljs-comment"># one</span>\n</code></pre>',
    );
  });

  it('numbers lines with CSS counters: no numbers in the text, a token across lines split per line', () => {
    const { html, tree } = highlight(block('a = """x\ny"""\n', ['language-python', 'numberLines'], { dataStartFrom: '10' }));
    expect(html).toBe(
      '<pre><code class="language-python numberLines mlpost-numbered" data-start-from="10" style="counter-reset:mlpost-line 9">' +
        '<span class="line">a = <span class="hljs-string">"""x</span></span>\n' +
        '<span class="line"><span class="hljs-string">y"""</span></span>\n</code></pre>',
    );
    expect(toText(tree, { whitespace: 'pre' })).toBe('a = """x\ny"""\n');
  });

  it('numbers plain code too, from 1 without an inline style, and keeps empty lines', () => {
    expect(highlight(block('a\n\nb', ['number-lines'])).html).toBe(
      '<pre><code class="number-lines mlpost-numbered"><span class="line">a</span>\n<span class="line"></span>\n<span class="line">b</span></code></pre>',
    );
  });

  it('shows unknown languages plain with one info message per document', () => {
    const { html, file } = highlight(block('x', ['language-foo']), block('y', ['language-foo']), block('z', ['language-bar']), block('t', ['language-text']));
    expect(html).toBe(
      '<pre><code class="language-foo">x</code></pre><pre><code class="language-foo">y</code></pre><pre><code class="language-bar">z</code></pre><pre><code class="language-text">t</code></pre>',
    );
    expect(file.messages.map((message) => [message.fatal, message.ruleId, message.source, message.reason])).toEqual([
      [undefined, 'code-language-unknown', 'mlpost:highlight', 'no highlighting for `foo`, `bar`: mlpost has no grammar for these languages; the code is shown plain'],
    ]);
  });

  it('resolves aliases and the extra ML languages', () => {
    const samples: Record<string, string> = {
      py: 'def f(): pass', sh: 'echo "$HOME"', yml: 'a: 1', tex: '\\frac{a}{b}', matlab: 'x = 1 % c', julia: 'function f() end', Python: 'import os',
    };
    for (const [language, sample] of Object.entries(samples)) {
      const { html, file } = highlight(block(sample, [`language-${language}`]));
      expect(html, language).toContain('<span class="hljs-');
      expect(file.messages, language).toEqual([]);
    }
  });

  it('leaves math, code with markup and code outside <pre> alone', () => {
    const math = block('x^2', ['language-math', 'math-display']);
    const marked = h('pre', h('code', { className: ['language-python'] }, [h('b', 'def')]));
    const inline = h('p', h('code', { className: ['language-python'] }, 'def f(): pass'));
    const before = toHtml([math, marked, inline]);
    const { html, file } = highlight(math, marked, inline as Element);
    expect(html).toBe(before);
    expect(file.messages).toEqual([]);
  });

  it('is deterministic', () => {
    const make = () => highlight(block('def f(x):\n    return x  # id\n', ['language-python', 'numberLines'])).html;
    expect(make()).toBe(make());
  });

  it('keeps the code text and one line per source line for any input', () => {
    const language = fc.constantFrom('language-python', 'language-c', 'language-yaml', 'language-perl', 'language-foo', undefined);
    const code = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '"', "'", '#', '/', '*', '<', '&', '{', '}', 'def ', '"""', '/*', '*/', '\\'), maxLength: 60 });
    fc.assert(
      fc.property(code, language, fc.boolean(), (text, lang, numbered) => {
        const classes = [...(lang ? [lang] : []), ...(numbered ? ['numberLines'] : [])];
        const { tree } = highlight(block(text, classes));
        const codeElement = (tree.children[0] as Element).children[0] as Element;
        expect(toText(codeElement, { whitespace: 'pre' })).toBe(text);
        if (numbered) {
          const lines = codeElement.children.filter((child): child is Element => child.type === 'element');
          const expected = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
          expect(lines.map((line) => toText(line, { whitespace: 'pre' }))).toEqual(expected);
        }
      }),
      { numRuns: 800 },
    );
  });
});

describe('splitLines', () => {
  it('copies the elements around text that spans lines', () => {
    const nodes: ElementContent[] = [h('span', { className: ['a'] }, ['x\ny', h('b', 'z\n')]), { type: 'text', value: 'w' }];
    expect(splitLines(nodes).map((line) => toHtml(line))).toEqual(['<span class="a">x</span>', '<span class="a">y<b>z</b></span>', 'w']);
  });
});
