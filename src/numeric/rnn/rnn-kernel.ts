import { logits, outputBackward, softmaxLoss } from './output-layer.js';
import { zeroGradients, type RnnGradients, type RnnModel } from './rnn.js';
import { createSimdOutputLayer, simdOutputLayer, type SimdOutputLayer } from './simd/output-layer-simd.js';

/** Buffers for `rnnGradients`, reused across calls so the time loop never allocates. */
export interface RnnWorkspace {
  maxSteps: number;
  /** The model size the buffers are for. */
  vocabulary: number;
  hidden: number;
  /** The WebAssembly SIMD output layer; undefined = the scalar kernels (same results). */
  simd: SimdOutputLayer | undefined;
  /** (T+1) × H: row 0 is s_{-1}, row t+1 is s_t. */
  S: Float64Array;
  /** C × T (symbol-major): logits, then o_t − onehot(y_t). */
  Z: Float64Array;
  /** T × H: ∂L/∂s_t from the outputs (Vᵀ (o_t − y_t)). */
  dS: Float64Array;
  /** T × H: Σ of the deltas arriving at step k (all outputs' paths summed). */
  D: Float64Array;
  max: Float64Array;
  sum: Float64Array;
  picked: Float64Array;
  delta: Float64Array;
  back: Float64Array;
  /** Indices of the non-zero entries of a vector (max(H, maxSteps)). */
  nonzero: Int32Array;
}

/** Options of `createRnnWorkspace`. */
export interface RnnWorkspaceOptions {
  /**
   * Run the output layer's products in WebAssembly SIMD where the engine has it
   * (default true). The results are the same bits either way; false is for
   * comparing the two.
   */
  readonly simd?: boolean;
}

/** A workspace for sequences of up to `maxSteps` steps. */
export function createRnnWorkspace(model: RnnModel, maxSteps: number, options: RnnWorkspaceOptions = {}): RnnWorkspace {
  const H = model.W.rows;
  const C = model.V.rows;
  return {
    maxSteps,
    vocabulary: C,
    hidden: H,
    simd: options.simd === false ? undefined : createSimdOutputLayer(C, H, maxSteps),
    S: new Float64Array((maxSteps + 1) * H),
    Z: new Float64Array(C * maxSteps),
    dS: new Float64Array(maxSteps * H),
    D: new Float64Array(maxSteps * H),
    max: new Float64Array(maxSteps),
    sum: new Float64Array(maxSteps),
    picked: new Float64Array(maxSteps),
    delta: new Float64Array(H),
    back: new Float64Array(H),
    nonzero: new Int32Array(Math.max(H, maxSteps)),
  };
}

/**
 * Loss and gradients by BPTT, the tuned kernel (same numbers as
 * `rnnGradientsPlain` to rounding). What makes it fast:
 * - U x_t is a column lookup (x_t is one-hot), never a product;
 * - the three C×H products (V s_t, Vᵀ(o_t − y_t), (o_t − y_t) ⊗ s_t), most of
 *   the work, are done for all t in two sweeps over V's rows (output-layer.ts),
 *   with several rows × 4 steps held in registers, so V is read twice per
 *   sentence instead of 3T times and dV is written once; where the engine has
 *   WebAssembly SIMD they run in simd/ with the same operation order (same bits);
 * - the truncated backward loop only adds deltas per step; the outer
 *   products into W and U are taken once per step afterwards;
 * - all buffers come from the workspace.
 * Gradients are written into `out` (overwritten, not accumulated).
 */
