/**
 * Theme and plugin tags as the themes define them (NexT `scripts/tags/*.js`, Butterfly
 * `scripts/tag/*.js`, Fluid `scripts/tags/*.js`, hexo-math, the spoiler plugins), written
 * with their real argument forms, rendered to semantic HTML: exact output, diagnostics at
 * the tag's line, unknown arguments and tags handled gracefully.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import { renderPost, type RenderedPost } from '../../src/index.js';
import { buttonParts, displayArgument, noteStyle } from '../../src/syntax/hexo-tag/handlers/theme/index.js';

async function render(markdown: string, sanitize = false): Promise<RenderedPost> {
  return renderPost(markdown, { path: 'post.md', sanitize });
}

async function html(markdown: string): Promise<string> {
  return (await render(markdown)).html;
}

/** KaTeX output replaced by `[display:TeX]` / `[inline:TeX]`, so math assertions stay readable. */
function mathAsTex(page: string): string {
  const tree = fromHtml(page, { fragment: true });
  const replace = (parent: Root | Element): void => {
    parent.children = parent.children.map((child) => {
      if (child.type !== 'element') return child;
      const classes = Array.isArray(child.properties.className) ? child.properties.className : [];
      const kind = classes.includes('katex-display') ? 'display' : classes.includes('katex') ? 'inline' : undefined;
      if (kind === undefined) {
        replace(child);
        return child;
      }
      let tex = '';
      visit(child, 'element', (node: Element) => {
        if (node.tagName === 'annotation') tex = toText(node, { whitespace: 'pre' });
      });
      return { type: 'text', value: `[${kind}:${tex}]` };
    }) as typeof parent.children;
  };
  replace(tree);
  return toHtml(tree);
}

function where(post: RenderedPost): Array<[number | undefined, string | undefined]> {
  return post.messages.map((message) => [message.line, message.ruleId]);
}

describe('note (NexT, Butterfly, Fluid)', () => {
  it('NexT kinds and no-icon, as an aside with a role and a label', async () => {
    expect(await html('{% note info no-icon %}\nBody **bold**\n{% endnote %}\n')).toBe(
      '<aside class="mlpost-note mlpost-note-info mlpost-note-no-icon" role="note" aria-label="Info"><p>Body <strong>bold</strong></p></aside>',
    );
    expect(await html('{% note %}\nplain\n{% endnote %}\n')).toBe('<aside class="mlpost-note mlpost-note-default" role="note"><p>plain</p></aside>');
  });

  it('Butterfly colour, icon and style words; Fluid secondary and light; unknown words left out quietly', () => {
    expect(noteStyle(['blue', 'fa-solid fa-circle-info', 'modern'])).toEqual({ kind: 'info', noIcon: false });
    expect(noteStyle(['orange', 'flat'])).toEqual({ kind: 'warning', noIcon: false });
    expect(noteStyle(['secondary'])).toEqual({ kind: 'secondary', noIcon: false });
    expect(noteStyle(['light'])).toEqual({ kind: 'light', noIcon: false });
    expect(noteStyle(['sparkly', 'DANGER'])).toEqual({ kind: 'danger', noIcon: false });
  });

  it('one-line notes written one per line (Hexo expands tags before Markdown): one aside each', async () => {
    const post = await render('{% note default %}default{% endnote %}\n{% note warning %}warning{% endnote %}\n');
    expect(post.html).toBe(
      '<aside class="mlpost-note mlpost-note-default" role="note"><p>default</p></aside>\n<aside class="mlpost-note mlpost-note-warning" role="note" aria-label="Warning"><p>warning</p></aside>',
    );
    expect(post.messages).toEqual([]);
  });

  it('a note inside a sentence stays inline; a note without its end tag is reported at its line', async () => {
    expect(await html('see {% note info %}this{% endnote %} here\n')).toBe(
      '<p>see <span class="mlpost-note mlpost-note-info" role="note" aria-label="Info">this</span> here</p>',
    );
    const post = await render('text\n\n{% note info %}\nbody\n');
    expect(where(post)).toEqual([[3, 'hexo-tag-no-body']]);
    expect(post.html).toContain('<code class="mlpost-tag-error" data-tag="note">{% note info %}</code>');
  });
});

describe('label (NexT/Fluid `class@text`, Butterfly `text color`)', () => {
  it('both grammars, escaped text', async () => {
    expect(await html('a {% label primary@Hi <b> %} b\n')).toBe('<p>a <mark class="mlpost-label mlpost-label-primary">Hi &#x3C;b></mark> b</p>');
    expect(await html('a {% label 重点 red %} b\n')).toBe('<p>a <mark class="mlpost-label mlpost-label-danger">重点</mark> b</p>');
    expect(await html('{% label @plain %}\n')).toBe('<p><mark class="mlpost-label mlpost-label-default">plain</mark></p>');
  });
  it('no text: a warning and the tag shown', async () => {
    const post = await render('x {% label info@ %} y\n');
    expect(where(post)).toEqual([[1, 'hexo-tag-argument']]);
  });
});

