/**
 * Math through KaTeX (rehype-katex), with one macro scope per document: a `\gdef` in
 * one formula is seen by the later formulas of the same post, never by the next post.
 * KaTeX's strict-mode complaints become vfile messages instead of console output
 * (Chinese text inside math is legal for MathJax, the original renderer, so it is silent),
 * and a formula KaTeX cannot render is an error at its place, shown in red in the page.
 */
import type { Root } from 'hast';
import rehypeKatex from 'rehype-katex';
import type { KatexOptions } from 'katex';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';

export interface MathOptions {
  /** Macros every document starts with (copied per document). */
  macros?: Readonly<Record<string, string>>;
}

const SOURCE = 'mlpost:math';

/** The rehype plugin. */
export function rehypeMath(options: MathOptions = {}) {
  return (tree: Root, file: VFile): void => {
    const before = file.messages.length;
    const settings: KatexOptions = {
      macros: { ...options.macros },
      strict: (errorCode: string, errorMessage: string) => {
        // Chinese in math and `\\` at the top of display math are fine for MathJax,
        // which the author wrote for; KaTeX renders both.
        if (errorCode !== 'unicodeTextInMathMode' && errorCode !== 'newLineInDisplayMode') {
          report(file, 'warning', `KaTeX: ${errorMessage}`, undefined, `katex-${errorCode}`, SOURCE);
        }
        return 'ignore';
      },
      output: 'htmlAndMathml',
      // Only the equation links that `rehypeEquationRefs` writes: `\href{#eq-…}`.
      trust: (context) => context.command === '\\href' && 'url' in context && typeof context.url === 'string' && context.url.startsWith('#'),
    };
    (rehypeKatex(settings) as (tree: Root, file: VFile) => void)(tree, file);
    // rehype-katex reports unrenderable formulas as warnings. A syntax error is an error
    // for us; an unknown command is a warning, drawn in red as MathJax did.
    for (const message of file.messages.slice(before)) {
      if (message.source !== 'rehype-katex') continue;
      const cause = (message.cause as { message?: string } | undefined)?.message ?? '';
      const undefinedCommand = /Undefined control sequence: (\\\S+?) at/.exec(cause.replace(/[\u0332]/g, ''));
      message.source = SOURCE;
      if (undefinedCommand) {
        message.fatal = false;
        message.ruleId = 'math-undefined-command';
        message.reason = `math: unknown command ${undefinedCommand[1]}, shown in red`;
      } else {
        message.fatal = true;
        message.ruleId = 'math-katex';
        if (cause) message.reason = `math: ${cause.replace(/^KaTeX parse error: /, '')}`;
      }
      message.message = message.reason;
    }
  };
}
