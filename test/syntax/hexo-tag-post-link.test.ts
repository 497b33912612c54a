/**
 * `post_link` / `post_path` (Hexo 8 `lib/plugins/tag/post_link.ts`, `post_path.ts`): a post
 * found by slug, then by title, in the site's list given as `HexoTagOptions.posts`.
 */
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { renderPost } from '../../src/index.js';
import { remarkHexoTags, type HexoTagOptions, type PostReference } from '../../src/syntax/hexo-tag/index.js';

async function render(markdown: string, options: HexoTagOptions) {
  const file = new VFile({ value: markdown, path: 'post.md' });
  const processor = unified().use(remarkParse).use(remarkHexoTags, options).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeStringify);
  const html = String(await processor.process(file));
  return { html, messages: file.messages.map((m) => [m.line, m.column, m.ruleId, m.reason]) };
}

const posts = new Map<string, PostReference>([
  ['hello-world', { url: '/2020/01/01/hello-world/', title: 'Hello <World>' }],
  ['untitled', { url: '/untitled/' }],
]);

describe('{% post_link %}', () => {
  it.each([
    // Text and tooltip: the post's title (escaped).
    ['{% post_link hello-world %}', '<p><a href="/2020/01/01/hello-world/" title="Hello <World>">Hello &#x3C;World></a></p>'],
    // A given title is the text; the tooltip stays the post's title.
    ['{% post_link hello-world Read <this> %}', '<p><a href="/2020/01/01/hello-world/" title="Hello <World>">Read &#x3C;this></a></p>'],
    ['{% post_link hello-world <em>Read</em> false %}', '<p><a href="/2020/01/01/hello-world/" title="Hello <World>"><em>Read</em></a></p>'],
    ['{% post_link hello-world "Read it" true %}', '<p><a href="/2020/01/01/hello-world/" title="Hello <World>">Read it</a></p>'],
    // Found by title when no slug matches; a post without title shows its slug.
    ['{% post_link "Hello <World>" %}', '<p><a href="/2020/01/01/hello-world/" title="Hello <World>">Hello &#x3C;World></a></p>'],
    ['{% post_link untitled %}', '<p><a href="/untitled/" title="untitled">untitled</a></p>'],
    ['See {% post_link untitled this %}.', '<p>See <a href="/untitled/" title="untitled">this</a>.</p>'],
  ])('%s', async (source, html) => {
    const post = await render(`${source}\n`, { posts });
    expect(post.messages).toEqual([]);
    expect(post.html).toBe(html);
  });

  it('accepts a plain object as the list', async () => {
    const post = await render('{% post_link a %}\n', { posts: { a: { url: '/a/', title: 'A' } } });
    expect(post.html).toBe('<p><a href="/a/" title="A">A</a></p>');
    const inherited = await render('{% post_link toString %}\n', { posts: { a: { url: '/a/', title: 'A' } } });
    expect(inherited.messages.map((m) => m[2])).toEqual(['hexo-tag-post-unknown']);
  });

  it('warns about an unknown post at the tag and shows the slug as text', async () => {
    const post = await render('Intro\n\nSee {% post_link no-such-post %} now.\n', { posts });
    expect(post.messages).toEqual([[3, 5, 'hexo-tag-post-unknown', '`{% post_link %}`: no post has the slug or title `no-such-post`; shown as text']]);
    expect(post.html).toBe('<p>Intro</p>\n<p>See no-such-post now.</p>');
  });

  it('warns when no list of posts was given (renderPost without a site)', async () => {
    const post = await renderPost('{% post_link hello-world %}\n', { path: 'post.md' });
    expect(post.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([[1, 1, 'hexo-tag-post-unknown']]);
    expect(post.html).toBe('<p>hello-world</p>');
  });

  it('reports a post_link without a slug', async () => {
    const post = await render('{% post_link %}\n', { posts });
    expect(post.messages.map((m) => m[2])).toEqual(['hexo-tag-argument']);
    expect(post.html).toContain('<code class="mlpost-tag-error" data-tag="post_link">{% post_link %}</code>');
  });
});

describe('{% post_path %}', () => {
  it('is the post\'s URL as text, usable inside a sentence', async () => {
    const post = await render('Link: {% post_path hello-world %}\n', { posts });
    expect(post.html).toBe('<p>Link: /2020/01/01/hello-world/</p>');
    expect(post.messages).toEqual([]);
  });

  it('warns about an unknown post and shows the slug', async () => {
    const post = await render('{% post_path gone %}\n', { posts });
    expect(post.messages.map((m) => m[2])).toEqual(['hexo-tag-post-unknown']);
    expect(post.html).toBe('<p>gone</p>');
  });
});