describe('fold, folding, hideToggle, hideBlock, spoiler: <details> without script', () => {
  it('Fluid fold with kind and title, and the older title-only form', async () => {
    expect(await html('{% fold info @Proof of (3) %}\nBy induction.\n{% endfold %}\n')).toBe(
      '<details class="mlpost-fold mlpost-fold-info"><summary>Proof of (3)</summary><div class="mlpost-fold-body"><p>By induction.</p></div></details>',
    );
    expect(await html('{% fold Click me %}\nx\n{% endfold %}\n')).toContain('<summary>Click me</summary>');
  });
  it('Butterfly folding with style and title (open, colour), and title alone', async () => {
    expect(await html('{% folding open blue, 推导 %}\nbody\n{% endfolding %}\n')).toBe(
      '<details class="mlpost-fold mlpost-fold-info" open><summary>推导</summary><div class="mlpost-fold-body"><p>body</p></div></details>',
    );
    expect(await html('{% folding 查看代码 %}\nbody\n{% endfolding %}\n')).toContain('<details class="mlpost-fold mlpost-fold-default"><summary>查看代码</summary>');
  });
  it('Butterfly hideToggle and hideBlock (colours not taken), block spoiler', async () => {
    expect(await html('{% hideToggle 显示答案,#ff0000,white %}\n$x$\n{% endhideToggle %}\n')).toMatch(/^<details class="mlpost-fold mlpost-fold-default"><summary>显示答案<\/summary><div class="mlpost-fold-body"><p><span class="katex">/);
    expect(await html('{% hideBlock %}\nsecret\n{% endhideBlock %}\n')).toContain('<summary>Click</summary>');
    expect(await html('{% spoiler Solution %}\nx\n{% endspoiler %}\n')).toContain('<summary>Solution</summary>');
  });
  it('inline spoiler and hideInline: text hidden until hovered or focused', async () => {
    expect(await html('The answer is {% spoiler 42 %}.\n')).toBe('<p>The answer is <span class="mlpost-spoiler" tabindex="0">42</span>.</p>');
    expect(await html('{% hideInline 答案是42,查看答案 %}\n')).toBe('<p><span class="mlpost-spoiler" tabindex="0" title="查看答案">答案是42</span></p>');
  });
});

describe('tabs (NexT/Butterfly): one <details> per tab, the active one open', () => {
  it('captions, icon dropped, active tab from the second argument, Markdown and math inside', async () => {
    const page = await html('{% tabs demo, 2 %}\n<!-- tab Loss@fa-book -->\n$L$ is **convex**\n<!-- endtab -->\n<!-- tab -->\nsecond\n<!-- endtab -->\n{% endtabs %}\n');
    expect(mathAsTex(page)).toBe(
      '<div class="mlpost-tabs" role="group" aria-label="demo">'
        + '<details class="mlpost-tab"><summary>Loss</summary><div class="mlpost-tab-body"><p>[inline:L] is <strong>convex</strong></p></div></details>'
        + '<details class="mlpost-tab" open><summary>demo 2</summary><div class="mlpost-tab-body"><p>second</p></div></details></div>',
    );
  });
  it('first tab open by default; no sections: a warning and the body shown', async () => {
    expect(await html('{% tabs t %}\n<!-- tab A -->\na\n<!-- endtab -->\n<!-- tab B -->\nb\n<!-- endtab -->\n{% endtabs %}\n')).toContain('<details class="mlpost-tab" open><summary>A</summary>');
    const post = await render('{% tabs t %}\njust text\n{% endtabs %}\n');
    expect(where(post)).toEqual([[1, 'hexo-tag-argument']]);
    expect(post.html).toBe('<div class="mlpost-tabs"><p>just text</p></div>');
  });
});

describe('btn / button', () => {
  it('NexT url, text, icon, title; Fluid url, text, title; Butterfly url, text, icon, options', () => {
    expect(buttonParts(['https://x.org', 'Docs', 'fa fa-book', 'Read the docs'])).toEqual({ url: 'https://x.org', text: 'Docs', title: 'Read the docs', options: [] });
    expect(buttonParts(['./', 'text', 'title'])).toEqual({ url: './', text: 'text', title: 'title', options: [] });
    expect(buttonParts(['/about/', 'About', 'fas fa-user', 'blue outline larger'])).toEqual({ url: '/about/', text: 'About', title: '', options: ['blue', 'outline', 'larger'] });
  });
  it('a link styled as a button; no URL: a warning', async () => {
    expect(await html('{% btn ./, text, title %}\n')).toBe('<p><a class="mlpost-button" href="./" title="title">text</a></p>');
    expect(await html('{% btn /a/, A, fas fa-a, center block %}\n')).toBe('<p><a class="mlpost-button mlpost-button-center mlpost-button-block" href="/a/">A</a></p>');
    expect(where(await render('{% button %}\n'))).toEqual([[1, 'hexo-tag-argument']]);
  });
});

describe('centerquote / cq', () => {
  it('a centred blockquote with Markdown body', async () => {
    expect(await html('{% cq %}\n这里我们 *居中*\n{% endcq %}\n')).toBe('<blockquote class="mlpost-centerquote"><p>这里我们 <em>居中</em></p></blockquote>');
    expect(await html('{% centerquote %}x{% endcenterquote %}\n')).toBe('<blockquote class="mlpost-centerquote"><p>x</p></blockquote>');
  });
});

