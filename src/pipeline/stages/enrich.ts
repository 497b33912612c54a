/**
 * Stage 5, on hast: heading ids, equation numbers and math, code highlighting, links, the
 * outline (table of contents) and section numbers.
 */
import rehypeSlug from 'rehype-slug';
import { rehypeEquationRefs } from '../../math/equation-refs.js';
import { rehypeMath } from '../../math/rehype-math.js';
import { rehypeHighlightCode } from '../../code/highlight/index.js';
import { rehypeExternalLinks } from '../../links/external-links.js';
import { rehypeFragmentLinks } from '../../links/fragment-links.js';
import { rehypeLocalReferences } from '../../links/local-references.js';
import { rehypeUniqueIds } from '../../syntax/pandoc/index.js';
import { rehypeOutline } from '../../outline/outline.js';
import { rehypeSectionNumbers } from '../../outline/section-numbers.js';
import type { MlpostOptions } from '../options.js';
import type { Stage, Step } from '../step.js';

export function enrichStage(options: Readonly<MlpostOptions>): Stage {
  const optional = (wanted: boolean, step: Step): Step[] => (wanted ? [step] : []);
  return {
    name: 'enrich',
    summary: 'ids, math, highlighting, links, outline',
    steps: [
      { name: 'slug', use: [rehypeSlug], needs: ['hast', 'raw-html-parsed', 'author-ids-marked', 'page-open'], makes: ['heading-ids'], breaks: ['author-content-only', 'ids-unique'] },
      // Rewrites the TeX (`\label`, `\tag`, `\eqref`) that KaTeX then typesets.
      { name: 'equation-refs', use: [rehypeEquationRefs], needs: ['hast', 'raw-html-parsed', 'author-ids-marked', 'page-open'], makes: ['equations-numbered'], breaks: ['author-content-only', 'ids-unique'] },
      { name: 'math', use: [rehypeMath, { ...options.math, limits: { ...options.limits?.formula, ...options.math?.limits } }], needs: ['hast', 'equations-numbered', 'page-open'], makes: ['math-typeset'], breaks: ['author-content-only'] },
      // Display math was `pre > code` too: highlighting only what is left.
      ...optional(options.highlight !== false, { name: 'highlight', use: [rehypeHighlightCode], needs: ['hast', 'code-text-final', 'math-typeset', 'page-open'], breaks: ['author-content-only'] }),
      ...optional(options.externalLinks !== false, { name: 'external-links', use: [rehypeExternalLinks, { siteUrl: options.siteUrl }], needs: ['hast', 'raw-html-parsed', 'page-open'], breaks: ['author-content-only'] }),
      { name: 'unique-ids', use: [rehypeUniqueIds], needs: ['hast', 'heading-ids', 'author-ids-marked', 'page-open'], makes: ['ids-unique'] },
      // The table of contents and the excerpt are taken from the finished content.
      { name: 'outline', use: [rehypeOutline], needs: ['hast', 'ids-unique'], makes: ['outline-taken'], breaks: ['page-open'] },
      // After the outline: its entries keep the heading text without the number.
      ...optional(options.numberSections === true, { name: 'section-numbers', use: [rehypeSectionNumbers], needs: ['hast', 'outline-taken'] }),
      { name: 'fragment-links', use: [rehypeFragmentLinks], needs: ['hast', 'ids-unique'] },
      // What the site builder copies beside the page, or warns about.
      { name: 'local-references', use: [rehypeLocalReferences], needs: ['hast', 'raw-html-parsed'] },
    ],
  };
}
