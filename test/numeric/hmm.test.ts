import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backward,
  backwardLog,
  backwardUnscaled,
  baumWelch,
  createHmm,
  estimateByCounting,
  expectedCounts,
  expectedCountsPlain,
  forward,
  forwardLog,
  forwardPlain,
  forwardUnscaled,
  likelihood,
  maximize,
  posterior,
  runEm,
  sampleHmm,
  unscaledProbability,
  viterbi,
  viterbiPlain,
  type Hmm,
} from '../../src/numeric/hmm/index.js';
import { toRows } from '../../src/numeric/matrix.js';
import { mulberry32, Random } from '../../src/numeric/random.js';
import { expectClose, loadReference } from './helpers.js';

type Rows = number[][];
interface Case {
  obs: number[];
  forward_alpha_unscaled: Rows;
  forward_prob: number;
  loglik_scaled: number;
  loglik_logspace: number;
  scaling_c: number[];
  alpha_hat: Rows;
  beta_hat: Rows;
  log_alpha: Rows;
  log_beta: Rows;
  posterior_gamma: Rows;
  viterbi_path: number[];
  viterbi_logprob: number;
  viterbi_prob: number;
  map_path: number[];
}
interface Block {
  pi: number[];
  A: Rows;
  B: Rows;
  cases: Case[];
}
interface BwIter {
  expected_start: number[];
  expected_trans: Rows;
  expected_obs: Rows;
  pi: number[];
  A: Rows;
  B: Rows;
  loglik_before: number;
  loglik_after?: number;
}
interface EisnerIter {
  pi: number[];
  A: Rows;
  B: Rows;
  stop: number[];
  P_before?: number;
  loglik_before_each_iter?: number[];
}
interface HmmRef {
  wikipedia_viterbi_healthy_fever: Block & { viterbi_trellis_prob: Rows; published: { prob: number; trellis: { Healthy: number[]; Fever: number[] } } };
  hmmlearn_wikipedia_rainy_sunny: Block & { published: { viterbi_path: number[]; viterbi_prob_round5: number; predict_proba: Rows; atol: number } };
  hmmlearn_wikipedia_umbrella: Block & {
    unscaled_beta: Rows;
    published: { loglik_round4: number; viterbi_path: number[]; viterbi_logprob_round4: number; fwd_unscaled: Rows; bwd_unscaled: Rows; posteriors: Rows };
  };
  jm_icecream_appendixA_313: Block;
  jm_icecream_2017ch9_313: { pi: number[]; A_without_end: Rows; end: number[]; B: Rows; obs: number[]; alpha: Rows; P_with_end: number; published: { alpha1: { H: number; C: number }; alpha2: { H: number; C: number } } };
  eisner_icecream_33days: {
    obs: number[];
    A_without_stop: Rows;
    B: Rows;
    stop: number[];
    'start_0.5_0.5': { P_forward: number; P_backward: number; alpha: Rows; beta: Rows };
    'one_bw_iter_from_start_0.5_0.5': EisnerIter;
    'one_bw_iter_from_start_0.3_0.7': EisnerIter;
    'ten_bw_iters_from_start_0.3_0.7': EisnerIter;
    published: { one_iter: { pi: number[]; A_rowmajor: number[] }; ten_iters: { pi: number[]; A_rowmajor: number[]; B_rowmajor: number[]; stop: number[] } };
  };
  synthetic_3x4: Block & {
    bw_one_iter_seq1: BwIter;
    bw_one_iter_seq1_seq2: BwIter;
    bw_ten_iters_seq1_seq2: { pi: number[]; A: Rows; B: Rows; loglik_before_each_iter: number[] };
  };
  supervised_counting: {
    corpus: { X: number[]; O: number[] }[];
    counts_start: number[];
    counts_trans: Rows;
    counts_emit: Rows;
    mle: { pi: number[]; A: Rows; B: Rows };
    laplace_add1: { pi: number[]; A: Rows; B: Rows };
    score_obs: number[];
    loglik_mle: number;
    loglik_laplace: number;
  };
  supervised_counting_unseen_symbol: { M: number; mle_B: Rows; laplace_B: Rows; laplace_pi: number[]; laplace_A: Rows; score_obs: number[]; loglik_mle: string; loglik_laplace: number };
  underflow_T1000: {
    first_t_unscaled_sum_subnormal: number;
    first_t_unscaled_sum_zero: number;
    loglik_scaled: number;
    loglik_logspace: number;
    viterbi_logprob: number;
    viterbi_path_first12: number[];
    viterbi_path_sum: number;
  };
  mulberry32_seed42: { sample_T20_states: number[]; sample_T20_obs: number[] };
}

