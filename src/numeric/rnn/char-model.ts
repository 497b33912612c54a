import { Random } from '../random.js';
import { softmax } from '../stable.js';
import { recurrentJacobianNorms, lstmJacobianNorms, type JacobianNorm } from './jacobian.js';
import { lstmGradientCheck, rnnGradientCheck, type GradientCheckOptions, type GradientCheckRow } from './gradient-check.js';
import { createLstm, LSTM_PARAMETERS, lstmForward, lstmGradients, lstmParameter, type LstmModel } from './lstm.js';
import { createOptimizer, type OptimizerKind } from './optimizers.js';
import { createRnn, rnnForward, type Activation, type RnnModel } from './rnn.js';
import { createRnnWorkspace, rnnGradients } from './rnn-kernel.js';
import { zeroGradients } from './rnn.js';

/** A character-level language model: the network and its alphabet (code points, sorted). */
export type CharModel =
  | { readonly cell: 'rnn'; readonly vocabulary: readonly string[]; readonly rnn: RnnModel }
  | { readonly cell: 'lstm'; readonly vocabulary: readonly string[]; readonly lstm: LstmModel };

/** Options of `trainCharModel`. */
export interface CharTrainingOptions {
  readonly cell?: 'rnn' | 'lstm';
  /** RNN only. Default tanh. */
  readonly activation?: Activation;
  readonly hidden: number;
  /**
   * Truncated BPTT as in min-char-rnn: the text is cut into chunks of this many
   * steps; the state is carried from chunk to chunk, the gradient is not.
   * 'full' = the whole text is one chunk (no truncation). Default 25.
   */
  readonly bptt?: number | 'full';
  readonly epochs: number;
  readonly learningRate: number;
  /** Default adagrad. */
  readonly optimizer?: OptimizerKind;
  /** Clip each gradient entry to [−clip, clip]; 0 = off. Default 5. */
  readonly clip?: number;
  readonly seed?: number;
}

/** The trained model and its learning curve. */
export interface CharTrainingResult {
  readonly model: CharModel;
  /** Mean cross-entropy per character (nats) over each epoch, measured before each update. */
  readonly lossPerEpoch: number[];
}

/** The sorted distinct code points of `text`. */
export function vocabularyOf(text: string): string[] {
  return [...new Set(Array.from(text))].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
}

/** Indices of `text`'s characters in `vocabulary` (RangeError on a character it lacks). */
export function encodeText(vocabulary: readonly string[], text: string): Int32Array {
  const index = new Map(vocabulary.map((ch, k) => [ch, k]));
  return Int32Array.from(Array.from(text), (ch) => {
    const k = index.get(ch);
    if (k === undefined) throw new RangeError(`character ${JSON.stringify(ch)} is not in the model's vocabulary`);
    return k;
  });
}

/** The model's parameters and their names, in a fixed order. */
export function charModelParameters(model: CharModel): { name: string; values: Float64Array }[] {
  if (model.cell === 'rnn') {
    const m = model.rnn;
    return [
      { name: 'U', values: m.U.data }, { name: 'W', values: m.W.data }, { name: 'V', values: m.V.data },
      { name: 'b', values: m.b }, { name: 'c', values: m.c },
    ];
  }
  return LSTM_PARAMETERS.map((name) => ({ name, values: lstmParameter(model.lstm, name) }));
}

/**
 * Train a character-level RNN or LSTM on `text` (min-char-rnn's loop): each
 * epoch walks the text in chunks, predicting every next character, and updates
 * after each chunk. Deterministic from `seed`.
 */
export function trainCharModel(text: string, options: CharTrainingOptions): CharTrainingResult {
  const vocabulary = vocabularyOf(text);
  const ids = encodeText(vocabulary, text);
  if (ids.length < 2) throw new RangeError('the text needs at least two characters');
  const { hidden, epochs, learningRate } = options;
  if (!Number.isInteger(hidden) || hidden < 1) throw new RangeError(`hidden must be a positive integer, got ${hidden}`);
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`epochs must be an integer ≥ 0, got ${epochs}`);
  if (!(learningRate > 0)) throw new RangeError(`learning rate must be > 0, got ${learningRate}`);
  const bptt = options.bptt ?? 25;
  const chunk = bptt === 'full' ? ids.length - 1 : bptt;
  if (!Number.isInteger(chunk) || chunk < 1) throw new RangeError(`bptt must be a positive integer or 'full', got ${bptt}`);
  const random = new Random(options.seed ?? 0);
  const C = vocabulary.length;
  const model: CharModel =
    options.cell === 'lstm'
      ? { cell: 'lstm', vocabulary, lstm: createLstm(C, hidden, C, random) }
      : { cell: 'rnn', vocabulary, rnn: createRnn(C, hidden, random, options.activation ?? 'tanh') };
  const optimizer = createOptimizer(options.optimizer ?? 'adagrad', learningRate, options.clip ?? 5);
  const params = charModelParameters(model).map((p) => p.values);
  const lossPerEpoch: number[] = [];
  const ws = model.cell === 'rnn' ? createRnnWorkspace(model.rnn, chunk) : undefined;
  const rnnGrads = model.cell === 'rnn' ? zeroGradients(model.rnn) : undefined;
  for (let epoch = 0; epoch < epochs; epoch++) {
    let h: Float64Array = new Float64Array(hidden);
    let cell: Float64Array = new Float64Array(hidden);
    let total = 0;
    let count = 0;
    for (let p = 0; p + 1 < ids.length; p += chunk) {
      const end = Math.min(p + chunk, ids.length - 1);
      const x = ids.subarray(p, end);
      const y = ids.subarray(p + 1, end + 1);
      if (model.cell === 'rnn') {
        const r = rnnGradients(model.rnn, x, y, Infinity, h, ws, rnnGrads);
        total += r.loss;
        h = r.lastState;
        const g = r.gradients;
        optimizer.step(params, [g.U.data, g.W.data, g.V.data, g.b, g.c]);
      } else {
        const r = lstmGradients(model.lstm, x, y, h, cell);
        total += r.loss;
        h = r.lastHidden;
        cell = r.lastCell;
        optimizer.step(params, LSTM_PARAMETERS.map((name) => lstmParameter(r.gradients, name)));
      }
      count += x.length;
    }
    lossPerEpoch.push(total / count);
  }
  return { model, lossPerEpoch };
}

