import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCell, runCell, type RnnCellSpec } from '../../src/cells/index.js';
import { closeEngines } from '../../src/engines/index.js';
import type { RnnResult } from '../../src/cells/rnn-run.js';
import { createGraphRenderer, type GraphRenderer } from '../../src/graph/renderer.js';
import { charJacobianNorms, trainCharModel } from '../../src/numeric/rnn/index.js';
import { dataValuesOf, renderCells, sequenceOf } from './helpers.js';

// The example of shared/spec/cells.md, verbatim.
const EXAMPLE = `cell: rnn                  # rnn (tanh, s_t = tanh(U x_t + W s_{t-1} + b), o_t = softmax(V s_t + c)) or lstm
activation: tanh           # rnn only: tanh or relu
text: "hello world. hello rnn."   # or  file: data/tiny.txt  (relative to the post)
hidden: 32
bptt: 8                    # truncation length in steps; \`full\` = no truncation
train:
  epochs: 200
  learning_rate: 0.1
  optimizer: adagrad       # sgd or adagrad
  clip: 5                  # gradient clipping by value; 0 = off
  seed: 1
show:
  - loss                                   # training loss per epoch (line chart)
  - sample: {length: 80, prime: "h", temperature: 0.8, seed: 3}
  - gradient-check                         # analytic vs numeric gradient: max relative error per parameter
  - gradients: {steps: 40}                 # ‖∂s_T/∂s_{T-k}‖ for k = 0…steps: the vanishing-gradient chart (rnn vs lstm on the same data)
  - unroll: 4                              # diagram of the network unrolled over 4 steps (x_t, s_t, o_t, U/V/W shared)
  - parameters                             # U, W, V as heat maps
`;
const TEXT = 'hello world. hello rnn.';

let graph: GraphRenderer;
let html: string;
let messages: string[];
beforeAll(async () => {
  graph = await createGraphRenderer({ spare: false });
  ({ html, messages } = await renderCells('```{.rnn .center caption="A char-RNN" timeout=60}\n' + EXAMPLE + '```\n', { graph }));
});
afterAll(async () => {
  await closeEngines();
});

const numbers = (values: string[]) => values.map(Number);

describe('rnn: the example of the spec', () => {
  it('builds without problems, parts in the order of show', () => {
    expect(messages).toEqual([]);
    expect([...html.matchAll(/data-show="([a-z-]+)"/g)].map((m) => m[1])).toEqual(['loss', 'sample', 'gradient-check', 'gradients', 'unroll', 'parameters']);
    expect(html).toMatch(/^<figure class="mlpost-cell mlpost-rnn center" id="cell-[0-9a-f]{8}">/);
  });

  it('shows the training loss of the numeric core, epoch by epoch, in the chart table', () => {
    const reference = trainCharModel(TEXT, { cell: 'rnn', activation: 'tanh', hidden: 32, bptt: 8, epochs: 200, learningRate: 0.1, optimizer: 'adagrad', clip: 5, seed: 1 });
    const values = numbers(dataValuesOf(html, 'loss'));
    // Summary (final loss, ln C), then the table: epoch, loss per row.
    const table = values.slice(2);
    expect(table.filter((_, i) => i % 2 === 0)).toEqual(Array.from({ length: 200 }, (_, e) => e + 1));
    expect(table.filter((_, i) => i % 2 === 1)).toEqual(reference.lossPerEpoch);
    expect(values[1]).toBe(Math.log(10));
    expect(reference.lossPerEpoch[199]!).toBeLessThan(reference.lossPerEpoch[0]! / 10);
  });

  it('samples 80 characters after the prime, one <li> each', () => {
    const chars = sequenceOf(html, 'sample');
    expect(chars).toHaveLength(80);
    for (const char of chars) expect('helowrdn.␣').toContain(char);
  });

  it('gradient check: one row per parameter, analytic and numeric gradients agree', () => {
    const errors = numbers(dataValuesOf(html, 'gradient-check'));
    expect(html).toMatch(/<th scope="row">U<\/th>.*<th scope="row">W<\/th>.*<th scope="row">V<\/th>.*<th scope="row">b<\/th>.*<th scope="row">c<\/th>/);
    expect(errors).toHaveLength(5);
    for (const error of errors) expect(error).toBeLessThan(1e-4);
  });

  it('vanishing gradients: k, rnn, lstm columns equal to the core\'s Jacobian norms', () => {
    const options = { hidden: 32, bptt: 8, epochs: 200, learningRate: 0.1, optimizer: 'adagrad', clip: 5, seed: 1 } as const;
    const rnn = charJacobianNorms(trainCharModel(TEXT, { ...options, cell: 'rnn', activation: 'tanh' }).model, TEXT, 40).map((n) => n.spectral!);
    const lstm = charJacobianNorms(trainCharModel(TEXT, { ...options, cell: 'lstm' }).model, TEXT, 40).map((n) => n.spectral!);
    expect(html).toContain('<th scope="col">k</th><th scope="col">rnn</th><th scope="col">lstm</th>');
    const table = numbers(dataValuesOf(html, 'gradients')).slice(2);
    expect(table.filter((_, i) => i % 3 === 0)).toEqual(Array.from({ length: 41 }, (_, k) => k));
    expect(table.filter((_, i) => i % 3 === 1)).toEqual(rnn);
    expect(table.filter((_, i) => i % 3 === 2)).toEqual(lstm);
    expect(rnn[0]).toBeCloseTo(1, 12);
    expect(rnn[40]!).toBeLessThan(rnn[1]!);
  });

  it('draws the unrolled network through Graphviz and the parameters as heat maps with ranges', () => {
    expect(html).toMatch(/data-show="unroll"><div class="mlpost-diagram"><svg/);
    const part = html.slice(html.indexOf('data-show="parameters"'));
    expect(part.match(/class="mlpost-chart mlpost-chart-heat"/g)).toHaveLength(3);
    expect(part).toContain('<strong>U</strong> (hidden × vocabulary, 32 × 10)');
  });
});

describe('rnn: other forms', () => {
  it('an LSTM cell and text from a file next to the post', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mlpost-post-'));
    mkdirSync(join(folder, 'data'));
    writeFileSync(join(folder, 'data', 'tiny.txt'), 'abcabcabd');
    const body = 'cell: lstm\nfile: data/tiny.txt\nhidden: 4\nbptt: full\ntrain: {epochs: 5, seed: 2}\nshow: [loss, gradient-check]\n';
    const { html: page, messages: found } = await renderCells('```rnn\n' + body + '```\n', {}, join(folder, 'post.md'));
    expect(found).toEqual([]);
    expect(page).toMatch(/<th scope="row">Wf<\/th>/);
    for (const error of numbers(dataValuesOf(page, 'gradient-check'))) expect(error).toBeLessThan(1e-4);
    const missing = await renderCells('```rnn\nfile: data/none.txt\n```\n', {}, join(folder, 'post.md'));
    expect(missing.messages[0]).toMatch(/^post\.md:2:7: error: rnn: cannot read "data\/none\.txt": .* \[cell-file\]$/);
  });

  it('runCell is deterministic', () => {
    const spec = parseCell('rnn', 'text: "abcab"\nhidden: 3\ntrain: {epochs: 3}\nshow: [loss, {sample: {length: 5}}]\n').spec as RnnCellSpec;
    expect(runCell(spec) as RnnResult).toEqual(runCell(spec) as RnnResult);
  });
});