export function rnnGradients(
  model: RnnModel,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  truncate = Infinity,
  s0?: Float64Array,
  workspace?: RnnWorkspace,
  out: RnnGradients = zeroGradients(model),
): { loss: number; gradients: RnnGradients; lastState: Float64Array } {
  const H = model.W.rows;
  const C = model.V.rows;
  const T = x.length;
  if (y.length !== T) throw new RangeError(`${T} inputs but ${y.length} targets`);
  for (let t = 0; t < T; t++) {
    if (!(x[t] >= 0 && x[t] < C && Number.isInteger(x[t]))) throw new RangeError(`input ${t} is ${x[t]}, expected an integer in [0, ${C})`);
    if (!(y[t] >= 0 && y[t] < C && Number.isInteger(y[t]))) throw new RangeError(`target ${t} is ${y[t]}, expected an integer in [0, ${C})`);
  }
  const fits = workspace && workspace.maxSteps >= T && workspace.vocabulary === C && workspace.hidden === H;
  const ws = fits ? workspace : createRnnWorkspace(model, T, { simd: workspace ? workspace.simd !== undefined : true });
  const tanh = model.activation === 'tanh';
  const U = model.U.data;
  const W = model.W.data;
  const V = model.V.data;
  const { S, Z, dS, D, delta, back, nonzero } = ws;

  // --- forward states: s_t = f(U[:, x_t] + W s_{t-1} + b)
  if (s0) S.set(s0, 0);
  else S.fill(0, 0, H);
  forwardStates(H, C, T, U, W, model.b, x, S, tanh);

  // --- the output layer, all steps at once: Z[i, t] = V_i · s_t + c_i; o_t = softmax(Z[:, t]);
  // loss = −Σ_t ln o_t[y_t]; g = o_t − onehot(y_t); dV = Σ_t g_t ⊗ s_t, dc = Σ_t g_t, dS_t = Vᵀ g_t
  let loss: number;
  if (ws.simd) loss = simdOutputLayer(ws.simd, V, model.c, S, T, y, ws, out.V.data, out.c, dS);
  else {
    logits(H, C, T, V, model.c, S, Z);
    loss = softmaxLoss(C, T, Z, 0, T, y, ws);
    outputBackward(H, C, T, V, S, Z, out.V.data, out.c, dS);
  }

  // --- truncated BPTT through the hidden states: D[k] = Σ of deltas reaching step k
  D.fill(0, 0, T * H);
  if (truncate >= T - 1) {
    // full: delta_k = (dS_k + Wᵀ delta_{k+1}) ∘ f'(s_k)
    back.fill(0);
    for (let k = T - 1; k >= 0; k--) {
      const so = (k + 1) * H;
      const ko = k * H;
      for (let j = 0; j < H; j++) {
        const sj = S[so + j];
        D[ko + j] = (dS[ko + j] + back[j]) * (tanh ? 1 - sj * sj : sj > 0 ? 1 : 0);
      }
      if (k > 0) transposeTimes(H, W, D, ko, back, nonzero);
    }
  } else {
    for (let t = T - 1; t >= 0; t--) {
      // delta = dS_t ∘ f'(s_t)
      const so = (t + 1) * H;
      for (let j = 0; j < H; j++) {
        const sj = S[so + j];
        delta[j] = dS[t * H + j] * (tanh ? 1 - sj * sj : sj > 0 ? 1 : 0);
      }
      const stop = Math.max(0, t - truncate);
      for (let k = t; k >= stop; k--) {
        const ko = k * H;
        for (let j = 0; j < H; j++) D[ko + j] += delta[j];
        if (k === stop) break;
        // delta ← (Wᵀ delta) ∘ f'(s_{k-1})
        transposeTimes(H, W, delta, 0, back, nonzero);
        const po = k * H; // row k of S is s_{k-1}
        for (let j = 0; j < H; j++) {
          const sj = S[po + j];
          delta[j] = back[j] * (tanh ? 1 - sj * sj : sj > 0 ? 1 : 0);
        }
      }
    }
  }

  // --- dW = Σ_k D_k ⊗ s_{k-1}, db = Σ_k D_k, dU[:, x_k] += D_k
  const dW = out.W.data;
  const dU = out.U.data;
  dU.fill(0);
  out.b.fill(0);
  for (let i = 0; i < H; i++) {
    const r = i * H;
    for (let j = 0; j < H; j++) dW[r + j] = 0;
    let bsum = 0;
    let n = 0;
    for (let k = 0; k < T; k++) {
      const d = D[k * H + i];
      bsum += d;
      dU[i * C + x[k]] += d;
      if (d !== 0) nonzero[n++] = k;
    }
    out.b[i] = bsum;
    // dW_i += D[k, i] s_{k-1} over the steps k with D[k, i] ≠ 0, in order, four per pass over
    // the row (the sums are the same as one step at a time: ((dW + a) + b) + …).
    let m = 0;
    for (; m + 3 < n; m += 4) {
      const k0 = nonzero[m], k1 = nonzero[m + 1], k2 = nonzero[m + 2], k3 = nonzero[m + 3];
      const d0 = D[k0 * H + i], d1 = D[k1 * H + i], d2 = D[k2 * H + i], d3 = D[k3 * H + i];
      const p0 = k0 * H, p1 = k1 * H, p2 = k2 * H, p3 = k3 * H; // row k of S is s_{k-1}
      for (let j = 0; j < H; j++) dW[r + j] = dW[r + j] + d0 * S[p0 + j] + d1 * S[p1 + j] + d2 * S[p2 + j] + d3 * S[p3 + j];
    }
    for (; m < n; m++) {
      const k = nonzero[m];
      const d = D[k * H + i];
      const so = k * H;
      for (let j = 0; j < H; j++) dW[r + j] += d * S[so + j];
    }
  }
  return { loss, gradients: out, lastState: S.slice(T * H, (T + 1) * H) };
}

