/**
 * Math as pandoc and MathJax read it: the micromark extension (`mathFlow`, the inline
 * constructs) and the mdast utility. `remarkPandocMath` registers both.
 */
import { codes } from 'micromark-util-symbol';
import type { Extension } from 'micromark-util-types';
import { mathFlow } from './math-flow.js';
import { backslashMathText, dollarMathText, dollarRunText, environmentMathText, referenceMathText } from './math-text.js';

export { texMathFromMarkdown } from './from-markdown.js';

/** The micromark syntax extension. */
export function texMathSyntax(): Extension {
  return {
    flow: { [codes.dollarSign]: mathFlow, [codes.backslash]: mathFlow },
    text: {
      [codes.dollarSign]: [dollarMathText, dollarRunText],
      [codes.backslash]: [backslashMathText, environmentMathText, referenceMathText],
    },
  };
}
