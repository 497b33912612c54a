/**
 * `remarkPandocMath`: math as pandoc and MathJax read it (`syntax/`): `$…$`, `$$…$$`,
 * `\(…\)`, `\[…\]`, `\\(…\\)`, `\\[…\\]`, math environments and `\ref{…}` outside
 * delimiters. A `$$` that opens nothing is an error at its place; the text after it is
 * Markdown as usual.
 */
/// <reference types="remark-parse" />
import type { Root } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { texMathFromMarkdown, texMathSyntax } from './syntax/index.js';

/** Options of {@link remarkPandocMath}. */
export interface PandocMathOptions {
  /** Undo Markdown's backslash escapes in `$…$` and `$$…$$`, as marked did (`MathOptions.markdownEscapes`). */
  markdownEscapes?: boolean | undefined;
}

/** The remark plugin. */
export function remarkPandocMath(this: Processor, options: Readonly<PandocMathOptions> = {}) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(texMathSyntax());
  (data.fromMarkdownExtensions ??= []).push(texMathFromMarkdown({ markdownEscapes: options.markdownEscapes === true }));
  return (tree: Root, file: VFile): void => {
    const unclosed = tree.data?.texMathUnclosed;
    if (!unclosed) return;
    delete tree.data!.texMathUnclosed;
    for (const place of unclosed) {
      report(file, 'error', '`$$` opens display math that does not close in its paragraph (nor after a `{` left open): shown as text', { place, ruleId: 'math-unclosed', source: 'mlpost:math' });
    }
  };
}
