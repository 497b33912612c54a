import { describe, expect, it } from 'vitest';
import { renderPost } from '../../src/index.js';
import { fixture } from '../helpers.js';

const html = async (markdown: string) => (await renderPost(markdown, { path: 'post.md' })).html;

describe("pandoc's definition lists", () => {
  it('renders the corpus example as pandoc did: a tight <dd> holds its text, a loose one its blocks', async () => {
    const source = 'Markdown\n:   轻量级文本标记语言\n\nCode2\n:   这是代码块的定义\n\n        import numpy as np\n';
    expect(await html(source)).toBe(
      '<dl>\n<dt>Markdown</dt>\n<dd>轻量级文本标记语言</dd>\n<dt>Code2</dt>\n<dd><p>这是代码块的定义</p><pre><code>import numpy as np\n</code></pre></dd>\n</dl>',
    );
  });

  it('parses inline Markdown in terms and definitions, and several definitions per term', async () => {
    expect(await html('*Term*\n:   one `code`\n:   two $x$\n')).toMatch(
      /^<dl>\n<dt><em>Term<\/em><\/dt>\n<dd>one <code>code<\/code><\/dd>\n<dd>two <span class="katex">[\s\S]*<\/span><\/dd>\n<\/dl>$/,
    );
  });

  it('leaves a colon line without a term, and colons inside text, alone', async () => {
    expect(await html(':   no term here\n')).toBe('<p>:   no term here</p>');
    expect(await html('ratio: 3:1\n')).toBe('<p>ratio: 3:1</p>');
  });
});

describe("pandoc's line blocks", () => {
  it('renders the corpus verse as pandoc did: <br> between lines, leading spaces kept as no-break spaces', async () => {
    const source = "| I'm very good at integral and differential calculus;\n| I know the scientific names of beings animalculous:\n|     In short, in matters vegetable, animal, and mineral,\n|     I am the very model of a modern Major-General.\n|\n";
    const nbsp = '\u00a0'.repeat(4);
    expect(await html(source)).toBe(
      `<div class="line-block">I'm very good at integral and differential calculus;<br>\nI know the scientific names of beings animalculous:<br>\n${nbsp}In short, in matters vegetable, animal, and mineral,<br>\n${nbsp}I am the very model of a modern Major-General.<br>\n</div>`,
    );
  });

  it('parses inline Markdown, joins a continuation line, and works inside block quotes and lists', async () => {
    expect(await html('| *one*\n  wrapped `line`\n| two\n')).toBe('<div class="line-block"><em>one</em>\nwrapped <code>line</code><br>\ntwo</div>');
    expect(await html('> | a\n> | b\n')).toBe('<blockquote>\n<div class="line-block">a<br>\nb</div>\n</blockquote>');
    expect(await html('- | a\n  | b\n')).toBe('<ul>\n<li>\n<div class="line-block">a<br>\nb</div>\n</li>\n</ul>');
  });

  it('leaves GFM tables, `|x` and a paragraph continuation alone', async () => {
    expect(await html('| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n')).toBe(
      '<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n<tr>\n<td>3</td>\n<td>4</td>\n</tr>\n</tbody>\n</table>',
    );
    expect(await html('|x|\n')).toBe('<p>|x|</p>');
    expect(await html('text\n| more text\n')).toBe('<p>text\n| more text</p>');
  });
});

