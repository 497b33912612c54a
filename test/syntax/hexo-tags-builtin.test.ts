/**
 * Hexo 8's built-in tags with Hexo's argument rules (hexojs/hexo `lib/plugins/tag/`):
 * exact output, bad arguments (a diagnostic at the tag's line:column and a visible
 * result), and the corpus's tags against the original pipeline's HTML.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { renderPost, type RenderedPost } from '../../src/index.js';
import { parseCodeblockArguments, parseCodeCaption, stripIndent } from '../../src/syntax/hexo-tag/handlers/index.js';
import { fixture, repoRoot } from '../helpers.js';

async function render(markdown: string): Promise<RenderedPost> {
  return renderPost(markdown, { path: 'post.md' });
}

/** `[line, column, ruleId, severity]` of every message. */
function where(post: RenderedPost): Array<[number | undefined, number | undefined, string | undefined, string]> {
  return post.messages.map((m) => [m.line, m.column, m.ruleId, m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info']);
}

const CORPUS_CODEBLOCK =
  '{% codeblock "codeblock test" lang:c http://www.baidu.com "link text" line_number:true highlight:true first_line:1 %}\naa = 1\nbb = 2\ncc = 3\nfor (int i = 0; i < 10; ++i) {\n    print(i);\n}\n{% endcodeblock %}\n';

describe('codeblock arguments (Hexo 8 code.ts)', () => {
  it('reads the corpus codeblock: options out, the rest a caption with a link', () => {
    const options = parseCodeblockArguments(['codeblock test', 'lang:c', 'http://www.baidu.com', 'link text', 'line_number:true', 'highlight:true', 'first_line:1']);
    expect(options).toEqual({
      lang: 'c',
      lineNumbers: true,
      firstLine: 1,
      mark: [],
      wrap: undefined,
      highlight: true,
      caption: { title: 'codeblock test', url: 'http://www.baidu.com', linkText: 'link text' },
      problems: [],
    });
  });

  it.each([
    ['Array.map', { title: 'Array.map', url: undefined, linkText: undefined }],
    ['Array.map https://developer.mozilla.org/x', { title: 'Array.map', url: 'https://developer.mozilla.org/x', linkText: 'link' }],
    ['A title https://a.example/b some link text', { title: 'A title', url: 'https://a.example/b', linkText: 'some link text' }],
    // Hexo's rules: the first that matches wins; the title runs up to the last URL that leaves a link text.
    ['t https://a.example https://b.example', { title: 't', url: 'https://a.example', linkText: 'https://b.example' }],
    ['a b https://a.example https://b.example c', { title: 'a b https://a.example', url: 'https://b.example', linkText: 'c' }],
    ['', undefined],
  ])('caption %j', (text, expected) => {
    expect(parseCodeCaption(text)).toEqual(expected);
  });

  it('expands and merges marks, swaps reversed ranges, and never enumerates a huge range', () => {
    expect(parseCodeblockArguments(['mark:1,4-7,10,6-5,2']).mark).toEqual([[1, 2], [4, 7], [10, 10]]);
    expect(parseCodeblockArguments(['mark:1-1000000000']).mark).toEqual([[1, 1000000000]]);
    expect(parseCodeblockArguments(['mark:x,3']).problems).toEqual(['`mark:` part `x` is not a line number or range; ignored']);
  });

  it('takes only the first highlight: option out, as Hexo does (a second is caption text)', () => {
    const options = parseCodeblockArguments(['highlight:false', 'highlight:true']);
    expect(options.highlight).toBe(false);
    expect(options.caption?.title).toBe('highlight:true');
  });

  it('strips the indentation common to the body (hexo-util stripIndent)', () => {
    expect(stripIndent('    a\n      b\n\n    c')).toBe('a\n  b\n\nc');
    expect(stripIndent('a\n  b')).toBe('a\n  b');
  });
});

describe('{% codeblock %} / {% code %}', () => {
  it('makes the corpus codeblock a figure with Hexo\'s caption around a code node', async () => {
    const post = await render(CORPUS_CODEBLOCK);
    expect(post.messages).toEqual([]);
    // line_number:true reaches the highlighter as `.numberLines`: numbered, highlighted lines.
    expect(post.html).toBe(
      '<figure class="highlight c"><figcaption><span>codeblock test</span><a href="http://www.baidu.com" target="_blank" rel="noopener">link text</a></figcaption>' +
        '<pre><code class="language-c numberLines mlpost-numbered" data-start-from="1"><span class="line">aa = <span class="hljs-number">1</span></span>\n' +
        '<span class="line">bb = <span class="hljs-number">2</span></span>\n<span class="line">cc = <span class="hljs-number">3</span></span>\n' +
        '<span class="line"><span class="hljs-keyword">for</span> (<span class="hljs-type">int</span> i = <span class="hljs-number">0</span>; i &#x3C; <span class="hljs-number">10</span>; ++i) {</span>\n' +
        '<span class="line">    print(i);</span>\n<span class="line">}</span>\n</code></pre></figure>',
    );
  });

  it('hands the highlighter lang and meta (pandoc attributes) on an mdast code node', async () => {
    const seen: Array<{ lang: unknown; meta: unknown; value: unknown }> = [];
    // A later remark plugin (the highlighter) sees a plain `code` node.
    const { unified } = await import('unified');
    const remarkParse = (await import('remark-parse')).default;
    const { remarkHexoTags } = await import('../../src/syntax/hexo-tag/index.js');
    const processor = unified()
      .use(remarkParse)
      .use(remarkHexoTags)
      .use(() => (tree) => {
        visit(tree, 'code', (node: { lang?: unknown; meta?: unknown; value?: unknown }) => {
          seen.push({ lang: node.lang, meta: node.meta, value: node.value });
        });
      });
    const file = new VFile('{% code lang:python mark:3,1-2 wrap:false line_number:true first_line:5 %}\n  x = 1\n  y = 2\n{% endcode %}\n');
    processor.runSync(processor.parse(file), file);
    expect(seen).toEqual([{ lang: 'python', meta: '{.numberLines startFrom="5" mark="1-3" wrap="false"}', value: 'x = 1\ny = 2' }]);
  });

  it('gives a plain pre/code without caption for highlight:false, as Hexo does', async () => {
    const post = await render('{% codeblock Title lang:js highlight:false %}\nlet a = "<b>";\n{% endcodeblock %}\n');
    expect(post.html).toBe('<pre><code>let a = "&#x3C;b>";\n</code></pre>');
  });

  it('keeps the body verbatim: Markdown, tags and HTML inside are code', async () => {
    const post = await render('{% code %}\n# not a heading\n<b>not bold</b> *not em*\n{% endcode %}\n');
    expect(post.html).toBe('<figure class="highlight"><pre><code># not a heading\n&#x3C;b>not bold&#x3C;/b> *not em*\n</code></pre></figure>');
  });

  it('takes the body out of block quotes and list items it sits in', async () => {
    const quoted = await render('> {% codeblock %}\n> a\n>   b\n> {% endcodeblock %}\n');
    expect(quoted.html).toBe('<blockquote>\n<figure class="highlight"><pre><code>a\n  b\n</code></pre></figure>\n</blockquote>');
    const listed = await render('- item\n\n  {% codeblock %}\n    a\n  b\n  {% endcodeblock %}\n');
    expect(listed.html).toBe('<ul>\n<li>\n<p>item</p>\n<figure class="highlight"><pre><code>  a\nb\n</code></pre></figure>\n</li>\n</ul>');
  });

  // Tag lines inside a codeblock or raw body are text: pair.ts leaves raw bodies unparsed.
  it('reports nothing for tag lines that are only text inside a codeblock or raw body', async () => {
    const post = await render('{% codeblock lang:text %}\n{% foo bar %}\n{% blockquote %}\n{% endcodeblock %}\n\n{% raw %}\n{% foo %}\n{% endraw %}\n');
    expect(post.html).toBe('<figure class="highlight text"><pre><code class="language-text">{% foo bar %}\n{% blockquote %}\n</code></pre></figure>\n{% foo %}');
    expect(post.messages).toEqual([]);
  });

  it('escapes caption text and keeps a graph or cell language a listing (no build step runs it)', async () => {
    const post = await render('{% codeblock <i>t</i> lang:dot %}\ndigraph { a -> b }\n{% endcodeblock %}\n');
    expect(post.html).toBe('<figure class="highlight dot"><figcaption><span>&#x3C;i>t&#x3C;/i></span></figcaption><pre><code class="language-dot">digraph { a -> b }</code></pre></figure>');
    expect(post.messages).toEqual([]);
    const cell = await render('{% codeblock lang:hmm %}\nmodel: x\n{% endcodeblock %}\n');
    expect(cell.html).toBe('<figure class="highlight hmm"><pre><code class="language-hmm">model: x</code></pre></figure>');
  });

  it('warns about option values Hexo would silently misread, at the tag, and still shows the code', async () => {
    const post = await render('Intro\n\n  {% codeblock line_number:yes first_line:one mark:a %}\ncode\n{% endcodeblock %}\n');
    expect(where(post)).toEqual([
      [3, 3, 'hexo-tag-argument', 'warning'],
      [3, 3, 'hexo-tag-argument', 'warning'],
      [3, 3, 'hexo-tag-argument', 'warning'],
    ]);
    expect(post.messages.map((m) => m.reason)).toEqual([
      '`{% codeblock %}`: `line_number:yes` is neither true nor false; read as false, as Hexo does',
      '`{% codeblock %}`: `first_line:one` is not a whole number; ignored',
      '`{% codeblock %}`: `mark:` part `a` is not a line number or range; ignored',
    ]);
    expect(post.html).toContain('<pre><code>code\n</code></pre>');
  });

  it('reports a codeblock inside a line, and one never closed, and shows them', async () => {
    const inline = await render('See {% code lang:js %} here.\n');
    expect(where(inline)).toEqual([[1, 5, 'hexo-tag-no-body', 'warning']]);
    expect(inline.html).toBe('<p>See <code class="mlpost-tag-error" data-tag="code">{% code lang:js %}</code> here.</p>');
    const unclosed = await render('{% codeblock %}\nx = 1\n');
    expect(where(unclosed)).toEqual([[1, 1, 'hexo-tag-unclosed', 'error']]);
    expect(unclosed.html).toBe('<p>x = 1</p>');
  });
});

describe('{% pullquote %}', () => {
  it('renders the body as Markdown in blockquote.pullquote with the classes given', async () => {
    const post = await render('{% pullquote left wide %}\nA *quoted* line.\n{% endpullquote %}\n');
    expect(post.html).toBe('<blockquote class="pullquote left wide"><p>A <em>quoted</em> line.</p></blockquote>');
    expect(post.messages).toEqual([]);
  });

  it('leaves out words that are not class names, with a warning at the tag', async () => {
    const post = await render('text\n\n{% pullquote ok "x<y" %}\nq\n{% endpullquote %}\n');
    expect(post.html).toBe('<p>text</p>\n<blockquote class="pullquote ok"><p>q</p></blockquote>');
    expect(where(post)).toEqual([[3, 1, 'hexo-tag-argument', 'warning']]);
  });
});

describe('{% img %}', () => {
  it.each([
    ['{% img /images/test.jpg %}', '<img src="/images/test.jpg">'],
    ['{% img left /images/test.jpg 100 200 \'"title text" "alt text"\' %}', '<img src="/images/test.jpg" class="left" width="100" height="200" title="title text" alt="alt text">'],
    ['{% img a b https://example.org/i.png 300 %}', '<img src="https://example.org/i.png" class="a b" width="300">'],
    // A single unquoted word after the size is the title (Hexo's meta regex).
    ['{% image /i.png 10 20 Title %}', '<img src="/i.png" width="10" height="20" title="Title">'],
    ['{% img /i.png "A title" %}', '<img src="/i.png" title="A title">'],
    ['{% img /i.png \'"t<" "a&"\' %}', '<img src="/i.png" title="t<" alt="a&#x26;">'],
  ])('%s', async (source, html) => {
    const post = await render(`${source}\n`);
    expect(post.html).toBe(html);
    expect(post.messages).toEqual([]);
  });

  it('is an inline image inside text', async () => {
    const post = await render('An {% img /i.png 16 16 %} icon.');
    expect(post.html).toBe('<p>An <img src="/i.png" width="16" height="16"> icon.</p>');
  });

  it('reports an img without a URL and shows the tag', async () => {
    const post = await render('{% img just words %}\n');
    expect(where(post)).toEqual([[1, 1, 'hexo-tag-argument', 'warning']]);
    expect(post.html).toBe('<div class="mlpost-tag-error"><p><code class="mlpost-tag-error" data-tag="img">{% img just words %}</code></p></div>');
  });
});

describe('{% link %}', () => {
  it.each([
    ['{% link Click here https://hexo.io %}', '<p><a href="https://hexo.io" target="_blank" rel="noopener">Click here</a></p>'],
    ['{% link Hexo https://hexo.io true "Hexo\'s site" %}', '<p><a href="https://hexo.io" title="Hexo&#x27;s site" target="_blank" rel="noopener">Hexo</a></p>'],
    ['{% a Docs https://hexo.io/docs false The docs %}', '<p><a href="https://hexo.io/docs" title="The docs" target="_blank" rel="noopener">Docs</a></p>'],
    ['{% anchor <b>x</b> https://e.org %}', '<p><a href="https://e.org" target="_blank" rel="noopener">&#x3C;b>x&#x3C;/b></a></p>'],
  ])('%s', async (source, html) => {
    const post = await render(`${source}\n`);
    expect(post.html).toBe(html);
    expect(post.messages).toEqual([]);
  });

  it('reports a link without a URL', async () => {
    const post = await render('Go {% link nowhere %}.\n');
    expect(where(post)).toEqual([[1, 4, 'hexo-tag-argument', 'warning']]);
    expect(post.html).toBe('<p>Go <code class="mlpost-tag-error" data-tag="link">{% link nowhere %}</code>.</p>');
  });
});

describe('{% iframe %}', () => {
  it('embeds an http(s) URL with Hexo\'s defaults', async () => {
    const post = await render('{% iframe https://www.youtube.com/embed/x %}\n\n{% iframe http://e.org/p 640 default %}\n');
    expect(post.html).toBe(
      '<iframe src="https://www.youtube.com/embed/x" width="100%" height="300" frameborder="0" loading="lazy" allowfullscreen></iframe>\n' +
        '<iframe src="http://e.org/p" width="640" height="300" frameborder="0" loading="lazy" allowfullscreen></iframe>',
    );
    expect(post.messages).toEqual([]);
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', '/relative/page.html', '//e.org/x', ''])('makes no iframe for %j', async (url) => {
    const post = await render(`# T\n\n{% iframe ${url} %}\n`);
    expect(where(post)).toEqual([[3, 1, 'hexo-tag-argument', 'warning']]);
    expect(post.html).not.toContain('<iframe');
    expect(post.html).toContain('<code class="mlpost-tag-error" data-tag="iframe">');
  });
});

describe('{% raw %}', () => {
  it('puts the body in the page verbatim, tags and all', async () => {
    const post = await render('{% raw %}\n<div class="x">{{ a }} {% not_a_tag %}\n\n*literal*</div>\n{% endraw %}\n');
    expect(post.html).toBe('<div class="x">{{ a }} {% not_a_tag %}\n\n*literal*</div>');
  });

  it('drops the markers inside a line and keeps the text between', async () => {
    const post = await render('Use {% raw %}{{ site.title }}{% endraw %} in templates.\n');
    expect(post.html).toBe('<p>Use {{ site.title }} in templates.</p>');
    expect(post.messages).toEqual([]);
  });
});

describe('third-party tags', () => {
  it('stay unknown placeholders, and a user handler replaces one', async () => {
    const source = '{% asset_jupyter python3 notebook/nn_convolution.ipynb %}\n';
    const plain = await render(source);
    expect(where(plain)).toEqual([[1, 1, 'hexo-tag-unknown', 'warning']]);
    const handled = await renderPost(source, {
      tags: {
        asset_jupyter: (tag) => [
          { type: 'paragraph', children: [{ type: 'link', url: tag.args[1] ?? '', children: [{ type: 'text', value: `notebook (${tag.args[0]})` }] }] },
        ],
      },
    });
    expect(handled.messages).toEqual([]);
    expect(handled.html).toBe('<p><a href="notebook/nn_convolution.ipynb">notebook (python3)</a></p>');
  });

  it('lets a user handler replace a built-in one', async () => {
    const post = await renderPost('{% img /x.png %}\n', { tags: { img: () => [{ type: 'paragraph', children: [{ type: 'text', value: 'mine' }] }] } });
    expect(post.html).toBe('<p>mine</p>');
  });
});

describe('robustness', () => {
  const names = ['codeblock', 'code', 'pullquote', 'img', 'image', 'link', 'a', 'iframe', 'raw', 'include_code', 'post_link', 'post_path', 'asset_img', 'asset_link', 'asset_path'];
  it('never throws, always shows something, and never lets argument text become markup', async () => {
    const piece = fc.constantFrom('<b id="x">bold</b>', '"quoted words"', "'single'", '&amp;', 'https://example.org/p/', '/abs/path.png', '../../etc/passwd', 'lang:c', 'mark:1-3', 'highlight:false', 'true', '12', ',', '中文', '  ');
    const argument = fc.array(piece, { maxLength: 5 }).map((pieces) => pieces.join(' '));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), argument, fc.boolean(), fc.boolean(), async (name, args, inline, close) => {
        const tag = `{% ${name} ${args} %}`;
        const source = inline ? `before ${tag} after *ok*\n` : `${tag}\nbody *ok*\n${close ? `{% end${name} %}` : ''}\n\n*ok*\n`;
        const post = await render(source);
        expect(fromHtml(post.html, { fragment: true }).children.length).toBeGreaterThan(0);
        const tree = fromHtml(post.html, { fragment: true });
        let bold = false;
        visit(tree, 'element', (element: { tagName: string }) => {
          if (element.tagName === 'b') bold = true;
        });
        if (name !== 'raw') expect(bold).toBe(false);
        expect(post.html).toContain('<em>ok</em>');
        expect(post.html).not.toContain('root:');
        for (const message of post.messages) expect(message.line).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the corpus', () => {
  const shared = join(repoRoot, '..', 'shared');
  const posts = ['corpus/Markdown.md', 'corpus/nn_convolution.md', 'corpus/nn_crossent.md', 'corpus/outliers_and_leverage.md'];

  it.each(posts)('%s: every Hexo tag renders without an error; only third-party tags are unknown', async (name) => {
    const post = await renderPost(fixture(name), { path: name });
    const tagMessages = post.messages.filter((m) => m.source === 'mlpost:hexo-tag');
    expect(tagMessages.filter((m) => m.fatal === true).map(String)).toEqual([]);
    const unknown = tagMessages.map((m) => m.reason.match(/`\{% (\S+) %\}`/)?.[1]);
    expect(new Set(unknown)).toEqual(new Set(name.endsWith('Markdown.md') ? ['emoji_hj'] : ['asset_jupyter']));
    expect(tagMessages.every((m) => m.ruleId === 'hexo-tag-unknown')).toBe(true);
  });

  it('the seed renders its tags without a tag diagnostic', async () => {
    const seed = readFileSync(join(shared, 'seed', 'rnn_intro.md'), 'utf8');
    const post = await renderPost(seed, { path: 'rnn_intro.md' });
    expect(post.messages.filter((m) => m.source === 'mlpost:hexo-tag').map(String)).toEqual([]);
  });

  it('Markdown.md\'s codeblock has the original pipeline\'s caption and code text', async () => {
    const post = await renderPost(fixture('corpus/Markdown.md'), { path: 'Markdown.md' });
    const original = readFileSync(join(shared, 'reference', 'original-pipeline', 'Markdown.html'), 'utf8');
    const caption = (html: string) => /<figure class="highlight c"><figcaption>.*?<\/figcaption>/s.exec(html)?.[0];
    expect(caption(post.html)).toBe(caption(original));
    expect(caption(post.html)).toBe('<figure class="highlight c"><figcaption><span>codeblock test</span><a href="http://www.baidu.com" target="_blank" rel="noopener">link text</a></figcaption>');
    // The original's highlighted table, as text: lines joined by <br>, spans dropped.
    const originalCode = decode(/<td class="code"><pre>(.*?)<\/pre><\/td>/s.exec(original)![1]!.replace(/<br>/g, '\n').replace(/<[^>]+>/g, ''));
    // Ours is highlighted and numbered (line_number:true): compare the text, tags dropped.
    const ourCode = decode(/<figure class="highlight c">.*?<code class="language-c[^"]*"[^>]*>(.*?)<\/code>/s.exec(post.html)![1]!.replace(/<[^>]+>/g, ''));
    expect(ourCode).toBe(originalCode);
    // The copy inside a ``` fence stays a listing of the tag's source, as in the original.
    expect(post.html).toContain('<pre><code>{% codeblock "codeblock test" lang:c http://www.baidu.com "link text" line_number:true highlight:true first_line:1 %}\naa = 1');
  });
});

function decode(html: string): string {
  return html
    .replace(/&#123;/g, '{')
    .replace(/&#125;/g, '}')
    .replace(/&#x3C;/g, '<')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
