import { addOuter, matTVec, matVec, zeros, type Matrix } from '../matrix.js';
import type { Random } from '../random.js';
import { logSoftmax, softmax } from '../stable.js';

/** Hidden non-linearity f of s_t = f(U x_t + W s_{t-1} + b). */
export type Activation = 'tanh' | 'relu';

/**
 * A vanilla RNN as in the article (WildML's layout):
 * s_t = f(U x_t + W s_{t-1} + b), o_t = softmax(V s_t + c), x_t one-hot over C symbols.
 * U is H×C (column x_t is the input's embedding), W is H×H, V is C×H.
 */
export interface RnnModel {
  readonly activation: Activation;
  readonly U: Matrix;
  readonly W: Matrix;
  readonly V: Matrix;
  readonly b: Float64Array;
  readonly c: Float64Array;
}

/** Gradients of the summed loss, same shapes as the model. */
export interface RnnGradients {
  readonly U: Matrix;
  readonly W: Matrix;
  readonly V: Matrix;
  readonly b: Float64Array;
  readonly c: Float64Array;
}

/** WildML's initialisation: U ~ U(±1/√C), W, V ~ U(±1/√H), biases 0. */
export function createRnn(vocabulary: number, hidden: number, random: Random, activation: Activation = 'tanh'): RnnModel {
  const fill = (m: Matrix, bound: number): Matrix => {
    for (let k = 0; k < m.data.length; k++) m.data[k] = random.between(-bound, bound);
    return m;
  };
  return {
    activation,
    U: fill(zeros(hidden, vocabulary), 1 / Math.sqrt(vocabulary)),
    W: fill(zeros(hidden, hidden), 1 / Math.sqrt(hidden)),
    V: fill(zeros(vocabulary, hidden), 1 / Math.sqrt(hidden)),
    b: new Float64Array(hidden),
    c: new Float64Array(vocabulary),
  };
}

/** Zero gradients shaped like `model`. */
export function zeroGradients(model: RnnModel): RnnGradients {
  return {
    U: zeros(model.U.rows, model.U.cols),
    W: zeros(model.W.rows, model.W.cols),
    V: zeros(model.V.rows, model.V.cols),
    b: new Float64Array(model.b.length),
    c: new Float64Array(model.c.length),
  };
}

/** Forward pass results: s (T×H), o (T×C probabilities), summed cross-entropy. */
export interface RnnForward {
  readonly s: Matrix;
  readonly o: Matrix;
  /** −Σ_t ln o_t[y_t] (sum over steps; divide by T for the mean). NaN when no targets are given. */
  readonly loss: number;
}

function checkIndices(x: ArrayLike<number>, size: number, what: string): void {
  for (let t = 0; t < x.length; t++) {
    const v = x[t];
    if (!Number.isInteger(v) || v < 0 || v >= size) throw new RangeError(`${what} ${t} is ${v}, expected an integer in [0, ${size})`);
  }
}

/** f applied in place. */
function activate(f: Activation, a: Float64Array): void {
  if (f === 'tanh') for (let j = 0; j < a.length; j++) a[j] = Math.tanh(a[j]);
  else for (let j = 0; j < a.length; j++) a[j] = a[j] > 0 ? a[j] : 0;
}

/** f'(a) written in terms of s = f(a): 1 − s² for tanh, [s > 0] for relu. */
export function activationSlope(f: Activation, s: number): number {
  return f === 'tanh' ? 1 - s * s : s > 0 ? 1 : 0;
}

/**
 * Forward pass, step by step as the article writes it. `s0` is the state
 * before the first input (zeros by default); `y` are the targets (optional).
 */
export function rnnForward(model: RnnModel, x: ArrayLike<number>, y?: ArrayLike<number>, s0?: Float64Array): RnnForward {
  const H = model.W.rows;
  const C = model.V.rows;
  checkIndices(x, C, 'input');
  if (y) {
    if (y.length !== x.length) throw new RangeError(`${x.length} inputs but ${y.length} targets`);
    checkIndices(y, C, 'target');
  }
  const T = x.length;
  const s = zeros(T, H);
  const o = zeros(T, C);
  let prev = s0 ?? new Float64Array(H);
  let loss = y ? 0 : NaN;
  const z = new Float64Array(C);
  const lp = new Float64Array(C);
  for (let t = 0; t < T; t++) {
    // s_t = f(U x_t + W s_{t-1} + b), U x_t is column x_t of U (x_t is one-hot)
    const st = s.data.subarray(t * H, (t + 1) * H);
    matVec(model.W, prev, st);
    for (let j = 0; j < H; j++) st[j] += model.U.data[j * C + x[t]] + model.b[j];
    activate(model.activation, st);
    // o_t = softmax(V s_t + c); loss −= ln o_t[y_t] via log-softmax
    matVec(model.V, st, z);
    for (let i = 0; i < C; i++) z[i] += model.c[i];
    softmax(z, o.data.subarray(t * C, (t + 1) * C));
    if (y) loss -= logSoftmax(z, lp)[y[t]];
    prev = st;
  }
  return { s, o, loss };
}

/**
 * Loss and gradients by backpropagation through time, plain version
 * (WildML's loop): each output's error flows back through at most
 * `truncate` + 1 steps (`Infinity` = full BPTT).
 */
export function rnnGradientsPlain(
  model: RnnModel,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  truncate = Infinity,
  s0?: Float64Array,
): { loss: number; gradients: RnnGradients; lastState: Float64Array } {
  const H = model.W.rows;
  const C = model.V.rows;
  const T = x.length;
  const { s, o, loss } = rnnForward(model, x, y, s0);
  const g = zeroGradients(model);
  const start = s0 ?? new Float64Array(H);
  const state = (k: number): Float64Array => (k < 0 ? start : s.data.subarray(k * H, (k + 1) * H));
  const dOut = new Float64Array(C);
  const delta = new Float64Array(H);
  const back = new Float64Array(H);
  for (let t = T - 1; t >= 0; t--) {
    // ∂L/∂(V s_t + c) = o_t − onehot(y_t)
    dOut.set(o.data.subarray(t * C, (t + 1) * C));
    dOut[y[t]] -= 1;
    addOuter(g.V, dOut, state(t));
    for (let i = 0; i < C; i++) g.c[i] += dOut[i];
    // delta = (Vᵀ dOut) ∘ f'(s_t)
    matTVec(model.V, dOut, delta);
    for (let j = 0; j < H; j++) delta[j] *= activationSlope(model.activation, state(t)[j]);
    const stop = Math.max(0, t - truncate);
    for (let k = t; k >= stop; k--) {
      addOuter(g.W, delta, state(k - 1));
      for (let j = 0; j < H; j++) {
        g.U.data[j * C + x[k]] += delta[j];
        g.b[j] += delta[j];
      }
      if (k === stop) break;
      // delta ← (Wᵀ delta) ∘ f'(s_{k-1})
      matTVec(model.W, delta, back);
      for (let j = 0; j < H; j++) delta[j] = back[j] * activationSlope(model.activation, state(k - 1)[j]);
    }
  }
  return { loss, gradients: g, lastState: new Float64Array(state(T - 1)) };
}
