import { describe, expect, it } from 'vitest';
import { renderPost } from '../../src/index.js';

describe('blank lines at the edges of fenced code', () => {
  it('keeps leading blank lines (numbered code keeps its line numbers) and drops trailing ones, as pandoc', async () => {
    const post = await renderPost('```\n\n\nx\n\n\n```');
    expect(post.html).toBe('<pre><code>\n\nx\n</code></pre>');
  });

  it('numbers a leading blank line like any other line', async () => {
    const post = await renderPost('```{.yaml .numberLines}\n\npandoc: 1\n\n```');
    expect(post.html).toMatch(/^<pre><code class="language-yaml numberLines mlpost-numbered"[^>]*><span class="line"><\/span>\n<span class="line"><span class="hljs-attr">pandoc:<\/span>/);
    expect((post.html.match(/class="line"/g) ?? []).length).toBe(2);
  });
});
