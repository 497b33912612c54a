/**
 * A Hexo codeblock reaches the build-time highlighter as an ordinary code fence would:
 * its options travel in `code.meta` as pandoc attributes, which `remarkCodeAttributes`
 * reads (it must run after `remarkHexoTags`) and `rehypeHighlightCode` applies.
 */
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { remarkHexoTags } from '../../src/syntax/hexo-tag/index.js';
import { remarkCodeAttributes } from '../../src/syntax/pandoc/code-attributes.js';
import { rehypeHighlightCode } from '../../src/code/highlight/index.js';

async function highlight(markdown: string) {
  const file = new VFile(markdown);
  const processor = unified().use(remarkParse).use(remarkHexoTags).use(remarkCodeAttributes).use(remarkRehype).use(rehypeHighlightCode).use(rehypeStringify);
  return { html: String(await processor.process(file)), messages: file.messages.map(String) };
}

describe('codeblock → highlighter', () => {
  it('highlights the language and numbers lines from first_line', async () => {
    const post = await highlight('{% codeblock "codeblock test" lang:c http://www.baidu.com "link text" line_number:true first_line:3 %}\naa = 1\nreturn 0;\n{% endcodeblock %}\n');
    expect(post.messages).toEqual([]);
    expect(post.html).toBe(
      '<figure class="highlight c"><figcaption><span>codeblock test</span><a href="http://www.baidu.com">link text</a></figcaption>' +
        '<pre><code class="language-c numberLines mlpost-numbered" data-start-from="3" style="counter-reset:mlpost-line 2"><span class="line">aa = <span class="hljs-number">1</span></span>\n<span class="line"><span class="hljs-keyword">return</span> <span class="hljs-number">0</span>;</span>\n</code></pre></figure>',
    );
  });
});
