import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Code, Root } from 'mdast';
import { VFile } from 'vfile';
import { remarkCodeAttributes } from '../../src/syntax/pandoc/index.js';
import { fixture } from '../helpers.js';
import { html, render } from './pandoc-pipeline.js';

/** The code nodes after the plugin, as `lang` and `hProperties`. */
function codeNodes(markdown: string): Array<{ lang: string | null | undefined; meta: string | null | undefined; properties: unknown }> {
  const processor = unified().use(remarkParse).use(remarkCodeAttributes);
  const file = new VFile(markdown);
  const tree = processor.runSync(processor.parse(file), file) as Root;
  return tree.children
    .filter((node): node is Code => node.type === 'code')
    .map((node) => ({ lang: node.lang, meta: node.meta, properties: (node.data as { hProperties?: unknown } | undefined)?.hProperties }));
}

describe('code fence attributes', () => {
  it('reads the language, options, id and attributes of a pandoc fence', () => {
    expect(codeNodes('```{.python .numberLines #listing startFrom="3"}\nx\n```')).toEqual([
      { lang: 'python', meta: null, properties: { id: 'listing', className: ['language-python', 'numberLines'], dataStartFrom: '3' } },
    ]);
  });

  it('takes the first class that is not an option as the language', () => {
    expect(codeNodes('```{.numberLines .Python}\nx\n```')[0]).toMatchObject({ lang: 'python', properties: { className: ['language-python', 'numberLines'] } });
    expect(codeNodes('``` python {.numberLines}\nx\n```')[0]).toMatchObject({ lang: 'python', properties: { className: ['language-python', 'numberLines'] } });
    expect(codeNodes('```{.numberLines}\nx\n```')[0]).toMatchObject({ lang: null, properties: { className: ['numberLines'] } });
  });

  it('leaves graph, cell and math fences to their plugins', () => {
    for (const info of ['{.graph .center caption="x"}', '{.center .graph}', 'dot', 'graphviz', 'hmm', 'rnn', 'math', '{.hmm}']) {
      const [node] = codeNodes('```' + info + '\nx\n```');
      expect(node!.properties, info).toBeUndefined();
    }
  });

  it('highlights and numbers lines from startFrom with a CSS counter', () => {
    expect(html('```{.python .numberLines startFrom="5"}\nif x:\n    pass\n```')).toBe(
      '<pre><code class="language-python numberLines mlpost-numbered" data-start-from="5" style="counter-reset:mlpost-line 4">' +
        '<span class="line"><span class="hljs-keyword">if</span> x:</span>\n' +
        '<span class="line">    <span class="hljs-keyword">pass</span></span>\n' +
        '</code></pre>',
    );
  });

  it('warns at the column of the corpus malformed quote and renders the fence anyway', () => {
    const { html: out, messages } = render('> ```{.yaml .numberLines startFrom="1}\n> a: 1\n> ```');
    expect(out).toBe(
      '<blockquote>\n<pre><code class="language-yaml numberLines mlpost-numbered" data-start-from="1">' +
        '<span class="line"><span class="hljs-attr">a:</span> <span class="hljs-number">1</span></span>\n</code></pre>\n</blockquote>',
    );
    expect(messages).toEqual([
      {
        place: '1:36',
        severity: 'warning',
        ruleId: 'fence-attribute-unterminated',
        reason: 'the value of `startFrom` opens a quote (") that is never closed; it is read up to the end of the attributes',
      },
    ]);
  });

  it('warns about a startFrom that is not a number and counts from 1', () => {
    const { html: out, messages } = render('```{.c .numberLines startFrom=x}\nint a;\n```');
    expect(out).toBe('<pre><code class="language-c numberLines mlpost-numbered" data-start-from="x"><span class="line"><span class="hljs-type">int</span> a;</span>\n</code></pre>');
    expect(messages).toEqual([expect.objectContaining({ place: '1:21', ruleId: 'code-start-from' })]);
  });

  it('places problems at the right column with tildes, indentation and extra spaces', () => {
    const { messages } = render('  ~~~~   {.c  #a #b}\n  x\n  ~~~~');
    expect(messages).toEqual([expect.objectContaining({ place: '1:18', ruleId: 'fence-attribute-duplicate' })]);
  });

  it('keeps the graphviz.md fences: the malformed quote at its column, three numbered listings', () => {
    const { html: out, messages } = render(fixture('pandoc/graphviz-code-fences.md'));
    expect(messages.filter((message) => message.severity !== 'info')).toEqual([expect.objectContaining({ place: '13:34', ruleId: 'fence-attribute-unterminated' })]);
    expect(out.match(/<code class="language-(\w+) numberLines mlpost-numbered" data-start-from="1">/g)).toEqual([
      '<code class="language-yaml numberLines mlpost-numbered" data-start-from="1">',
      '<code class="language-python numberLines mlpost-numbered" data-start-from="1">',
      '<code class="language-perl numberLines mlpost-numbered" data-start-from="1">',
    ]);
    // Every source line of the three fences is one numbered line: 11 + 114 + 104, less the
    // yaml's leading blank line, which rehype-raw drops (a newline first in <pre><code>).
    expect(out.match(/<span class="line">/g)).toHaveLength(10 + 114 + 104);
  });
});