const ref = loadReference<HmmRef>('hmm_ref.json');
const modelOf = (b: { pi: number[]; A: Rows; B: Rows }): Hmm => createHmm({ start: b.pi, transition: b.A, emission: b.B });

const blocks = ['wikipedia_viterbi_healthy_fever', 'hmmlearn_wikipedia_rainy_sunny', 'hmmlearn_wikipedia_umbrella', 'jm_icecream_appendixA_313', 'synthetic_3x4'] as const;

describe('HMM reference cases (hmm_ref.json)', () => {
  for (const name of blocks) {
    const block: Block = ref[name];
    block.cases.forEach((c, k) => {
      it(`${name} case ${k}: forward, backward, posteriors, Viterbi`, () => {
        const hmm = modelOf(block);
        const naive = forwardUnscaled(hmm, c.obs);
        expectClose(naive, c.forward_alpha_unscaled);
        expectClose(unscaledProbability(hmm, naive), c.forward_prob);
        for (const f of [forward(hmm, c.obs), forwardPlain(hmm, c.obs)]) {
          expectClose(f.logLikelihood, c.loglik_scaled);
          expectClose(f.scale, c.scaling_c);
          expectClose(f.alphaHat, c.alpha_hat);
        }
        expectClose(backward(hmm, c.obs), c.beta_hat);
        const fl = forwardLog(hmm, c.obs);
        expectClose(fl.logAlpha, c.log_alpha);
        expectClose(fl.logLikelihood, c.loglik_logspace);
        expectClose(backwardLog(hmm, c.obs), c.log_beta);
        const post = posterior(hmm, c.obs);
        expectClose(post.gamma, c.posterior_gamma);
        const mapPath = toRows(post.gamma).map((r) => r.indexOf(Math.max(...r)));
        expect(mapPath).toEqual(c.map_path);
        for (const v of [viterbi(hmm, c.obs), viterbiPlain(hmm, c.obs)]) {
          expect(Array.from(v.path)).toEqual(c.viterbi_path);
          expectClose(v.logProbability, c.viterbi_logprob);
          expectClose(Math.exp(v.logProbability), c.viterbi_prob);
        }
        const lk = likelihood(hmm, c.obs);
        expectClose(lk.probability, c.forward_prob);
      });
    });
  }

  it('Wikipedia Viterbi page: P(normal, cold, dizzy) = 0.03628, path Healthy, Healthy, Fever, p = 0.01512', () => {
    const b = ref.wikipedia_viterbi_healthy_fever;
    const hmm = modelOf(b);
    expect(likelihood(hmm, [0, 1, 2]).probability).toBeCloseTo(0.03628, 12);
    const v = viterbi(hmm, [0, 1, 2]);
    expect(Array.from(v.path)).toEqual([0, 0, 1]);
    expect(Math.exp(v.logProbability)).toBeCloseTo(b.published.prob, 15);
    expectClose(v.logDelta.data.map(Math.exp), b.viterbi_trellis_prob);
    expectClose(toRows(v.logDelta).map((r) => Math.exp(r[0])), b.published.trellis.Healthy, 1e-12);
    expectClose(toRows(v.logDelta).map((r) => Math.exp(r[1])), b.published.trellis.Fever, 1e-12);
    expect(Array.from(v.backpointers.subarray(2))).toEqual([0, 0, 0, 0]);
  });

  it('hmmlearn published values (Rainy/Sunny, umbrella)', () => {
    const rs = ref.hmmlearn_wikipedia_rainy_sunny;
    const h1 = modelOf(rs);
    const v1 = viterbi(h1, [0, 1, 2]);
    expect(Array.from(v1.path)).toEqual(rs.published.viterbi_path);
    expect(Math.round(Math.exp(v1.logProbability) * 1e5) / 1e5).toBe(rs.published.viterbi_prob_round5);
    expectClose(posterior(h1, [0, 1, 2]).gamma, rs.published.predict_proba, 0, rs.published.atol);
    const um = ref.hmmlearn_wikipedia_umbrella;
    const h2 = modelOf(um);
    const obs = um.cases[0].obs;
    expect(likelihood(h2, obs).logProbability.toFixed(4)).toBe(um.published.loglik_round4.toFixed(4));
    const v2 = viterbi(h2, obs);
    expect(Array.from(v2.path)).toEqual(um.published.viterbi_path);
    expect(v2.logProbability.toFixed(4)).toBe(um.published.viterbi_logprob_round4.toFixed(4));
    expectClose(forwardUnscaled(h2, obs), um.published.fwd_unscaled, 0, 5e-5);
    expectClose(backwardUnscaled(h2, obs), um.published.bwd_unscaled, 0, 5e-5);
    expectClose(backwardUnscaled(h2, obs), um.unscaled_beta);
    expectClose(posterior(h2, obs).gamma, um.published.posteriors, 0, 5e-5);
  });

  it('Jurafsky & Martin ice cream with end state', () => {
    const j = ref.jm_icecream_2017ch9_313;
    const hmm = createHmm({ start: j.pi, transition: j.A_without_end, emission: j.B, end: j.end });
    const alpha = forwardUnscaled(hmm, j.obs);
    expectClose(alpha, j.alpha);
    expectClose(unscaledProbability(hmm, alpha), j.P_with_end);
    expectClose(likelihood(hmm, j.obs).probability, j.P_with_end);
    expectClose(forwardLog(hmm, j.obs).logLikelihood, Math.log(j.P_with_end));
    expectClose([alpha.data[0], alpha.data[1], alpha.data[2], alpha.data[3]], [j.published.alpha1.H, j.published.alpha1.C, j.published.alpha2.H, j.published.alpha2.C], 1e-12);
  });

  it('Eisner’s 33-day ice-cream spreadsheet: forward/backward and Baum–Welch with stop probabilities', () => {
    const e = ref.eisner_icecream_33days;
    const at = (start: number[]): Hmm => createHmm({ start, transition: e.A_without_stop, emission: e.B, end: e.stop });
    const hmm = at([0.5, 0.5]);
    const s = e['start_0.5_0.5'];
    expectClose(forwardUnscaled(hmm, e.obs), s.alpha);
    expectClose(backwardUnscaled(hmm, e.obs), s.beta);
    expectClose(likelihood(hmm, e.obs).probability, s.P_forward, 1e-12, 0);
    expectClose(forwardLog(hmm, e.obs).logLikelihood, Math.log(s.P_backward));
    const eisnerStep = (m: Hmm, plain: boolean): Hmm => maximize(plain ? expectedCountsPlain(m, [e.obs]) : expectedCounts(m, [e.obs]), m);
    for (const [key, start] of [['one_bw_iter_from_start_0.5_0.5', [0.5, 0.5]], ['one_bw_iter_from_start_0.3_0.7', [0.3, 0.7]]] as const) {
      const want = e[key];
      for (const plain of [false, true]) {
        const m0 = at([...start]);
        expectClose(likelihood(m0, e.obs).probability, want.P_before!, 1e-12, 0);
        const m1 = eisnerStep(m0, plain);
        expectClose(m1.start, want.pi);
        expectClose(m1.transition, want.A);
        expectClose(m1.emission, want.B);
        expectClose(m1.end!, want.stop);
      }
    }
    const ten = e['ten_bw_iters_from_start_0.3_0.7'];
    const run = runEm(at([0.3, 0.7]), [e.obs], 10, -Infinity);
    expectClose(run.logLikelihoods.slice(0, 10), ten.loglik_before_each_iter!, 1e-12);
    expectClose(run.model.start, ten.pi, 1e-9, 1e-15);
    expectClose(run.model.transition, ten.A, 1e-12);
    expectClose(run.model.emission, ten.B, 1e-12);
    expectClose(run.model.end!, ten.stop, 1e-9, 1e-15);
    expectClose(run.model.transition, e.published.ten_iters.A_rowmajor, 0, 5e-5);
    expectClose(run.model.emission, e.published.ten_iters.B_rowmajor, 0, 5e-5);
  });

  it('synthetic 3×4 model: E-step counts, M-step, ten Baum–Welch iterations on two sequences', () => {
    const b = ref.synthetic_3x4;
    const hmm = modelOf(b);
    const [s1, s2] = b.cases.map((c) => c.obs);
    for (const [want, seqs] of [[b.bw_one_iter_seq1, [s1]], [b.bw_one_iter_seq1_seq2, [s1, s2]]] as const) {
      for (const counts of [expectedCounts(hmm, seqs), expectedCountsPlain(hmm, seqs)]) {
        expectClose(counts.start, want.expected_start);
        expectClose(counts.transition, want.expected_trans);
        expectClose(counts.emission, want.expected_obs);
        expectClose(counts.logLikelihood, want.loglik_before);
        const next = maximize(counts, hmm);
        expectClose(next.start, want.pi);
        expectClose(next.transition, want.A);
        expectClose(next.emission, want.B);
        if (want.loglik_after !== undefined) expectClose(likelihood(next, s1).logProbability, want.loglik_after);
      }
    }
    const ten = b.bw_ten_iters_seq1_seq2;
    const res = baumWelch([s1, s2], { states: 3, symbols: 4, initial: hmm, iterations: 10, tolerance: -Infinity });
    expect(res.logLikelihoods).toHaveLength(11);
    expectClose(res.logLikelihoods.slice(0, 10), ten.loglik_before_each_iter);
    expectClose(res.model.start, ten.pi, 1e-10);
    expectClose(res.model.transition, ten.A, 1e-10);
    expectClose(res.model.emission, ten.B, 1e-10);
  });

  it('supervised counting with and without add-1 smoothing; zeros give −∞, not NaN', () => {
    const s = ref.supervised_counting;
    const corpus = s.corpus.map((c) => ({ states: c.X, symbols: c.O }));
    const mle = estimateByCounting(corpus, 2, 3);
    expectClose(mle.counts.start, s.counts_start);
    expectClose(mle.counts.transition, s.counts_trans);
    expectClose(mle.counts.emission, s.counts_emit);
    expectClose(mle.model.start, s.mle.pi);
    expectClose(mle.model.transition, s.mle.A);
    expectClose(mle.model.emission, s.mle.B);
    const lap = estimateByCounting(corpus, 2, 3, 1);
    expectClose(lap.model.start, s.laplace_add1.pi);
    expectClose(lap.model.transition, s.laplace_add1.A);
    expectClose(lap.model.emission, s.laplace_add1.B);
    expectClose(likelihood(mle.model, s.score_obs).logProbability, s.loglik_mle);
    expectClose(forwardLog(mle.model, s.score_obs).logLikelihood, s.loglik_mle);
    expectClose(likelihood(lap.model, s.score_obs).logProbability, s.loglik_laplace);
    const u = ref.supervised_counting_unseen_symbol;
    const mle4 = estimateByCounting(corpus, 2, u.M);
    const lap4 = estimateByCounting(corpus, 2, u.M, 1);
    expectClose(mle4.model.emission, u.mle_B);
    expectClose(lap4.model.emission, u.laplace_B);
    expectClose(lap4.model.start, u.laplace_pi);
    expectClose(lap4.model.transition, u.laplace_A);
    expect(u.loglik_mle).toBe('-Infinity');
    expect(likelihood(mle4.model, u.score_obs).logProbability).toBe(-Infinity);
    expect(forwardLog(mle4.model, u.score_obs).logLikelihood).toBe(-Infinity);
    const v = viterbi(mle4.model, u.score_obs);
    expect(v.logProbability).toBe(-Infinity);
    expect(Array.from(v.logDelta.data).some(Number.isNaN)).toBe(false);
    const post = posterior(mle4.model, u.score_obs);
    expect(Array.from(post.gamma.data).some(Number.isNaN)).toBe(false);
    expectClose(likelihood(lap4.model, u.score_obs).logProbability, u.loglik_laplace);
  });

  it('T = 1000: the unscaled forward underflows where the reference says; scaled and log space do not', () => {
    const u = ref.underflow_T1000;
    const hmm = modelOf(ref.wikipedia_viterbi_healthy_fever);
    const obs = Array.from({ length: 1000 }, (_, t) => t % 3);
    const naive = toRows(forwardUnscaled(hmm, obs)).map((r) => r[0] + r[1]);
    expect(naive.findIndex((s) => s < 2.2250738585072014e-308)).toBe(u.first_t_unscaled_sum_subnormal);
    expect(naive.indexOf(0)).toBe(u.first_t_unscaled_sum_zero);
    expectClose(forward(hmm, obs).logLikelihood, u.loglik_scaled);
    expectClose(forwardLog(hmm, obs).logLikelihood, u.loglik_logspace);
    const v = viterbi(hmm, obs);
    expectClose(v.logProbability, u.viterbi_logprob);
    expect(Array.from(v.path.subarray(0, 12))).toEqual(u.viterbi_path_first12);
    expect(v.path.reduce((a, b) => a + b, 0)).toBe(u.viterbi_path_sum);
  });

  it('T = 100 000: likelihood finite, posteriors sum to 1', () => {
    const hmm = modelOf(ref.synthetic_3x4);
    const { symbols } = sampleHmm(hmm, 100_000, new Random(5));
    const ll = likelihood(hmm, symbols).logProbability;
    expect(Number.isFinite(ll)).toBe(true);
    expect(Math.abs(ll - forwardLog(hmm, symbols).logLikelihood)).toBeLessThan(1e-8 * Math.abs(ll));
    const g = posterior(hmm, symbols).gamma;
    for (const t of [0, 50_000, 99_999]) expect(Math.abs(g.data[3 * t] + g.data[3 * t + 1] + g.data[3 * t + 2] - 1)).toBeLessThan(1e-12);
  });

  it('sampling with mulberry32(42) reproduces the reference draw order', () => {
    const hmm = modelOf(ref.wikipedia_viterbi_healthy_fever);
    const { states, symbols } = sampleHmm(hmm, 20, new Random(42, mulberry32(42)));
    expect(Array.from(states)).toEqual(ref.mulberry32_seed42.sample_T20_states);
    expect(Array.from(symbols)).toEqual(ref.mulberry32_seed42.sample_T20_obs);
  });
});

