import { afterAll, describe, expect, it } from 'vitest';
import { parseCell } from '../../src/cells/index.js';
import { closeEngines } from '../../src/engines/index.js';
import { renderCells } from './helpers.js';

afterAll(async () => {
  await closeEngines();
});

/** Blank lines so that the fence opens on line `fenceLine`. */
const at = (fenceLine: number, text: string) => '\n'.repeat(fenceLine - 1) + text;

describe('errors of the spec, at the author\'s line and column', () => {
  it('post.md:42:3: hmm: transition row 2 sums to 0.9, expected 1', async () => {
    const cell = '```hmm\nstates: [A, B]\nsymbols: [x]\nstart: [0.5, 0.5]\ntransition:\n- [0.5, 0.5]\n- [0.4, 0.5]\nemission: [[1], [1]]\nobserve: [x]\nshow: [likelihood]\n```\n';
    // Fence on line 36: the second row is body line 6 → line 42, its `[` in column 3.
    const { html, messages } = await renderCells(at(36, cell) + '\nafter the cell\n');
    expect(messages).toEqual(['post.md:42:3: error: hmm: transition row 2 sums to 0.9, expected 1 [cell-probability-row]']);
    expect(html).toContain('<div class="mlpost-error" role="alert">');
    expect(html).toContain('line 42: transition row 2 sums to 0.9, expected 1');
    expect(html).toContain('<p>after the cell</p>');
  });

  it('post.md:40:1: rnn: unknown key "hiden" (did you mean "hidden"?)', async () => {
    const { messages } = await renderCells(at(39, '```rnn\nhiden: 32\ntext: "hello world. hello rnn."\n```\n'));
    expect(messages).toEqual(['post.md:40:1: error: rnn: unknown key "hiden" (did you mean "hidden"?) [cell-unknown-key]']);
  });

  it('refuses sizes past the limits (hidden: 100000)', async () => {
    const { html, messages } = await renderCells('```rnn\ntext: "hello"\nhidden: 100000\n```\n');
    expect(messages).toEqual(['post.md:3:9: error: rnn: "hidden" is 100000; it must be at most 256 [cell-limit]']);
    expect(html).toContain('role="alert"');
  });

  it('places errors of indented fences (in a list item) at the key\'s column', async () => {
    const { messages } = await renderCells('- item\n\n  ```hmm\n  states: [A]\n  symbolz: [x]\n  ```\n');
    expect(messages[0]).toBe('post.md:5:3: error: hmm: unknown key "symbolz" (did you mean "symbols"?) [cell-unknown-key]');
  });

  it('escapes author text in error boxes', async () => {
    const { html } = await renderCells('```hmm\nstates: [A]\nsymbols: [x]\nstart: [1]\ntransition: [[1]]\nemission: [[1]]\nobserve: ["<script>alert(1)</script>"]\nshow: [viterbi]\n```\n');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#x3C;script>');
  });

  it('reports a cell past its timeout, builds the rest of the page', async () => {
    // Baum–Welch on 32 states × 256 symbols over 20 000 steps, 10 000 iterations: far past 1 s.
    const symbols = Array.from({ length: 256 }, (_, k) => `s${k}`);
    const sequence = Array.from({ length: 20_000 }, (_, t) => symbols[(t * 7919) % 256]);
    const slow = `\`\`\`{.hmm timeout=1}\nstates: 32\nsymbols: [${symbols.join(', ')}]\nlearn:\n  from: [[${sequence.join(', ')}]]\n  iterations: 10000\n  tolerance: 0\nshow: [transition]\n\`\`\`\n`;
    const quick = '```hmm\nstates: [A]\nsymbols: [x]\nstart: [1]\ntransition: [[1]]\nemission: [[1]]\nobserve: [x]\nshow: [likelihood]\n```\n';
    const started = performance.now();
    const { html, messages } = await renderCells(`${slow}\n${quick}`);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(messages).toEqual(['post.md:1:1: error: hmm: stopped after 1 s (the cell\'s timeout) [cell-timeout]']);
    expect(html).toContain('stopped after 1 s');
    expect(html).toContain('data-show="likelihood"');
  });

  it('rejects a bad timeout attribute', async () => {
    const { messages } = await renderCells('```{.hmm timeout=soon}\nstates: [A]\n```\n');
    expect(messages).toEqual(['post.md:1:1: error: hmm: timeout must be a number of seconds between 0 and 600, not "soon" [cell-fence-attribute]']);
  });
});

