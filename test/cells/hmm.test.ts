import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCell, runCell, type HmmCellSpec } from '../../src/cells/index.js';
import { closeEngines } from '../../src/engines/index.js';
import type { HmmResult } from '../../src/cells/hmm-run.js';
import { createGraphRenderer, type GraphRenderer } from '../../src/graph/renderer.js';
import { createHmm, likelihood } from '../../src/numeric/hmm/index.js';
import { dataValuesOf, renderCells, sequenceOf } from './helpers.js';

const reference = JSON.parse(readFileSync(new URL('../../fixtures/cells/hmm-reference.json', import.meta.url), 'utf8'));

// The three examples of shared/spec/cells.md, verbatim.
const GIVEN = `# given model (the Wikipedia "Healthy/Fever" example)
states: [Healthy, Fever]          # names; or an integer count when learning
symbols: [normal, cold, dizzy]    # the observation alphabet
start: [0.6, 0.4]
transition:                       # rows: from-state, columns: to-state
  - [0.7, 0.3]
  - [0.4, 0.6]
emission:                         # rows: state, columns: symbol
  - [0.5, 0.4, 0.1]
  - [0.1, 0.3, 0.6]
observe: [normal, cold, dizzy]    # the sequence the queries below are about
show: [diagram, likelihood, viterbi, posterior, trellis]
`;
const BAUM_WELCH = `# learned without labels (Baum–Welch)
states: 2
symbols: [H, T]
learn:
  from: [[H, H, T, H, T, T], [T, T, H]]   # one or more observation sequences
  iterations: 200                         # upper bound
  tolerance: 1.0e-8                       # stop when the log-likelihood gain is below this
  restarts: 4                             # random initialisations; keep the best
  seed: 42
show: [learning-curve, start, transition, emission]
`;
const COUNTING = `# learned from labelled sequences (counting: the two matrices the article describes)
states: [Rainy, Sunny]
symbols: [walk, shop, clean]
learn:
  labelled:
    - states:  [Rainy, Rainy, Sunny, Sunny]
      symbols: [walk,  shop,  clean, walk]
  smoothing: 1                            # add-k (Laplace) smoothing, default 0
show: [transition, emission, diagram]
`;

const fence = (info: string, body: string) => `\`\`\`${info}\n${body}\`\`\`\n`;
const numbers = (values: string[]) => values.map(Number);

function spec(body: string): HmmCellSpec {
  const parsed = parseCell('hmm', body);
  expect(parsed.problems).toEqual([]);
  return parsed.spec as HmmCellSpec;
}

function expectClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected[i]!))));
}

let graph: GraphRenderer;
beforeAll(async () => {
  graph = await createGraphRenderer({ spare: false });
});
afterAll(async () => {
  await closeEngines();
});

describe('hmm: the given model of the spec (Healthy/Fever)', () => {
  it('computes the likelihood, Viterbi path, posterior and trellis of the reference', async () => {
    const ref = reference.healthy_fever;
    const { html, messages } = await renderCells(fence('{.hmm caption="Viterbi on the weather model" #fig-weather echo=true}', GIVEN), { graph });
    expect(messages).toEqual([]);
    expectClose(numbers(dataValuesOf(html, 'likelihood')), [ref.forward_prob, ref.loglik]);
    expect(sequenceOf(html, 'viterbi')).toEqual(['Healthy', 'Healthy', 'Fever']);
    expectClose(numbers(dataValuesOf(html, 'viterbi')), [ref.viterbi_logprob]);
    expectClose(numbers(dataValuesOf(html, 'posterior')), ref.posterior_gamma.flat());
    // The trellis table lists log δ per step and state.
    const trellisValues = numbers(dataValuesOf(html, 'trellis')).filter((_, i) => i % 3 !== 0);
    expectClose(trellisValues, ref.viterbi_trellis_prob.flat().map(Math.log));
  });

  it('renders the spec output markup: figure, classes, id, source, parts in order, caption', async () => {
    const { html } = await renderCells(fence('{.hmm .center caption="Viterbi on the weather model" #fig-weather echo=true}', GIVEN), { graph });
    expect(html).toMatch(/^<figure class="mlpost-cell mlpost-hmm center" id="fig-weather"><details class="mlpost-cell-source"><summary>/);
    const order = [...html.matchAll(/data-show="([a-z-]+)"/g)].map((match) => match[1]);
    expect(order).toEqual(['diagram', 'likelihood', 'viterbi', 'posterior', 'trellis']);
    expect(html).toContain('<figcaption>Viterbi on the weather model</figcaption></figure>');
    expect(html).toContain('<data value="-3.3164886537352');
    expect(html).toMatch(/<data value="-3\.31648865373520\d*" class="mlpost-logprob" title="natural log-probability">−3\.316<\/data>/);
    expect(html).toContain('<ol class="mlpost-seq" aria-label="Viterbi path">');
    // Matrices are tables with a <data> per cell; the heat map beside them is aria-hidden.
    expect(html).toMatch(/data-show="posterior"><div class="mlpost-table-heat"><table class="mlpost-matrix">/);
    expect(html).toMatch(/data-show="posterior">.*?<svg role="img"[^>]*aria-hidden="true"/);
    // The diagram went through Graphviz: an inline SVG with the state names.
    expect(html).toMatch(/data-show="diagram"><div class="mlpost-diagram"><svg/);
    expect(html).toMatch(/data-show="trellis"><div class="mlpost-chart mlpost-chart-trellis"><svg role="img"/);
  });

  it('accepts every fence form of the spec', async () => {
    for (const info of ['hmm', '{.hmm caption="Viterbi on the weather model" #fig-weather echo=true}', '{.hmm .center caption="x" timeout=60}']) {
      const { html, messages } = await renderCells(fence(info, GIVEN.replace('diagram, ', '')), { graph });
      expect(messages).toEqual([]);
      expect(html).toContain('data-show="viterbi"');
    }
  });

  it('agrees with hmmlearn on the Rainy/Sunny model', () => {
    const ref = reference.rainy_sunny;
    const body = `states: [Rainy, Sunny]\nsymbols: [walk, shop, clean]\nstart: ${JSON.stringify(ref.pi)}\ntransition: ${JSON.stringify(ref.A)}\nemission: ${JSON.stringify(ref.B)}\nobserve: [walk, shop, clean]\nshow: [likelihood, viterbi, posterior]\n`;
    const result = runCell(spec(body)) as HmmResult;
    expectClose([result.likelihood!.probability, result.likelihood!.logProbability], [ref.forward_prob, ref.loglik]);
    expect(result.viterbi!.path).toEqual(ref.viterbi_path);
    expectClose([result.viterbi!.logProbability], [ref.viterbi_logprob]);
    expectClose(result.posterior!.flat(), ref.posterior_gamma.flat());
  });
});