describe("pandoc's Markdown inside <div> blocks", () => {
  it('renders the corpus example: images parsed inside the div, the reference after </div> a definition', async () => {
    const source = "<div align='center'>\n内联方式:![alt text](/img/avatar.jpg \"Title\")\n引用方式:![alt text][id]\n</div>\n[id]: /img/avatar.jpg    \"Title\"\n\npandoc:\n";
    expect(await html(source)).toBe(
      '<div align="center">\n<p>内联方式:<img src="/img/avatar.jpg" alt="alt text" title="Title">\n引用方式:<img src="/img/avatar.jpg" alt="alt text" title="Title"></p>\n</div>\n<p>pandoc:</p>',
    );
  });

  it('nests blocks inside, keeps quoted `>` in attributes, and treats indented lines as code as pandoc does', async () => {
    expect(await html('<DIV title="a>b">\n- item\n</DIV>\n')).toBe('<div title="a>b">\n<ul>\n<li>item</li>\n</ul>\n</div>');
    expect(await html('<div class="x">\n    <p>hi</p>\n</div>\n')).toBe('<div class="x">\n<pre><code>&#x3C;p>hi&#x3C;/p>\n</code></pre>\n</div>');
  });

  it('leaves other HTML blocks as CommonMark has them', async () => {
    expect(await html('<div class="x">*a*</div>\n')).toBe('<div class="x">*a*</div>');
    expect(await html('<divx>\n*a*\n</divx>\n')).toBe('<divx>\n*a*\n</divx>');
    expect(await html('<div class="alert"> <p>\n\n**x**\n\n</p></div>\n')).toBe('<div class="alert"> <p>\n</p><p><strong>x</strong></p>\n<p></p></div>');
  });
});

describe('the corpus tutorial (Markdown.md)', () => {
  it('has its definition list, verse and centred images as the original pipeline published them', async () => {
    const page = await html(fixture('pandoc/Markdown.md'));
    expect(page).toContain('<dt>Code2</dt>');
    expect(page).toContain('<div class="line-block">I\'m very good at integral and differential calculus;<br>');
    expect(page.replace(/<pre[\s\S]*?<\/pre>/g, '')).not.toContain('[id]: /img/avatar.jpg');
    expect(page.match(/<div align="center">\n<p>内联方式:<img/g)?.length).toBe(1);
  });
});

describe("pandoc's lists and quotes where CommonMark differs", () => {
  it('keeps one bullet list when the bullet character changes, loose after a blank line', async () => {
    expect(await html('* a\n- b\n+ c\n')).toBe('<ul>\n<li>a</li>\n<li>b</li>\n<li>c</li>\n</ul>');
    expect(await html('- x\n\n* y\n')).toBe('<ul>\n<li>\n<p>x</p>\n</li>\n<li>\n<p>y</p>\n</li>\n</ul>');
    // Ordered lists still split where the delimiter changes, as in pandoc.
    expect(await html('1. one\n2) two\n')).toBe('<ol>\n<li>one</li>\n</ol>\n<ol start="2">\n<li>two</li>\n</ol>');
  });

  it('numbers example lists through the post and resolves (@label) references', async () => {
    expect(await html('(@a) one\n(@b) two *em*\n\nmid\n\n(@) three\n\nsee (@b), (@zz) and `(@a)`\n')).toBe(
      '<ol class="example">\n<li>one</li>\n<li>two <em>em</em></li>\n</ol>\n<p>mid</p>\n<ol start="3" class="example">\n<li>three</li>\n</ol>\n<p>see (2), (@zz) and <code>(@a)</code></p>',
    );
  });

  it('continues a quote with a paragraph written right under it, as pandoc does', async () => {
    expect(await html('> a\n>\n  b\n  c\n\nd\n')).toBe('<blockquote>\n<p>a</p>\n<p>b\nc</p>\n</blockquote>\n<p>d</p>');
    expect(await html('> ```\n> x\n> ```\nafter\n')).toBe('<blockquote>\n<pre><code>x\n</code></pre>\n<p>after</p>\n</blockquote>');
    expect(await html('> a\n\nnot lazy\n')).toBe('<blockquote>\n<p>a</p>\n</blockquote>\n<p>not lazy</p>');
  });
});