describe('validation messages', () => {
  const problems = (kind: 'hmm' | 'rnn', body: string) =>
    parseCell(kind, body).problems.map((problem) => `${problem.place.line}:${problem.place.column} ${problem.message} [${problem.ruleId}]`);
  const model = 'states: [Healthy, Fever]\nsymbols: [normal, cold, dizzy]\nstart: [0.6, 0.4]\ntransition: [[0.7, 0.3], [0.4, 0.6]]\nemission: [[0.5, 0.4, 0.1], [0.1, 0.3, 0.6]]\n';

  it.each([
    ['hmm', 'states: [A, B\n', /^2:1 YAML: .* \[cell-yaml-syntax\]$/],
    ['hmm', model + 'observe: [normal, dizy]\nshow: [viterbi]\n', '6:19 unknown symbol "dizy" (did you mean "dizzy"?); "symbols" declares normal, cold, dizzy [cell-unknown-name]'],
    ['hmm', model + 'observe: [normal]\nshow: [viterbii]\n', '7:8 unknown "show" item "viterbii" (did you mean "viterbi"?); expected one of diagram, likelihood, viterbi, posterior, trellis, start, transition, emission, learning-curve, sample [cell-unknown-show]'],
    ['hmm', model + 'show: [viterbi]\n', '6:8 "viterbi" is about an observed sequence: add "observe: [...]" [cell-missing-key]'],
    ['hmm', model.replace('[0.6, 0.4]', '[0.6, 0.4, 0]'), '3:8 "start" has 3 entries; there are 2 states [cell-shape]'],
    ['hmm', model.replace('[0.7, 0.3]', '[1.2, -0.2]'), '4:15 transition row 1 has 1.2 at position 1; probabilities lie between 0 and 1 [cell-probability-row]'],
    ['hmm', model.replace('[Healthy, Fever]', '[Healthy, Healthy]'), '1:19 "states" names "Healthy" twice [cell-duplicate-name]'],
    ['hmm', model + 'learn: {from: [[normal]]}\n', /^3:8 a model is either given or learned: remove "start" or "learn" \[cell-conflict\]$/],
    ['hmm', 'states: 40\nsymbols: [x]\nlearn: {from: [[x]]}\n', '1:9 "states" is 40; it must be at most 32 [cell-limit]'],
    ['hmm', 'states: [a]\nsymbols: [x]\nlearn: {from: [[x]]}\nshow: [viterbi]\n', '4:8 "viterbi" is about an observed sequence: add "observe: [...]" [cell-missing-key]'],
    ['hmm', 'states: 2\nsymbols: [x]\nlearn: {from: [[x]], iterations: 0}\n', '3:34 "learn.iterations" is 0; it must be at least 1 [cell-type]'],
    ['rnn', 'text: "abc"\nbptt: forever\n', '2:7 "bptt" must be a number of steps (1 to 1000) or "full" [cell-type]'],
    ['rnn', 'text: "abc"\ntrain: {optimiser: sgd}\n', '2:9 unknown key "optimiser" (did you mean "optimizer"?) [cell-unknown-key]'],
    ['rnn', 'text: "abc"\ntrain: {optimizer: adam}\n', '2:20 "train.optimizer" must be one of "sgd", "adagrad", not "adam" [cell-type]'],
    ['rnn', 'text: "abc"\nshow: [{sample: {lenght: 10}}]\n', '2:18 unknown key "lenght" (did you mean "length"?) [cell-unknown-key]'],
    ['rnn', 'text: "abc"\nshow: [{sample: {prime: "z"}}]\n', '2:8 "prime" uses "z", which the training text never does [cell-unknown-name]'],
    ['rnn', 'cell: lstm\nactivation: relu\ntext: "abc"\n', '2:13 "activation" is for "cell: rnn"; an LSTM uses its own gates [cell-conflict]'],
    ['rnn', 'hidden: 4\n', '1:1 give the training text as exactly one of "text" or "file" [cell-missing-key]'],
    ['rnn', 'text: "abc"\nfile: ../secret.txt\n', '1:1 give the training text as exactly one of "text" or "file" [cell-conflict]'],
    ['rnn', 'file: ../secret.txt\n', '1:7 "file" must be a path inside the post\'s folder, not "../secret.txt" [cell-file]'],
    ['rnn', 'text: "abcdefghij"\nhidden: 256\ntrain: {epochs: 20000}\n', /^3:17 training would take about .* \[cell-limit\]$/],
  ] as const)('%s: %j', (kind, body, expected) => {
    const found = problems(kind, body);
    if (typeof expected === 'string') expect(found).toEqual([expected]);
    else {
      expect(found[0]).toMatch(expected);
    }
  });
});