describe('hmm: learning', () => {
  it('Baum–Welch (spec example): a non-decreasing curve whose last value is the learned model\'s log-likelihood', async () => {
    const cell = spec(BAUM_WELCH);
    const result = runCell(cell) as HmmResult;
    const curve = result.baumWelch!.logLikelihoods;
    for (let k = 1; k < curve.length; k++) expect(curve[k]!).toBeGreaterThanOrEqual(curve[k - 1]! - 1e-9);
    const model = createHmm(result.model);
    const total = [[0, 0, 1, 0, 1, 1], [1, 1, 0]].reduce((sum, sequence) => sum + likelihood(model, sequence).logProbability, 0);
    expectClose([curve[curve.length - 1]!], [total], 1e-9);
    expect(result.baumWelch!.restartLogLikelihoods).toHaveLength(4);
    expect(Math.max(...result.baumWelch!.restartLogLikelihoods)).toBe(curve[curve.length - 1]);
    for (const row of [result.model.start, ...result.model.transition, ...result.model.emission]) expectClose([row.reduce((a, b) => a + b, 0)], [1], 1e-9);

    const { html, messages } = await renderCells(fence('hmm', BAUM_WELCH), { graph });
    expect(messages).toEqual([]);
    // The learning curve's table: iteration, log-likelihood — one row per iteration.
    const values = numbers(dataValuesOf(html, 'learning-curve'));
    expect(values.slice(1).filter((_, i) => i % 2 === 1)).toEqual(curve);
    expect(html).toContain('<th scope="col">iteration</th><th scope="col">log-likelihood</th>');
    expect(html).toContain('<th scope="row">S1</th>');
  });

  it('counting with add-1 smoothing (spec example) gives the matrices worked out by hand', async () => {
    const { html, messages } = await renderCells(fence('hmm', COUNTING), { graph });
    expect(messages).toEqual([]);
    expectClose(numbers(dataValuesOf(html, 'transition')), [2 / 4, 2 / 4, 1 / 3, 2 / 3]);
    expectClose(numbers(dataValuesOf(html, 'emission')), [2 / 5, 2 / 5, 1 / 5, 2 / 5, 1 / 5, 2 / 5]);
    expect(html).toContain('data-show="diagram"');
  });

  it('counting agrees with the reference corpus (MLE and add-1)', () => {
    const ref = reference.supervised_counting;
    const S = ['A', 'B'];
    const O = ['x', 'y', 'z'];
    const labelled = ref.corpus
      .map((item: { X: number[]; O: number[] }) => `    - states: [${item.X.map((i) => S[i]).join(', ')}]\n      symbols: [${item.O.map((k) => O[k]).join(', ')}]`)
      .join('\n');
    for (const [smoothing, expected] of [[0, ref.mle], [1, ref.laplace_add1]] as const) {
      const result = runCell(spec(`states: [A, B]\nsymbols: [x, y, z]\nlearn:\n  labelled:\n${labelled}\n  smoothing: ${smoothing}\nshow: [start, transition, emission]\n`)) as HmmResult;
      expectClose(result.model.start, expected.pi);
      expectClose(result.model.transition.flat(), expected.A.flat());
      expectClose(result.model.emission.flat(), expected.B.flat());
    }
  });

  it('samples are deterministic per seed and independent of other items', () => {
    const body = GIVEN.replace('show: [diagram, likelihood, viterbi, posterior, trellis]', 'show: [{sample: {length: 12, seed: 7}}]');
    const one = runCell(spec(body)) as HmmResult;
    const two = runCell(spec(body.replace('show: [', 'show: [viterbi, {sample: {length: 3, seed: 1}}, '))) as HmmResult;
    expect(one.samples[0]).toEqual(two.samples[1]);
    expect(one.samples[0]!.states).toHaveLength(12);
  });
});
