import { describe, expect, it } from 'vitest';
import { renderPost } from '../../src/index.js';

describe("pandoc's #. auto-numbered lists", () => {
  it('turns the corpus References paragraphs into one ordered list', async () => {
    const post = await renderPost('# References\n\n#. http://a.org/x\n\n#. `b` text\n\nafter\n');
    expect(post.html).toBe(
      '<h1 id="references">References</h1>\n<ol>\n<li>\n<p><a href="http://a.org/x" target="_blank" rel="noopener">http://a.org/x</a></p>\n</li>\n<li>\n<p><code>b</code> text</p>\n</li>\n</ol>\n<p>after</p>',
    );
  });

  it('splits a tight run of #. lines into items, keeping continuation lines and inline markup', async () => {
    const post = await renderPost('#. one\n#. two *em*\n   continued\n#. three');
    expect(post.html).toBe('<ol>\n<li>one</li>\n<li>two <em>em</em>\ncontinued</li>\n<li>three</li>\n</ol>');
  });

  it('leaves #. inside a line and in code alone', async () => {
    expect((await renderPost('x #. not')).html).toBe('<p>x #. not</p>');
    expect((await renderPost('```\n#. code\n```')).html).toBe('<pre><code>#. code\n</code></pre>');
  });
});
