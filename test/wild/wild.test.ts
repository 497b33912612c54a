/**
 * The wild corpus (fixtures/wild/, SOURCES.tsv): real posts by other Hexo ML bloggers,
 * each rendered by mlpost and compared with the oracle — the same post through marked and
 * MathJax 3 as the blogs showed it (oracle.ts). Counts per post: test/wild/baseline.md
 * (`node --import tsx scripts/wild-report.mjs`).
 *
 * A post meets the oracle when mlpost typesets at least as many formulas, has no more
 * errors, and its page is whole (rendered, the prose kept: compare.ts). Posts that do not
 * yet are listed in KNOWN_GAPS with today's mlpost counts. The test fails when a listed post
 * meets the oracle (take it off the list) or falls further behind its recorded counts.
 */
import { describe, expect, test } from 'vitest';
import { compareWildPost, isWhole, meetsOracle, wildPosts, type WildComparison } from './compare.js';

interface KnownGap {
  post: string;
  oracle: { typeset: number; errors: number };
  /** mlpost's counts when the gap was recorded: it may do better, never worse. */
  mlpost: { typeset: number; errors: number };
  whole: boolean;
}

/** Posts where mlpost is not yet as good as the blog (issue 14, deliverables 1–4). */
export const KNOWN_GAPS: readonly KnownGap[] = [];

const gaps = new Map(KNOWN_GAPS.map((gap) => [gap.post, gap]));

function describeCounts(comparison: WildComparison): string {
  const { oracle, mlpost, proseCoverage } = comparison;
  return `oracle ${oracle.typeset} typeset / ${oracle.errors} errors, mlpost ${mlpost.typeset} / ${mlpost.errors}, prose ${proseCoverage.toFixed(3)}`;
}

describe('wild corpus: mlpost against the blogs (marked + MathJax 3)', () => {
  test('every known gap names a post of the corpus', () => {
    const posts = new Set(wildPosts());
    expect(KNOWN_GAPS.filter((gap) => !posts.has(gap.post)).map((gap) => gap.post)).toEqual([]);
  });

  test.each(wildPosts())('%s', async (post) => {
    const comparison = await compareWildPost(post);
    expect(comparison.crashed, `${post}: render crashed`).toBe(false);
    const gap = gaps.get(post);
    if (!gap) {
      expect(meetsOracle(comparison), `${post}: ${describeCounts(comparison)}`).toBe(true);
      return;
    }
    expect(meetsOracle(comparison), `${post} now meets the oracle (${describeCounts(comparison)}): remove it from KNOWN_GAPS`).toBe(false);
    const behind: string[] = [];
    if (comparison.mlpost.typeset < gap.mlpost.typeset) behind.push(`typesets ${comparison.mlpost.typeset} < ${gap.mlpost.typeset}`);
    if (comparison.mlpost.errors > gap.mlpost.errors) behind.push(`errors ${comparison.mlpost.errors} > ${gap.mlpost.errors}`);
    if (gap.whole && !isWhole(comparison)) behind.push('page no longer whole');
    expect(behind, `${post} fell behind its KNOWN_GAPS entry (${describeCounts(comparison)})`).toEqual([]);
  });
});
