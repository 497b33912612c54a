import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import { renderPost } from '../../src/index.js';
import { parseBlockquoteFooter, splitArguments } from '../../src/syntax/hexo-tag/index.js';

async function body(markdown: string) {
  const post = await renderPost(markdown, { path: 'post.md' });
  return post;
}

describe('Hexo blockquote footer grammar (DESIGN.md)', () => {
  // Every rule of the table, in order of precedence.
  const cases: Array<[string, ReturnType<typeof parseBlockquoteFooter>]> = [
    ['wildml http://www.wildml.com/2015/09/rnn/ recurrent-neural-networks-tutorial', { author: 'wildml', link: 'http://www.wildml.com/2015/09/rnn/', title: 'recurrent-neural-networks-tutorial' }],
    ['"高扬" https://book.example.com "白话 深度学习"', { author: '高扬', link: 'https://book.example.com', title: '白话 深度学习' }],
    ['David Levithan http://example.com/x/', { author: 'David Levithan', link: 'http://example.com/x/', title: 'example.com/x' }],
    ['Someone https://example.com/index.html', { author: 'Someone', link: 'https://example.com/index.html', title: 'example.com' }],
    ['stats, stackexchange', { author: 'stats', link: undefined, title: 'stackexchange' }],
    // Rule 1 is greedy: the author takes everything up to the last URL (Markdown.md in the corpus).
    ['QRS, https://x.org/a https://x.org/b#npm "a title"', { author: 'QRS, https://x.org/a', link: 'https://x.org/b#npm', title: 'a title' }],
    ['stats, stackexchange https://stats.stackexchange.com/q/1 OLS: Variance', { author: 'stats, stackexchange', link: 'https://stats.stackexchange.com/q/1', title: 'OLS: Variance' }],
    ['高杨 <<白话深度学习与TensorFlow>>', { author: '高杨 <<白话深度学习与TensorFlow>>', link: undefined, title: undefined }],
  ];
  it.each(cases)('%s', (args, expected) => {
    expect(parseBlockquoteFooter(splitArguments(args).args)).toEqual(expected);
  });

  it('gives no footer without arguments', () => {
    expect(parseBlockquoteFooter([])).toBeUndefined();
  });

  it('splits arguments as Hexo does: quotes group and vanish, whitespace collapses', () => {
    expect(splitArguments(`  a   "b c"  d'e f'g `).args).toEqual(['a', 'b c', "de fg"]);
    expect(splitArguments('"unterminated x').unterminatedQuote).toBe(true);
  });
});