describe('mathjax (hexo-math 4) and math (hexo-math 3)', () => {
  it('inside a line: inline math, the TeX exactly as written (Markdown does not touch it)', async () => {
    const page = mathAsTex(await html('梯度{% mathjax %}\\mathbf{g}_t *a* b_{i}{% endmathjax %}的平方\n'));
    expect(page).toBe('<p>梯度[inline:\\mathbf{g}_t *a* b_{i}]的平方</p>');
  });
  it('on its own lines: display math, with the JSON options argument', async () => {
    const source = "方程式。\n{% mathjax '{\"conversion\":{\"em\":14}}' %}\n\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}\n{% endmathjax %}\n常数\n";
    const post = await render(source);
    expect(post.messages).toEqual([]);
    // Numbered as MathJax with tags: 'ams' numbers align rows (src/math/tex/equation-rows.ts).
    expect(mathAsTex(post.html)).toBe('<p>方程式。</p>\n[display:\\begin{align}\na &#x26;= b\\tag{1} \\\\\nc &#x26;= d\n\\tag{2}\\end{align}]\n<p>常数</p>');
  });
  it('conversion.display from the argument wins; {% math %} is display when it spans lines', async () => {
    expect(displayArgument('\'{"conversion":{"display":true}}\'')).toBe(true);
    expect(displayArgument('\'{"conversion":{"em":14}}\'')).toBeUndefined();
    expect(displayArgument('not json')).toBeUndefined();
    expect(mathAsTex(await html('a {% mathjax \'{"conversion":{"display":true}}\' %}x{% endmathjax %} b\n'))).toBe('<p>a [display:x] b</p>');
    expect(mathAsTex(await html('{% math %}\nz\n{% endmath %}\n'))).toBe('[display:z]');
    expect(mathAsTex(await html('行内 {% math %}\\sqrt{2 + 3}{% endmath %} 公式\n'))).toBe('<p>行内 [inline:\\sqrt{2 + 3}] 公式</p>');
  });
  it('a | in its TeX on a table row stays in the formula (Hexo expands tags before Markdown), positions unmoved', async () => {
    const table = '|policy|value|\n|---|---|\n|{% mathjax %}a_t\\sim \\pi(\\cdot | s_t){% endmathjax %}|x|\n';
    const post = await render(table);
    expect(post.messages).toEqual([]);
    expect(mathAsTex(post.html)).toContain('<td>[inline:a_t\\sim \\pi(\\cdot | s_t)]</td>\n<td>x</td>');
    // In a code span the tag is the author's text, pipe and all (GFM splits the cell there, as marked would).
    const code = await html('|a|b|\n|---|---|\n|`{% mathjax %}x | y{% endmathjax %}`|z|\n');
    expect(code).not.toContain('\uE000');
    const error = await render('|a|\n|---|\n|{% mathjax %}{x | y{% endmathjax %}|\n');
    expect(where(error)).toEqual([[3, 'math-katex']]);
  });
  it('an empty tag is reported; a TeX error is reported at the tag\'s line', async () => {
    expect(where(await render('a {% mathjax %}{% endmathjax %} b\n'))).toEqual([[1, 'hexo-tag-no-body']]);
    const post = await render('x\n\ny {% mathjax %}\\frac{1}{{% endmathjax %} z\n');
    expect(where(post)).toEqual([[3, 'math-katex']]);
  });
});

describe('graceful', () => {
  it('unknown tags stay a warning and a placeholder, also paired inside a line', async () => {
    const post = await render('{% can fetch %}\n\nx {% cb Check, true, false %} y\n');
    expect(where(post)).toEqual([[1, 'hexo-tag-unknown'], [3, 'hexo-tag-unknown']]);
    expect(post.html).toBe('<div class="mlpost-unknown-tag" data-tag="can"><p><code>{% can fetch %}</code></p></div>\n<p>x <code class="mlpost-unknown-tag" data-tag="cb">{% cb Check, true, false %}</code> y</p>');
  });
  it('sanitize keeps the theme tags\' elements and roles', async () => {
    const page = (await render('{% note info %}\nx\n{% endnote %}\n\n{% fold @t %}\ny\n{% endfold %}\n', true)).html;
    expect(page).toContain('<aside class="mlpost-note mlpost-note-info" role="note" aria-label="Info">');
    expect(page).toContain('<details class="mlpost-fold mlpost-fold-default"><summary>t</summary>');
  });
  it('any arguments to a note or fold give a page and never throw (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('note', 'fold', 'folding', 'hideToggle', 'tabs', 'label', 'btn', 'spoiler'), fc.string({ maxLength: 30 }), async (name, args) => {
        const clean = args.replace(/%\}|\{%|\n/g, '');
        const post = await render(`{% ${name} ${clean} %}\nbody\n{% end${name} %}\n`);
        expect(post.messages.every((message) => message.ruleId !== 'render-crashed')).toBe(true);
        expect(post.html.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});
