import { describe, expect, it } from 'vitest';
import { renderPost } from '../../src/index.js';

const html = async (markdown: string) => (await renderPost(markdown, { path: 'post.md' })).html;
/** The same post with one more piece of raw HTML, which makes the whole tree go through parse5. */
const throughParse5 = async (markdown: string) => (await html(`<span>s</span>\n\n${markdown}`)).replace(/^<p><span>s<\/span><\/p>\n/, '');

describe('raw HTML without parse5 when it is only comments and line breaks', () => {
  const cases = [
    '<!-- more -->\n\ntext',
    '<!-- vim-markdown-toc GFM -->\n\n* [a](#a)\n\n<!-- vim-markdown-toc -->\n\n# a',
    // Two comments and text between them in one HTML block: not one comment.
    '<!-- a --> x <!-- b -->',
    // Whitespace after a comment is text parse5 keeps.
    '<!-- toc -->   \n\ntext',
    'line</br>break, <br> and <br/>',
    'a footnote[^1]\n\n[^1]: note',
  ];
  for (const markdown of cases) {
    it(`writes what rehype-raw writes: ${JSON.stringify(markdown).slice(0, 50)}`, async () => {
      expect(await html(markdown)).toBe(await throughParse5(markdown));
    });
  }

  it('keeps the text between two comments', async () => {
    expect(await html('<!-- a --> x <!-- b -->')).toBe('<!-- a --> x <!-- b -->');
  });
});