describe("pandoc's simple tables", () => {
  const headerless = '-------  -------------   -------   ----\nJoan      saag paneer    medium     $11\nSally      vindaloo        mild     *$14*\n-------  -------------   -------   ----\n';

  it('renders the corpus headerless table as pandoc did: cut at the dashes, aligned by the first row', async () => {
    expect(await html(headerless)).toBe(
      '<table>\n<tbody>\n<tr>\n<td align="left">Joan</td>\n<td align="center">saag paneer</td>\n<td align="left">medium</td>\n<td align="right">$11</td>\n</tr>\n' +
        '<tr>\n<td align="left">Sally</td>\n<td align="center">vindaloo</td>\n<td align="left">mild</td>\n<td align="right"><em>$14</em></td>\n</tr>\n</tbody>\n</table>',
    );
  });

  it("renders pandoc manual's table with a header (rows indented like code), aligned by the header", async () => {
    const source = '  Right     Left     Center     Default\n-------     ------ ----------   -------\n     12     12        12            12\n    123     123       123          123\n\nafter\n';
    expect(await html(source)).toBe(
      '<table>\n<thead>\n<tr>\n<th align="right">Right</th>\n<th align="left">Left</th>\n<th align="center">Center</th>\n<th>Default</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td align="right">12</td>\n<td align="left">12</td>\n<td align="center">12</td>\n<td>12</td>\n</tr>\n' +
        '<tr>\n<td align="right">123</td>\n<td align="left">123</td>\n<td align="center">123</td>\n<td>123</td>\n</tr>\n</tbody>\n</table>\n<p>after</p>',
    );
  });

  it('places diagnostics from a cell at the cell in the source', async () => {
    const post = await renderPost('-----  -----\na      {% nonesuch %}\n-----  -----\n', { path: 'post.md' });
    const warning = post.messages.find((message) => message.ruleId === 'hexo-tag-unknown');
    expect([warning?.line, warning?.column]).toEqual([2, 8]);
  });

  it('keeps its alignment under sanitize, and leaves ordinary rules and paragraphs alone', async () => {
    expect((await renderPost(headerless, { path: 'post.md', sanitize: true })).html).toContain('<td align="center">saag paneer</td>');
    expect(await html('text\n\n---\n\nPlain para\n- - -\n')).toBe('<p>text</p>\n<hr>\n<p>Plain para</p>\n<hr>');
    // As in pandoc, rules of single dashes around one line are a table too.
    expect(await html('- - -\njust text\n- - -\n')).toBe('<table>\n<tbody>\n<tr>\n<td>ju</td>\n<td>st</td>\n<td align="right">text</td>\n</tr>\n</tbody>\n</table>');
    expect(await html('-----  -----\na      # b\n-----  -----\n')).toBe('<table>\n<tbody>\n<tr>\n<td align="left">a</td>\n<td align="left"># b</td>\n</tr>\n</tbody>\n</table>');
  });
});

describe('pandoc blocks: edge cases found in review', () => {
  it('reads simple tables in files with CRLF line endings', async () => {
    expect(await html('A    B\r\n---  ---\r\n1    2\r\n')).toBe('<table>\n<thead>\n<tr>\n<th align="left">A</th>\n<th align="left">B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align="left">1</td>\n<td align="left">2</td>\n</tr>\n</tbody>\n</table>');
  });

  it('does not pull a paragraph into a quote made by a Hexo {% blockquote %} tag, whatever else the post holds', async () => {
    const source = '{% blockquote %}\nquoted\n{% endblockquote %}\nfollowing paragraph\n';
    expect(await html(source)).toBe('<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>following paragraph</p>');
    expect(await html(`${source}\n> x\n`)).toBe('<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>following paragraph</p>\n<blockquote>\n<p>x</p>\n</blockquote>');
  });

  it('joins quotes and bullet lists that start after another list marker', async () => {
    expect(await html('1. > # H\n   para\n')).toBe('<ol>\n<li>\n<blockquote>\n<h1 id="h">H</h1>\n<p>para</p>\n</blockquote>\n</li>\n</ol>');
    expect(await html('1. - a\n   + b\n')).toBe('<ol>\n<li>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n</li>\n</ol>');
  });

  it('ends a line block at a `|x` line, as pandoc does', async () => {
    expect(await html('| a\n| b\n|x\n')).toBe('<div class="line-block">a<br>\nb</div>\n<p>|x</p>');
  });
});
