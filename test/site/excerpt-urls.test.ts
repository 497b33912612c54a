import { describe, expect, it } from 'vitest';
import { rebaseExcerptUrls } from '../../src/site/index-pages.js';

describe('rebaseExcerptUrls', () => {
  it('keeps relative links and images of an excerpt pointing where they did on the post page', () => {
    const html = '<a href="#rnnbptt">a</a><a href="../rnn_intro/">b</a><img src="g1.svg"><a href="https://x.org/">c</a><a href="/abs/">d</a><a href="?q=1&#x26;r=2#h">e</a>';
    expect(rebaseExcerptUrls(html, 'live/', '')).toBe(
      '<a href="live/#rnnbptt">a</a><a href="rnn_intro/">b</a><img src="live/g1.svg"><a href="https://x.org/">c</a><a href="/abs/">d</a><a href="live/?q=1&#x26;r=2#h">e</a>',
    );
    expect(rebaseExcerptUrls(html, 'live/', '../../')).toContain('<a href="../../rnn_intro/">b</a>');
    expect(rebaseExcerptUrls(html, 'live/', '../../')).toContain('<img src="../../live/g1.svg">');
  });
});

describe('rebaseExcerptUrls on code text', () => {
  it('rewrites the attributes of tags only, never code that shows HTML', () => {
    const html = '<p>See <code>&#x3C;a href="page.html"></code> and <a href="page.html" title="x > y">page</a>.</p><pre><code>&#x3C;img src="a.png"></code></pre>';
    expect(rebaseExcerptUrls(html, 'post/', '../../')).toBe(
      '<p>See <code>&#x3C;a href="page.html"></code> and <a href="../../post/page.html" title="x > y">page</a>.</p><pre><code>&#x3C;img src="a.png"></code></pre>',
    );
  });
});
