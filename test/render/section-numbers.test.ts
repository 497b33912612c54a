import { describe, expect, it } from 'vitest';
import { renderPost } from '../../src/index.js';
import { fixture } from '../helpers.js';

describe('numberSections (pandoc --number-sections)', () => {
  it('numbers the seed\'s headings as the original blog did, ids and TOC unchanged', async () => {
    const post = await renderPost(fixture('posts/rnn_intro.md'), { numberSections: true });
    expect(post.html).toContain('<h1 id="关键字" data-number="1"><span class="header-section-number">1</span> 关键字</h1>');
    expect(post.html).toContain('<h2 id="隐马尔可夫模型" data-number="2.1"><span class="header-section-number">2.1</span> 隐马尔可夫模型</h2>');
    expect(post.html).toContain('<h2 id="图像识别图里的内容" data-number="5.4"><span class="header-section-number">5.4</span> 图像识别(图里的内容)</h2>');
    expect(post.html).toContain('<h1 id="references" data-number="6"><span class="header-section-number">6</span> References</h1>');
    expect(post.data.toc.map((entry) => entry.text).slice(0, 3)).toEqual(['关键字', 'RNN(BPTT)', '隐马尔可夫模型']);
  });

  it('skips unnumbered headings and starts at 0 when a post begins below level 1', async () => {
    const post = await renderPost('## a\n\n# b {-}\n\n### c', { numberSections: true });
    expect(post.html).toBe('<h2 id="a" data-number="0.1"><span class="header-section-number">0.1</span> a</h2>\n<h1 class="unnumbered" id="b">b</h1>\n<h3 id="c" data-number="0.1.1"><span class="header-section-number">0.1.1</span> c</h3>');
  });

  it('is off by default', async () => {
    expect((await renderPost('# a')).html).toBe('<h1 id="a">a</h1>');
  });
});
