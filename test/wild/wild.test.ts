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
export const KNOWN_GAPS: readonly KnownGap[] = [
  { post: 'ashitemaru-hello-world.md', oracle: { typeset: 5, errors: 0 }, mlpost: { typeset: 4, errors: 2 }, whole: true },
  { post: 'cofess-linear-regression.md', oracle: { typeset: 8, errors: 0 }, mlpost: { typeset: 6, errors: 0 }, whole: true },
  { post: 'criss-wang-gradient-descent.md', oracle: { typeset: 21, errors: 0 }, mlpost: { typeset: 19, errors: 0 }, whole: true },
  { post: 'fresh88888888-dpo.md', oracle: { typeset: 5, errors: 0 }, mlpost: { typeset: 3, errors: 0 }, whole: false },
  { post: 'icecreamww-hmm.md', oracle: { typeset: 14, errors: 0 }, mlpost: { typeset: 13, errors: 0 }, whole: true },
  { post: 'jianjiansha-gan.md', oracle: { typeset: 17, errors: 0 }, mlpost: { typeset: 1, errors: 1 }, whole: false },
  { post: 'magicly-markdown-math.md', oracle: { typeset: 7, errors: 0 }, mlpost: { typeset: 6, errors: 0 }, whole: true },
  { post: 'mxxhcm-logistic-regression.md', oracle: { typeset: 30, errors: 0 }, mlpost: { typeset: 28, errors: 0 }, whole: true },
  { post: 'mxxhcm-policy-gradient.md', oracle: { typeset: 48, errors: 0 }, mlpost: { typeset: 45, errors: 0 }, whole: true },
  { post: 'pengzhendong-logistic-regression.md', oracle: { typeset: 14, errors: 0 }, mlpost: { typeset: 11, errors: 3 }, whole: true },
  { post: 'realmorty-hexo-syntax.md', oracle: { typeset: 5, errors: 0 }, mlpost: { typeset: 3, errors: 0 }, whole: true },
  { post: 'xuetf-attention.md', oracle: { typeset: 5, errors: 0 }, mlpost: { typeset: 8, errors: 1 }, whole: true },
  { post: 'zhengchu1994-em.md', oracle: { typeset: 23, errors: 0 }, mlpost: { typeset: 22, errors: 0 }, whole: true },
];

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
