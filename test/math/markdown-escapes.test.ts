/**
 * `math.markdownEscapes`: `$…$` and `$$…$$` read as hexo-renderer-marked and kramed passed
 * them to MathJax (Markdown's backslash escapes undone), for posts written for them.
 */
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Nodes, Root } from 'mdast';
import { remarkPandocMath } from '../../src/math/remark-pandoc-math.js';
import { renderPost } from '../../src/pipeline/render-post.js';

function formulas(markdown: string, markdownEscapes?: boolean): string[] {
  const parser = unified().use(remarkParse).use(remarkPandocMath, { markdownEscapes });
  const found: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'math' || node.type === 'inlineMath') found.push(node.value);
    else if ('children' in node) node.children.forEach((child) => walk(child as Nodes));
  };
  walk(parser.runSync(parser.parse(markdown)) as Root);
  return found;
}

const post = 'Inline $a\\_1 \\* b\\_{i} \\\\{x\\\\}$ and $$\\sum\\_i x\\_i$$.\n\n$$\nA = \\begin{cases} 1 \\\\\\\\ 0 \\end{cases}\n$$\n\n\\(p\\_1\\) \\\\(q\\_1\\\\) \\begin{align} x \\end{align}\n';

describe('math.markdownEscapes', () => {
  it('off (default): dollar math is the TeX as written, as pandoc reads it', () => {
    expect(formulas(post)).toEqual(['a\\_1 \\* b\\_{i} \\\\{x\\\\}', '\\sum\\_i x\\_i', 'A = \\begin{cases} 1 \\\\\\\\ 0 \\end{cases}', 'p\\_1', 'q_1', '\\begin{align} x \\end{align}']);
  });

  it('on: dollar math with Markdown escapes undone, as marked passed it on; other delimiters unchanged', () => {
    expect(formulas(post, true)).toEqual(['a_1 * b_{i} \\{x\\}', '\\sum_i x_i', 'A = \\begin{cases} 1 \\\\ 0 \\end{cases}', 'p\\_1', 'q_1', '\\begin{align} x \\end{align}']);
  });

  it('is an option of the pipeline (math.markdownEscapes)', async () => {
    const on = await renderPost('$a\\_1$\n', { math: { markdownEscapes: true } });
    const off = await renderPost('$a\\_1$\n');
    expect(on.messages.filter((message) => message.fatal)).toEqual([]);
    // KaTeX's annotation keeps the TeX it typeset.
    expect(on.html).toContain('<annotation encoding="application/x-tex">a_1</annotation>');
    expect(off.html).not.toContain('<annotation encoding="application/x-tex">a_1</annotation>');
  });
});