describe('HMM properties', () => {
  const arbModel = fc
    .record({ n: fc.integer({ min: 1, max: 9 }), m: fc.integer({ min: 1, max: 5 }), seed: fc.integer({ min: 0, max: 2 ** 31 }), zeros: fc.boolean() })
    .map(({ n, m, seed, zeros }) => {
      const r = new Random(seed);
      const row = (k: number): number[] => {
        const v: number[] = Array.from({ length: k }, (): number => (zeros && r.uniform() < 0.3 ? 0 : r.uniform53() + 1e-3));
        if (!v.some((x) => x > 0)) v[0] = 1;
        const s = v.reduce((a, b) => a + b, 0);
        return v.map((x) => x / s);
      };
      const hmm = createHmm({ start: row(n), transition: Array.from({ length: n }, () => row(n)), emission: Array.from({ length: n }, () => row(m)) });
      const seqs = [1, 2].map((k) => sampleHmm(hmm, 3 + ((seed >>> k) % 40), r).symbols);
      return { hmm, seqs, seed };
    });

  it('posteriors sum to 1, nothing is NaN, tuned kernels agree with plain ones', () => {
    fc.assert(
      fc.property(arbModel, ({ hmm, seqs }) => {
        for (const obs of seqs) {
          const g = posterior(hmm, obs).gamma;
          const n = g.cols;
          for (let t = 0; t < g.rows; t++) {
            let s = 0;
            for (let i = 0; i < n; i++) s += g.data[t * n + i];
            expect(Math.abs(s - 1)).toBeLessThan(1e-12);
          }
          const f1 = forward(hmm, obs);
          const f2 = forwardPlain(hmm, obs);
          expectClose(f1.alphaHat, f2.alphaHat, 1e-12, 1e-15);
          expectClose(f1.logLikelihood, forwardLog(hmm, obs).logLikelihood, 1e-10, 1e-12);
          const v1 = viterbi(hmm, obs);
          const v2 = viterbiPlain(hmm, obs);
          expect(Array.from(v1.path)).toEqual(Array.from(v2.path));
          expect(v1.logProbability).toBe(v2.logProbability);
          expect(Array.from(v1.logDelta.data).some(Number.isNaN)).toBe(false);
        }
        const c1 = expectedCounts(hmm, seqs);
        const c2 = expectedCountsPlain(hmm, seqs);
        expectClose(c1.transition, c2.transition, 1e-11, 1e-14);
        expectClose(c1.emission, c2.emission, 1e-11, 1e-14);
      }),
      { numRuns: 60 },
    );
  });

  it('Baum–Welch never decreases the log-likelihood; restarts are deterministic', () => {
    fc.assert(
      fc.property(arbModel, ({ hmm, seqs, seed }) => {
        const opts = { states: hmm.start.length, symbols: hmm.emission.cols, iterations: 15, tolerance: 0, restarts: 2, seed };
        const r = baumWelch(seqs, opts);
        for (let k = 1; k < r.logLikelihoods.length; k++) expect(r.logLikelihoods[k] - r.logLikelihoods[k - 1]).toBeGreaterThan(-1e-9);
        expect(r.restartLogLikelihoods[r.bestRestart]).toBe(Math.max(...r.restartLogLikelihoods));
        expect(baumWelch(seqs, opts).logLikelihoods).toEqual(r.logLikelihoods);
        expect(Array.from(r.model.transition.data).some(Number.isNaN)).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it('counting estimates are row-stochastic for any labelled corpus and smoothing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(0, 0.5, 1, 2),
        (n, m, raw, k) => {
          const corpus = raw.map((seq) => ({ states: seq.map(([x]) => x % n), symbols: seq.map(([, o]) => o % m) }));
          const { model } = estimateByCounting(corpus, n, m, k);
          const rowsOk = (data: Float64Array, cols: number): void => {
            for (let i = 0; i < data.length / cols; i++) {
              let s = 0;
              for (let j = 0; j < cols; j++) s += data[i * cols + j];
              expect(Math.abs(s - 1)).toBeLessThan(1e-12);
            }
          };
          rowsOk(model.start, n);
          rowsOk(model.transition.data, n);
          rowsOk(model.emission.data, m);
        },
      ),
    );
  });

  it('rejects malformed models and sequences with a clear message', () => {
    expect(() => createHmm({ start: [0.5, 0.4], transition: [[1, 0], [0, 1]], emission: [[1], [1]] })).toThrow(/start sums to 0.9/);
    expect(() => createHmm({ start: [1], transition: [[1, 0]], emission: [[1]] })).toThrow(/transition is 1×2/);
    const hmm = modelOf(ref.wikipedia_viterbi_healthy_fever);
    expect(() => viterbi(hmm, [0, 3])).toThrow(/observation 1 is 3/);
    expect(() => forward(hmm, [])).toThrow(/empty/);
  });
});
