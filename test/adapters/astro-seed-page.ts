/**
 * The checks of the seed post's page that mlpost's Astro integration passes on every Astro
 * it supports (Astro 5 in astro.test.ts, Astro 7 on Node 22 in astro7.test.ts).
 */
import { expect, it } from 'vitest';

/** Register the checks for the page `page()` returns once the site is built. */
export function itRendersTheSeedPage(page: () => string): void {
  it('renders the two blockquotes with escaped footers', () => {
    const quotes = page().match(/<blockquote>[\s\S]*?<\/blockquote>/g) ?? [];
    expect(quotes).toHaveLength(2);
    expect(quotes[0]).toContain('预测是无关的.');
    expect(quotes[0]).toContain('<footer><strong>高杨 &#x3C;&#x3C;白话深度学习与TensorFlow>></strong></footer>');
    expect(quotes[1]).toContain(
      '<footer><strong>wildml</strong><cite><a href="http://www.wildml.com/2015/09/recurrent-neural-networks-tutorial-part-1-introduction-to-rnns/" target="_blank" rel="noopener">recurrent-neural-networks-tutorial-part-1-introduction-to-rnns</a></cite></footer>',
    );
    expect(page()).not.toContain('{%');
  });

  it('typesets the math with KaTeX (Astro\'s highlighter left it alone)', () => {
    expect(page().match(/<span class="katex">/g)?.length).toBeGreaterThanOrEqual(15);
    expect(page()).toContain('<annotation encoding="application/x-tex">s_t = f(Ux_t + Ws_{t-1})</annotation>');
    expect(page()).not.toContain('astro-code');
  });

  it('gives every TOC link a heading id', () => {
    const toc = page().slice(0, page().indexOf('id="more"'));
    const targets = [...toc.matchAll(/href="#([^"]+)"/g)].map((match) => decodeURIComponent(match[1]!));
    expect(targets).toHaveLength(12);
    for (const id of targets) expect(page()).toContain(`id="${id}"`);
  });

  it('draws the graph inline', () => {
    expect(page()).toMatch(/<figure[^>]*>[\s\S]*<svg[\s\S]*<figcaption>隐马尔可夫链<\/figcaption>/);
  });

  it('keeps footnotes and leaves ~single tildes~ alone (mlpost\'s GFM, not Astro\'s)', () => {
    expect(page()).toContain('data-footnotes');
    expect(page()).not.toContain('<del>');
  });
}
