import { activationSlope, zeroGradients, type RnnGradients, type RnnModel } from './rnn.js';

/** Buffers for `rnnGradients`, reused across calls so the time loop never allocates. */
export interface RnnWorkspace {
  maxSteps: number;
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
}

/** A workspace for sequences of up to `maxSteps` steps. */
export function createRnnWorkspace(model: RnnModel, maxSteps: number): RnnWorkspace {
  const H = model.W.rows;
  const C = model.V.rows;
  return {
    maxSteps,
    S: new Float64Array((maxSteps + 1) * H),
    Z: new Float64Array(C * maxSteps),
    dS: new Float64Array(maxSteps * H),
    D: new Float64Array(maxSteps * H),
    max: new Float64Array(maxSteps),
    sum: new Float64Array(maxSteps),
    picked: new Float64Array(maxSteps),
    delta: new Float64Array(H),
    back: new Float64Array(H),
  };
}

/**
 * Loss and gradients by BPTT, the tuned kernel (same numbers as
 * `rnnGradientsPlain` to rounding). What makes it fast:
 * - U x_t is a column lookup (x_t is one-hot), never a product;
 * - the three C×H products (V s_t, Vᵀ(o_t − y_t), (o_t − y_t) ⊗ s_t) are done
 *   for all t in one sweep over V's rows, with 2 rows × 4 steps held in
 *   registers, so V is read twice per sentence instead of 3T times and dV is
 *   written once;
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
  const ws = workspace && workspace.maxSteps >= T ? workspace : createRnnWorkspace(model, T);
  const tanh = model.activation === 'tanh';
  const U = model.U.data;
  const W = model.W.data;
  const V = model.V.data;
  const { S, Z, dS, D, max, sum, picked, delta, back } = ws;

  // --- forward states: s_t = f(U[:, x_t] + W s_{t-1} + b)
  if (s0) S.set(s0, 0);
  else S.fill(0, 0, H);
  forwardStates(H, C, T, U, W, model.b, x, S, tanh);

  // --- logits for every step: Z[i, t] = V_i · s_t + c_i
  logits(H, C, T, V, model.c, S, Z);

  // --- o_t = softmax(Z[:, t]); loss = −Σ_t ln o_t[y_t]; Z ← o_t − onehot(y_t)
  max.fill(-Infinity, 0, T);
  for (let i = 0; i < C; i++) {
    const r = i * T;
    for (let t = 0; t < T; t++) if (Z[r + t] > max[t]) max[t] = Z[r + t];
  }
  for (let t = 0; t < T; t++) picked[t] = Z[y[t] * T + t];
  sum.fill(0, 0, T);
  for (let i = 0; i < C; i++) {
    const r = i * T;
    for (let t = 0; t < T; t++) {
      const e = Math.exp(Z[r + t] - max[t]);
      Z[r + t] = e;
      sum[t] += e;
    }
  }
  let loss = 0;
  for (let t = 0; t < T; t++) {
    loss -= picked[t] - max[t] - Math.log(sum[t]);
    sum[t] = 1 / sum[t];
  }
  for (let i = 0; i < C; i++) {
    const r = i * T;
    for (let t = 0; t < T; t++) Z[r + t] *= sum[t];
  }
  for (let t = 0; t < T; t++) Z[y[t] * T + t] -= 1;

  // --- dV = Σ_t (o_t − y_t) ⊗ s_t, dc = Σ_t (o_t − y_t), dS_t = Vᵀ (o_t − y_t)
  outputBackward(H, C, T, V, S, Z, out.V.data, out.c, dS);

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
      if (k > 0) transposeTimes(H, W, D, ko, back);
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
        transposeTimes(H, W, delta, 0, back);
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
    for (let k = 0; k < T; k++) {
      const d = D[k * H + i];
      bsum += d;
      dU[i * C + x[k]] += d;
      if (d === 0) continue;
      const so = k * H; // s_{k-1}
      for (let j = 0; j < H; j++) dW[r + j] += d * S[so + j];
    }
    out.b[i] = bsum;
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

/** back = Wᵀ v (v read from `src` at `offset`), streaming W's rows. */
function transposeTimes(H: number, W: Float64Array, src: Float64Array, offset: number, back: Float64Array): void {
  back.fill(0);
  for (let i = 0; i < H; i++) {
    const di = src[offset + i];
    if (di === 0) continue;
    const r = i * H;
    for (let j = 0; j < H; j++) back[j] += W[r + j] * di;
  }
}

