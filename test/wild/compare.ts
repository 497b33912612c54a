/**
 * One wild-corpus post through both pipelines: the oracle (what the blog showed) and
 * mlpost's `renderPost`, counted the same way. Shared by `wild.test.ts` and
 * `scripts/wild-report.mjs`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPost } from '../../src/index.js';
import { oracle } from './oracle.js';
import { countMlpostMath } from './mlpost-count.js';
import { proseCoverage, proseTokens } from './prose.js';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';

export const wildDir = fileURLToPath(new URL('../../fixtures/wild/', import.meta.url));

/**
 * The share of the blog's prose that mlpost's page must keep. Formulas the oracle did not
 * find (marked's emphasis split them) leave TeX debris in its prose that mlpost typesets:
 * up to 6 % of the tokens on this corpus (xuetf-attention: 0.942). Text swallowed by a
 * runaway formula loses far more (jianjiansha-gan before the dollar-math work: 0.15).
 */
export const MIN_PROSE_COVERAGE = 0.9;

/** The posts of the corpus, by file name. */
export function wildPosts(): string[] {
  return readdirSync(wildDir).filter((name) => name.endsWith('.md')).sort();
}

/** Counts for one post. */
export interface WildComparison {
  post: string;
  oracle: { typeset: number; errors: number };
  mlpost: { typeset: number; errors: number };
  /** Share of the blog's prose tokens on mlpost's page. */
  proseCoverage: number;
  /**
   * How many of the formulas the blog typeset have their TeX inside a formula mlpost
   * typeset (whitespace aside): marked broke some displays into pieces that MathJax then
   * typeset one by one, and mlpost typesets them whole (cofess-linear-regression).
   */
  oracleCovered: number;
  /** mlpost reported `render-crashed` (the page shows the source instead). */
  crashed: boolean;
}

/** Render one post both ways and count. */
export async function compareWildPost(post: string): Promise<WildComparison> {
  const source = readFileSync(join(wildDir, post), 'utf8');
  const blog = oracle(source);
  const rendered = await renderPost(source, { path: post });
  const counted = countMlpostMath(rendered.html);
  const typesetTex = texOfFormulas(rendered.html).map(withoutSpace);
  const blogFormulas = blog.formulas.filter((formula) => !formula.error);
  return {
    post,
    oracle: { typeset: blog.typeset, errors: blog.errors },
    mlpost: { typeset: counted.typeset, errors: counted.errors },
    proseCoverage: proseCoverage(proseTokens(blog.prose), proseTokens(counted.prose)),
    oracleCovered: blogFormulas.filter((formula) => typesetTex.some((tex) => tex.includes(withoutSpace(formula.tex)))).length,
    crashed: rendered.messages.some((message) => message.ruleId === 'render-crashed'),
  };
}

/** The page is whole: rendered, and the prose is there. */
export function isWhole(comparison: WildComparison): boolean {
  return !comparison.crashed && comparison.proseCoverage >= MIN_PROSE_COVERAGE;
}

/**
 * mlpost at least as good as the blog: as many formulas typeset (or every formula the blog
 * typeset found inside one mlpost typeset), no more errors, whole page.
 */
export function meetsOracle(comparison: WildComparison): boolean {
  const allTypeset = comparison.mlpost.typeset >= comparison.oracle.typeset || comparison.oracleCovered === comparison.oracle.typeset;
  return allTypeset && comparison.mlpost.errors <= comparison.oracle.errors && isWhole(comparison);
}

/** The TeX of every formula on mlpost's page (KaTeX and MathJax both write it as the MathML annotation). */
function texOfFormulas(html: string): string[] {
  const tex: string[] = [];
  visit(fromHtml(html, { fragment: true }), 'element', (element: Element) => {
    if (element.tagName === 'annotation' && element.properties.encoding === 'application/x-tex') tex.push(toText(element, { whitespace: 'pre' }));
  });
  return tex;
}

/**
 * A formula reduced for comparison: marked read the blog's TeX as Markdown first (`\\`
 * became `\`), so whitespace and backslashes are left out on both sides.
 */
function withoutSpace(text: string): string {
  return text.replace(/[\s\\]+/g, '');
}
