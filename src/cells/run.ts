/**
 * Run a validated cell in the calling thread: the pure core of execution, used by the
 * worker and by tests. Deterministic: every random draw comes from seeds in the spec.
 */
import { runHmm, type HmmResult } from './hmm-run.js';
import { runRnn, type RnnResult } from './rnn-run.js';
import type { CellSpec } from './spec.js';

/** What a cell computed. */
export type CellResult = HmmResult | RnnResult;

/** Execute `spec` and return its results (throws on a numeric failure). */
export function runCell(spec: CellSpec): CellResult {
  return spec.kind === 'hmm' ? runHmm(spec) : runRnn(spec);
}

/** JSON with ±Infinity and NaN kept (`JSON.stringify` would turn them into `null`). */
export function encodeResult(result: CellResult): string {
  return JSON.stringify(result, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? { $number: String(value) } : value,
  );
}

/** Inverse of {@link encodeResult}. */
export function decodeResult(text: string): CellResult {
  return JSON.parse(text, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { $number?: unknown }).$number === 'string'
      ? Number((value as { $number: string }).$number)
      : value,
  ) as CellResult;
}
