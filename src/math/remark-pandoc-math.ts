/**
 * `remarkPandocMath`: math as pandoc reads it. Display blocks (`$$` on their own lines)
 * come from micromark-extension-math; inline math follows pandoc's dollar rules
 * (`pandoc-math-text.ts`); `$$…$$` inside a paragraph is typeset as display math, as
 * pandoc and MathJax did for the original blog.
 */
/// <reference types="remark-parse" />
import type { Root } from 'mdast';
import type { InlineMath } from 'mdast-util-math';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { math } from 'micromark-extension-math';
import { mathFromMarkdown } from 'mdast-util-math';
import { visit } from 'unist-util-visit';
import { pandocMathText } from './pandoc-math-text.js';

/** The remark plugin. */
export function remarkPandocMath(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push({ flow: math().flow, text: { [36]: pandocMathText } });
  (data.fromMarkdownExtensions ??= []).push(mathFromMarkdown());
  return (tree: Root, file: VFile): void => {
    const source = String(file.value ?? '');
    visit(tree, 'inlineMath', (node: InlineMath) => {
      const offset = node.position?.start.offset;
      if (offset === undefined || source.slice(offset, offset + 2) !== '$$') return;
      node.data = { ...node.data, hName: 'code', hProperties: { className: ['language-math', 'math-display'] } };
    });
  };
}
