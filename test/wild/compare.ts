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
  /** mlpost reported `render-crashed` (the page shows the source instead). */
  crashed: boolean;
}

/** Render one post both ways and count. */
export async function compareWildPost(post: string): Promise<WildComparison> {
  const source = readFileSync(join(wildDir, post), 'utf8');
  const blog = oracle(source);
  const rendered = await renderPost(source, { path: post });
  const counted = countMlpostMath(rendered.html);
  return {
    post,
    oracle: { typeset: blog.typeset, errors: blog.errors },
    mlpost: { typeset: counted.typeset, errors: counted.errors },
    proseCoverage: proseCoverage(proseTokens(blog.prose), proseTokens(counted.prose)),
    crashed: rendered.messages.some((message) => message.ruleId === 'render-crashed'),
  };
}

/** The page is whole: rendered, and the prose is there. */
export function isWhole(comparison: WildComparison): boolean {
  return !comparison.crashed && comparison.proseCoverage >= MIN_PROSE_COVERAGE;
}

/** mlpost at least as good as the blog: as many formulas typeset, no more errors, whole page. */
export function meetsOracle(comparison: WildComparison): boolean {
  return comparison.mlpost.typeset >= comparison.oracle.typeset && comparison.mlpost.errors <= comparison.oracle.errors && isWhole(comparison);
}