/** s_t = f(U[:, x_t] + W s_{t-1} + b) for t = 0…T−1, rows 1…T of S. */
export function forwardStates(
  H: number,
  C: number,
  T: number,
  U: Float64Array,
  W: Float64Array,
  b: Float64Array,
  x: ArrayLike<number>,
  S: Float64Array,
  tanh: boolean,
): void {
  const h4 = H - (H % 4);
  for (let t = 0; t < T; t++) {
    const po = t * H;
    const so = po + H;
    const xt = x[t];
    for (let i = 0; i < H; i++) {
      const r = i * H;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let j = 0;
      for (; j < h4; j += 4) {
        a0 += W[r + j] * S[po + j];
        a1 += W[r + j + 1] * S[po + j + 1];
        a2 += W[r + j + 2] * S[po + j + 2];
        a3 += W[r + j + 3] * S[po + j + 3];
      }
      for (; j < H; j++) a0 += W[r + j] * S[po + j];
      const a = a0 + a1 + (a2 + a3) + U[i * C + xt] + b[i];
      S[so + i] = tanh ? Math.tanh(a) : a > 0 ? a : 0;
    }
  }
}

/**
 * back = Wᵀ v (v read from `src` at `offset`), streaming W's rows: rows with v_i = 0 are
 * skipped, the others taken in order, four per pass over `back` (same sums as one at a time).
 */
function transposeTimes(H: number, W: Float64Array, src: Float64Array, offset: number, back: Float64Array, nonzero: Int32Array): void {
  let n = 0;
  for (let i = 0; i < H; i++) if (src[offset + i] !== 0) nonzero[n++] = i;
  back.fill(0);
  let k = 0;
  for (; k + 3 < n; k += 4) {
    const i0 = nonzero[k], i1 = nonzero[k + 1], i2 = nonzero[k + 2], i3 = nonzero[k + 3];
    const d0 = src[offset + i0], d1 = src[offset + i1], d2 = src[offset + i2], d3 = src[offset + i3];
    const r0 = i0 * H, r1 = i1 * H, r2 = i2 * H, r3 = i3 * H;
    for (let j = 0; j < H; j++) back[j] = back[j] + W[r0 + j] * d0 + W[r1 + j] * d1 + W[r2 + j] * d2 + W[r3 + j] * d3;
  }
  for (; k < n; k++) {
    const i = nonzero[k];
    const di = src[offset + i];
    const r = i * H;
    for (let j = 0; j < H; j++) back[j] += W[r + j] * di;
  }
}
