/**
 * A small dense matrix over Float64Array: row-major, `data[i * cols + j]` is
 * row i, column j. Plain objects (no class) so matrices cross worker
 * boundaries by structured clone unchanged. Only the operations the models
 * need are here.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A rows × cols matrix of zeros. */
export function zeros(rows: number, cols: number): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`matrix size must be non-negative integers, got ${rows}×${cols}`);
  }
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** A matrix from nested arrays (rows of equal length). */
export function fromRows(rows: ReadonlyArray<ArrayLike<number>>): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const m = zeros(r, c);
  for (let i = 0; i < r; i++) {
    const row = rows[i];
    if (row.length !== c) throw new RangeError(`row ${i} has ${row.length} entries, expected ${c}`);
    for (let j = 0; j < c; j++) m.data[i * c + j] = row[j];
  }
  return m;
}

/** Nested arrays from a matrix (for JSON output and tests). */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/** Entry (i, j). */
export function get(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j];
}

/** Row i as a view sharing the matrix's storage. */
export function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** A deep copy. */
export function clone(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: new Float64Array(m.data) };
}

/** The transpose as a new matrix. */
export function transpose(m: Matrix): Matrix {
  const t = zeros(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) t.data[j * m.rows + i] = m.data[i * m.cols + j];
  }
  return t;
}

/** Matrix product a · b as a new matrix. */
export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const out = zeros(a.rows, b.cols);
  const n = b.cols;
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      if (aik === 0) continue;
      const bo = k * n;
      const oo = i * n;
      for (let j = 0; j < n; j++) out.data[oo + j] += aik * b.data[bo + j];
    }
  }
  return out;
}

/** y = M x (y has M.rows entries). Writes into `out` when given. */
export function matVec(m: Matrix, x: ArrayLike<number>, out: Float64Array = new Float64Array(m.rows)): Float64Array {
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    let acc = 0;
    const o = i * cols;
    for (let j = 0; j < cols; j++) acc += data[o + j] * x[j];
    out[i] = acc;
  }
  return out;
}

/** y = Mᵀ x (y has M.cols entries). Writes into `out` when given. */
export function matTVec(m: Matrix, x: ArrayLike<number>, out: Float64Array = new Float64Array(m.cols)): Float64Array {
  const { rows, cols, data } = m;
  out.fill(0);
  for (let i = 0; i < rows; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[j] += data[o + j] * xi;
  }
  return out;
}

/** M += a ⊗ b (rank-one update: M[i][j] += a[i] b[j]). */
export function addOuter(m: Matrix, a: ArrayLike<number>, b: ArrayLike<number>): void {
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    const ai = a[i];
    if (ai === 0) continue;
    const o = i * cols;
    for (let j = 0; j < cols; j++) data[o + j] += ai * b[j];
  }
}

/** Frobenius norm √(Σ m_ij²). */
export function frobeniusNorm(m: Matrix): number {
  let s = 0;
  for (let k = 0; k < m.data.length; k++) s += m.data[k] * m.data[k];
  return Math.sqrt(s);
}

/** The identity matrix of size n. */
export function identity(n: number): Matrix {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/**
 * Spectral norm (largest singular value): √ of the largest eigenvalue of MᵀM,
 * found by cyclic Jacobi rotations (exact to rounding, unlike power iteration
 * whose accuracy depends on the eigenvalue gap).
 */
export function spectralNorm(m: Matrix): number {
  const n = m.cols;
  // G = Mᵀ M, symmetric positive semi-definite.
  const g = new Float64Array(n * n);
  for (let k = 0; k < m.rows; k++) {
    const o = k * n;
    for (let i = 0; i < n; i++) {
      const mi = m.data[o + i];
      if (mi === 0) continue;
      for (let j = 0; j < n; j++) g[i * n + j] += mi * m.data[o + j];
    }
  }
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(g[i]));
  if (scale === 0 || n === 0) return 0;
  for (let i = 0; i < n * n; i++) g[i] /= scale; // keep tiny norms (1e-21) away from underflow
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += g[p * n + q] * g[p * n + q];
    let diag = 0;
    for (let p = 0; p < n; p++) diag += g[p * n + p] * g[p * n + p];
    if (off <= 1e-32 * diag) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const gpq = g[p * n + q];
        if (gpq === 0) continue;
        const theta = (g[q * n + q] - g[p * n + p]) / (2 * gpq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const gkp = g[k * n + p];
          const gkq = g[k * n + q];
          g[k * n + p] = c * gkp - s * gkq;
          g[k * n + q] = s * gkp + c * gkq;
        }
        for (let k = 0; k < n; k++) {
          const gpk = g[p * n + k];
          const gqk = g[q * n + k];
          g[p * n + k] = c * gpk - s * gqk;
          g[q * n + k] = s * gpk + c * gqk;
        }
      }
    }
  }
  let top = 0;
  for (let p = 0; p < n; p++) top = Math.max(top, g[p * n + p]);
  return Math.sqrt(top * scale);
}