/** Z[i, t] = V_i · s_t + c_i, two rows of V × four steps per block. */
function logits(H: number, C: number, T: number, V: Float64Array, c: Float64Array, S: Float64Array, Z: Float64Array): void {
  const t4 = T - (T % 4);
  let i = 0;
  for (; i + 1 < C; i += 2) {
    const v0 = i * H;
    const v1 = v0 + H;
    const z0 = i * T;
    const z1 = z0 + T;
    const c0 = c[i];
    const c1 = c[i + 1];
    let t = 0;
    for (; t < t4; t += 4) {
      const p0 = (t + 1) * H;
      const p1 = p0 + H;
      const p2 = p1 + H;
      const p3 = p2 + H;
      let a00 = 0, a01 = 0, a02 = 0, a03 = 0;
      let a10 = 0, a11 = 0, a12 = 0, a13 = 0;
      for (let j = 0; j < H; j++) {
        const x0 = V[v0 + j];
        const x1 = V[v1 + j];
        const s0 = S[p0 + j];
        const s1 = S[p1 + j];
        const s2 = S[p2 + j];
        const s3 = S[p3 + j];
        a00 += x0 * s0;
        a01 += x0 * s1;
        a02 += x0 * s2;
        a03 += x0 * s3;
        a10 += x1 * s0;
        a11 += x1 * s1;
        a12 += x1 * s2;
        a13 += x1 * s3;
      }
      Z[z0 + t] = a00 + c0;
      Z[z0 + t + 1] = a01 + c0;
      Z[z0 + t + 2] = a02 + c0;
      Z[z0 + t + 3] = a03 + c0;
      Z[z1 + t] = a10 + c1;
      Z[z1 + t + 1] = a11 + c1;
      Z[z1 + t + 2] = a12 + c1;
      Z[z1 + t + 3] = a13 + c1;
    }
    for (; t < T; t++) {
      const p = (t + 1) * H;
      let a0 = 0;
      let a1 = 0;
      for (let j = 0; j < H; j++) {
        a0 += V[v0 + j] * S[p + j];
        a1 += V[v1 + j] * S[p + j];
      }
      Z[z0 + t] = a0 + c0;
      Z[z1 + t] = a1 + c1;
    }
  }
  for (; i < C; i++) {
    const v0 = i * H;
    for (let t = 0; t < T; t++) {
      const p = (t + 1) * H;
      let a = 0;
      for (let j = 0; j < H; j++) a += V[v0 + j] * S[p + j];
      Z[i * T + t] = a + c[i];
    }
  }
}

/**
 * One sweep over V's rows: dV_i = Σ_t g[i, t] s_t (written), dc_i = Σ_t g[i, t],
 * dS_t += g[i, t] V_i; g = o − onehot(y) lives in Z. Four steps per block.
 */
function outputBackward(
  H: number,
  C: number,
  T: number,
  V: Float64Array,
  S: Float64Array,
  Z: Float64Array,
  dV: Float64Array,
  dc: Float64Array,
  dS: Float64Array,
): void {
  dS.fill(0, 0, T * H);
  const t4 = T - (T % 4);
  for (let i = 0; i < C; i++) {
    const vo = i * H;
    const zo = i * T;
    let csum = 0;
    for (let j = 0; j < H; j++) dV[vo + j] = 0;
    let t = 0;
    for (; t < t4; t += 4) {
      const g0 = Z[zo + t];
      const g1 = Z[zo + t + 1];
      const g2 = Z[zo + t + 2];
      const g3 = Z[zo + t + 3];
      csum += g0 + g1 + g2 + g3;
      const p0 = (t + 1) * H;
      const p1 = p0 + H;
      const p2 = p1 + H;
      const p3 = p2 + H;
      const q0 = t * H;
      const q1 = q0 + H;
      const q2 = q1 + H;
      const q3 = q2 + H;
      for (let j = 0; j < H; j++) {
        const v = V[vo + j];
        dV[vo + j] += g0 * S[p0 + j] + g1 * S[p1 + j] + (g2 * S[p2 + j] + g3 * S[p3 + j]);
        dS[q0 + j] += g0 * v;
        dS[q1 + j] += g1 * v;
        dS[q2 + j] += g2 * v;
        dS[q3 + j] += g3 * v;
      }
    }
    for (; t < T; t++) {
      const g = Z[zo + t];
      csum += g;
      const p = (t + 1) * H;
      const q = t * H;
      for (let j = 0; j < H; j++) {
        dV[vo + j] += g * S[p + j];
        dS[q + j] += g * V[vo + j];
      }
    }
    dc[i] = csum;
  }
}