describe('{% blockquote %} in posts', () => {
  it('renders the body as Markdown and the footer escaped', async () => {
    const post = await body('{% blockquote 高杨 <<白话深度学习与TensorFlow>> %}\n\n- a $x^2$\n- `code`\n\n{% endblockquote %}\n');
    expect(post.html).toContain('<blockquote>');
    expect(post.html).toContain('<li>a <span class="katex">');
    expect(post.html).toContain('<code>code</code>');
    expect(post.html).toContain('</ul>\n<footer><strong>高杨 &#x3C;&#x3C;白话深度学习与TensorFlow>></strong></footer>\n</blockquote>');
    expect(post.messages).toEqual([]);
  });

  it('works without blank lines around the tags', async () => {
    const tight = await body('before\n{% blockquote Ann, Book %}\ninside\n{% endblockquote %}\nafter\n');
    expect(tight.html).toBe('<p>before</p>\n<blockquote>\n<p>inside</p>\n<footer><strong>Ann</strong><cite>Book</cite></footer>\n</blockquote>\n<p>after</p>');
  });

  it('finds a closing tag that follows raw HTML without a blank line (the corpus does this)', async () => {
    const post = await body('{% blockquote Ann %}\nSome text:\n<ol>\n  <li>one</li>\n</ol>\n{% endblockquote %}\n\nafter\n');
    expect(post.messages).toEqual([]);
    expect(post.html).toBe('<blockquote>\n<p>Some text:</p>\n<ol>\n  <li>one</li>\n</ol>\n<footer><strong>Ann</strong></footer>\n</blockquote>\n<p>after</p>');
  });

  it('links the footer with the URL as text when no title is given', async () => {
    const post = await body('{% quote Me https://example.org/a/ %}\nx\n{% endquote %}');
    expect(post.html).toContain('<footer><strong>Me</strong><cite><a href="https://example.org/a/" target="_blank" rel="noopener">example.org/a</a></cite></footer>');
  });

  it('has no footer without arguments, and nests', async () => {
    const post = await body('{% blockquote %}\nouter\n{% blockquote Inner %}\ninner\n{% endblockquote %}\n{% endblockquote %}');
    expect(post.html).toBe('<blockquote>\n<p>outer</p>\n<blockquote>\n<p>inner</p>\n<footer><strong>Inner</strong></footer>\n</blockquote>\n</blockquote>');
  });

  it('reports a blockquote never closed at its line', async () => {
    const post = await body('# T\n\n{% blockquote A %}\ntext\n');
    expect(post.messages.map((m) => [m.line, m.column, m.ruleId, m.fatal])).toEqual([[3, 1, 'hexo-tag-unclosed', true]]);
    expect(post.html).toContain('<p>text</p>');
  });

  it('reports an end tag never opened at its line', async () => {
    const post = await body('text\n\n  {% endblockquote %}\n');
    expect(post.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([[3, 3, 'hexo-tag-unopened']]);
  });

  it('turns unknown tags into a warning and a visible, escaped placeholder', async () => {
    const post = await body('Smile {% emoji_hj <b>smile</b> %} here\n\n{% asset_jupyter python3 notebook/x.ipynb %}\n');
    expect(post.messages.map((m) => [m.line, m.column, m.ruleId, m.fatal])).toEqual([
      [1, 7, 'hexo-tag-unknown', false],
      [3, 1, 'hexo-tag-unknown', false],
    ]);
    expect(post.html).toContain('<code class="mlpost-unknown-tag" data-tag="emoji_hj">{% emoji_hj &#x3C;b>smile&#x3C;/b> %}</code>');
    expect(post.html).toContain('<div class="mlpost-unknown-tag" data-tag="asset_jupyter">');
  });

  it('lets the API register a handler for a tag', async () => {
    const post = await renderPost('Say {% shout hello %}!', {
      tags: { shout: (tag) => [{ type: 'strong', children: [{ type: 'text', value: tag.args.join(' ').toUpperCase() }] }] },
    });
    expect(post.html).toBe('<p>Say <strong>HELLO</strong>!</p>');
  });

  it('leaves tags inside code alone', async () => {
    const post = await body('`{% raw %}`\n\n```\n{% blockquote %}\n```\n');
    expect(post.messages).toEqual([]);
    expect(post.html).toContain('<code>{% raw %}</code>');
  });

  it('never throws, always gives well-formed HTML, and never lets tag arguments through unescaped', async () => {
    const piece = fc.constantFrom('<b id="x">bold</b>', '"quoted words"', "'single'", '&amp;', 'https://example.org/p/', ',', 'word', '中文', '<<书名>>', '  ');
    const argument = fc.array(piece, { maxLength: 5 }).map((pieces) => pieces.join(' '));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('blockquote', 'quote', 'pullquote', 'x_tag'), argument, fc.boolean(), fc.boolean(), async (name, args, blank, close) => {
        const gap = blank ? '\n\n' : '\n';
        const source = `{% ${name} ${args} %}${gap}body *ok*${gap}${close ? `{% end${name} %}` : ''}\n`;
        const post = await renderPost(source);
        const tree = fromHtml(post.html, { fragment: true });
        expect(tree.children.length).toBeGreaterThan(0);
        // Author text from the arguments never becomes markup: no <b> element anywhere.
        expect(post.html).not.toMatch(/<b[ >]/);
        expect(post.html).toContain('<em>ok</em>');
      }),
      { numRuns: 300 },
    );
  });
});
