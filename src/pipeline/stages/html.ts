/**
 * Stage 4, HTML: mdast → hast, the author's raw HTML made elements, then checked (script
 * URLs, and the allow-list with `sanitize`) before anything else is added to it.
 */
import remarkRehype from 'remark-rehype';
import { rehypeRawHtml } from '../../html/raw-html.js';
import { rehypeCodeBlankLines } from '../../code/blank-lines.js';
import { rehypeSecurity } from '../../security/rehype-security.js';
import { rehypeMarkAuthorIds } from '../../syntax/pandoc/index.js';
import type { MlpostOptions } from '../options.js';
import type { Stage, Step } from '../step.js';

/** The bridge from mdast to hast, for pipelines that bring their own (Astro's). */
export const toHastStep: Step = {
  name: 'to-hast',
  use: [remarkRehype, { allowDangerousHtml: true }],
  needs: ['mdast', 'html-pieces-final'],
  makes: ['hast', 'author-content-only', 'page-open'],
  breaks: ['mdast'],
};

export function htmlStage(options: Readonly<MlpostOptions>, { bridge }: { bridge: boolean }): Stage {
  return {
    name: 'html',
    summary: 'mdast → hast, raw HTML parsed and checked',
    steps: [
      ...(bridge ? [toHastStep] : []),
      { name: 'raw-html', use: [rehypeRawHtml], needs: ['hast', 'page-open'], makes: ['raw-html-parsed'] },
      // Puts back the leading newline of code that the HTML parser dropped after `<pre>`.
      { name: 'code-blank-lines-html', use: [rehypeCodeBlankLines], needs: ['hast', 'raw-html-parsed', 'code-edges-recorded', 'page-open'], makes: ['code-text-final'] },
      // On the author's content alone: nothing mlpost adds later is checked or stripped.
      { name: 'security', use: [rehypeSecurity, { sanitize: options.sanitize === true }], needs: ['hast', 'raw-html-parsed', 'author-content-only', 'page-open'], makes: ['content-checked'] },
      { name: 'mark-author-ids', use: [rehypeMarkAuthorIds], needs: ['hast', 'content-checked', 'author-content-only'], makes: ['author-ids-marked'] },
    ],
  };
}
