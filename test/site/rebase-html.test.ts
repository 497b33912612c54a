/**
 * URLs of rendered HTML rewritten for the page that shows it: an excerpt on a list page, a
 * body on its own page, a feed entry. Only URLs in tags change, never text.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rebaseHtml, sitePathOf } from '../../src/site/rebase-html.js';
import { absoluteUrl, relativeLink, rootLink, type LinkStyle } from '../../src/site/links.js';

const local: LinkStyle = { trailingIndex: true, root: '/' };
const pretty: LinkStyle = { trailingIndex: false, root: '/blog/' };

describe('links between pages', () => {
  it('are relative, ending in index.html for a site read from disk', () => {
    expect(relativeLink('index.html', '2019/09/12/a/', local)).toBe('2019/09/12/a/index.html');
    expect(relativeLink('2019/09/12/a/index.html', '', local)).toBe('../../../../index.html');
    expect(relativeLink('2019/09/12/a/index.html', '2019/09/12/b/#x', local)).toBe('../b/index.html#x');
    expect(relativeLink('2019/09/12/a/index.html', '2019/09/12/a/g.svg', local)).toBe('g.svg');
    expect(relativeLink('tags/ml/index.html', 'tags/ml/', local)).toBe('index.html');
    expect(relativeLink('about.html', 'assets/mlpost.css', local)).toBe('assets/mlpost.css');
  });

  it('end in / with pretty_urls.trailing_index: false', () => {
    expect(relativeLink('index.html', '2019/09/12/a/', pretty)).toBe('2019/09/12/a/');
    expect(relativeLink('tags/ml/index.html', 'tags/ml/', pretty)).toBe('./');
    expect(relativeLink('2019/09/12/a/index.html', '', pretty)).toBe('../../../../');
  });

  it('percent-encode what the path holds (spaces, CJK) but keep the fragment as written', () => {
    expect(relativeLink('index.html', '2019/01/01/hello world/', local)).toBe('2019/01/01/hello%20world/index.html');
    expect(relativeLink('index.html', '2020/02/02/中文文章/#正文', pretty)).toBe('2020/02/02/%E4%B8%AD%E6%96%87%E6%96%87%E7%AB%A0/#正文');
  });

  it('start at the root on the 404 page, and are absolute in feeds', () => {
    expect(rootLink('tags/ml/', pretty)).toBe('/blog/tags/ml/');
    expect(rootLink('', local)).toBe('/index.html');
    expect(absoluteUrl('https://x.org/blog', '2019/01/01/hello world/')).toBe('https://x.org/blog/2019/01/01/hello%20world/');
  });
});

describe('sitePathOf', () => {
  const at = { base: '2019/09/12/a/', root: '/blog/', ownPage: false };
  it('resolves relative URLs against the post folder and root-absolute ones onto the root', () => {
    expect(sitePathOf('g.svg', at)).toBe('2019/09/12/a/g.svg');
    expect(sitePathOf('../b/', at)).toBe('2019/09/12/b/');
    expect(sitePathOf('/blog/images/x.png', at)).toBe('images/x.png');
    expect(sitePathOf('/images/x.png', at)).toBe('images/x.png');
    expect(sitePathOf('#more', at)).toBe('2019/09/12/a/#more');
    expect(sitePathOf('%E4%B8%AD.png?v=1#t', at)).toBe('2019/09/12/a/中.png?v=1#t');
  });
  it('leaves other sites, schemes and (on its own page) fragments alone', () => {
    for (const url of ['https://x.org/', '//cdn.x.org/a.js', 'mailto:a@b.c', 'data:image/png;base64,AA', 'javascript:void(0)', '']) expect(sitePathOf(url, at), url).toBeUndefined();
    expect(sitePathOf('#more', { ...at, ownPage: true })).toBeUndefined();
  });
});

describe('rebaseHtml', () => {
  const html = '<a href="#rnnbptt">a</a><a href="../rnn_intro/">b</a><img src="g1.svg"><a href="https://x.org/">c</a><a href="/abs/">d</a><a href="?q=1&#x26;r=2#h">e</a>';

  it('points an excerpt shown on a list page where it pointed on the post page', () => {
    const link = (path: string) => relativeLink('index.html', path, local);
    expect(rebaseHtml(html, { base: 'live/', root: '/', ownPage: false, link })).toBe(
      '<a href="live/index.html#rnnbptt">a</a><a href="rnn_intro/index.html">b</a><img src="live/g1.svg"><a href="https://x.org/">c</a><a href="abs/index.html">d</a><a href="live/index.html?q=1&#x26;r=2#h">e</a>',
    );
  });

  it('on its own page, keeps fragments and adds index.html to folder links', () => {
    const link = (path: string) => relativeLink('live/index.html', path, local);
    expect(rebaseHtml(html, { base: 'live/', root: '/', ownPage: true, link })).toBe(
      '<a href="#rnnbptt">a</a><a href="../rnn_intro/index.html">b</a><img src="g1.svg"><a href="https://x.org/">c</a><a href="../abs/index.html">d</a><a href="?q=1&#x26;r=2#h">e</a>',
    );
  });

  it('never touches text, comments, scripts or styles', () => {
    const code = '<pre><code>&#x3C;a href="/x/">not a link&#x3C;/a> src="/y"</code></pre><!-- <a href="/z/"> --><script>const a = \'<a href="/q/">\';</script><style>a[href="/s/"]{}</style>';
    expect(rebaseHtml(code, { base: 'p/', root: '/', ownPage: true, link: () => 'CHANGED' })).toBe(code);
  });

  it('changes nothing but the URL attributes (property)', () => {
    const text = fc.stringMatching(/^[a-z <>&"'=\/#.]{0,30}$/).map((value) => value.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;'));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.constantFrom('a', 'img', 'span')), { maxLength: 6 }), (parts) => {
        const document = parts.map(([value, tag]) => `<${tag} title="${value.replace(/"/g, '&#x22;')}">${value}</${tag}>`).join('');
        return rebaseHtml(document, { base: 'p/', root: '/', ownPage: false, link: () => 'X' }) === document;
      }),
    );
  });
});