/** Options of `sampleText`. */
export interface SampleOptions {
  readonly length: number;
  /** Characters fed in first (each must be in the vocabulary); may be empty. */
  readonly prime?: string;
  /** p ∝ o^(1/temperature); 1 = the model's distribution, → 0 sharper, 0 = always the most likely. */
  readonly temperature?: number;
  readonly seed?: number;
}

/** Generate `length` characters after `prime`. Returns them one string per character. */
export function sampleText(model: CharModel, options: SampleOptions): string[] {
  const { length } = options;
  const temperature = options.temperature ?? 1;
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`length must be an integer ≥ 0, got ${length}`);
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new RangeError(`temperature must be ≥ 0, got ${temperature}`);
  const random = new Random(options.seed ?? 0);
  const prime = encodeText(model.vocabulary, options.prime ?? '');
  const H = model.cell === 'rnn' ? model.rnn.W.rows : model.lstm.Wf.rows;
  let h = new Float64Array(H);
  let cell = new Float64Array(H);
  // o: the distribution over the next character given everything fed so far
  let o: Float64Array = model.cell === 'rnn' ? softmax(model.rnn.c) : softmax(model.lstm.by);
  const feed = (x: number): void => {
    if (model.cell === 'rnn') {
      const f = rnnForward(model.rnn, [x], undefined, h);
      h = new Float64Array(f.s.data);
      o = f.o.data;
    } else {
      const f = lstmForward(model.lstm, [x], undefined, h, cell);
      h = new Float64Array(f.h.data);
      cell = new Float64Array(f.C.data);
      o = f.p.data;
    }
  };
  for (const x of prime) feed(x);
  const out: string[] = [];
  const scaled = new Float64Array(model.vocabulary.length);
  for (let n = 0; n < length; n++) {
    let next: number;
    if (temperature === 0) {
      next = 0;
      for (let k = 1; k < o.length; k++) if (o[k] > o[next]) next = k;
    } else {
      // p = softmax(ln o / temperature)
      for (let k = 0; k < o.length; k++) scaled[k] = Math.log(o[k]) / temperature;
      next = random.categorical(softmax(scaled));
    }
    out.push(model.vocabulary[next]);
    feed(next);
  }
  return out;
}

/** Text of at least `length` characters: `text` repeated. */
function cycled(ids: Int32Array, length: number): Int32Array {
  const out = new Int32Array(length);
  for (let k = 0; k < length; k++) out[k] = ids[k % ids.length];
  return out;
}

/**
 * Gradient check (full BPTT) of a character model on the first `steps`
 * characters of `text` (default 25, the text repeated if shorter).
 */
export function charGradientCheck(model: CharModel, text: string, options: GradientCheckOptions & { steps?: number } = {}): GradientCheckRow[] {
  const ids = cycled(encodeText(model.vocabulary, text), (options.steps ?? 25) + 1);
  const x = ids.subarray(0, ids.length - 1);
  const y = ids.subarray(1);
  return model.cell === 'rnn' ? rnnGradientCheck(model.rnn, x, y, options) : lstmGradientCheck(model.lstm, x, y, options);
}

/**
 * ‖∂s_T/∂s_{T−k}‖ for k = 0…steps (s = h for an LSTM) of a character model run
 * over the first steps + 1 characters of `text` (repeated if shorter).
 */
export function charJacobianNorms(model: CharModel, text: string, steps: number, spectral = true): JacobianNorm[] {
  const x = cycled(encodeText(model.vocabulary, text), steps + 1);
  if (model.cell === 'rnn') return recurrentJacobianNorms(model.rnn.W, rnnForward(model.rnn, x).s, model.rnn.activation, steps, spectral);
  return lstmJacobianNorms(model.lstm, x, steps, spectral);
}
