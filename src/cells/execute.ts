/**
 * Execution with the rules around it: cache lookup (keyed on source, fence attributes,
 * numeric core and renderer versions), then a worker with the cell's timeout.
 */
import { join } from 'node:path';
import { DiskCache, hashKey } from '../cache/disk-cache.js';
import { defaultCacheFolder } from '../cache/default-folder.js';
import { NUMERIC_CORE_VERSION } from '../numeric/version.js';
import { CellRunError } from './pool.js';
import { cellWorkerPool } from '../engines/index.js';
import { decodeResult, encodeResult, type CellResult } from './run.js';
import type { CellSpec } from './spec.js';
import { CELLS_RENDERER_VERSION } from './version.js';

/** Counts of this process, for tests and build reports. */
export interface CellRunStats {
  /** Cells executed in a worker. */
  executed: number;
  /** Cells served from the cache. */
  cached: number;
  /** Cells that failed or timed out. */
  failed: number;
}

const stats: CellRunStats = { executed: 0, cached: 0, failed: 0 };

/** Counts since the process started (or since {@link resetCellRunStats}). */
export function cellRunStats(): CellRunStats {
  return { ...stats };
}

/** Zero the counts. */
export function resetCellRunStats(): void {
  stats.executed = 0;
  stats.cached = 0;
  stats.failed = 0;
}

/** The default cache folder: `node_modules/.cache/mlpost/cells` of the working directory. */
export function defaultCellCacheDir(): string {
  return defaultCacheFolder('cells');
}

/** What the key of a cell's cache entry is made of. */
export interface CellKeyParts {
  kind: string;
  /** The YAML body as written. */
  source: string;
  /** The fence attributes, canonical (sorted) JSON. */
  attributes: string;
  /** The validated spec (holds the text read from `file:`). */
  spec: CellSpec;
  /** The graph renderer's version and build, when diagrams are drawn. */
  rendererVersion: string;
}

/** The cache key of a cell. */
export function cellCacheKey(parts: CellKeyParts): string {
  return hashKey(
    'mlpost-cell',
    CELLS_RENDERER_VERSION,
    NUMERIC_CORE_VERSION,
    parts.rendererVersion,
    parts.kind,
    parts.source,
    parts.attributes,
    JSON.stringify(parts.spec),
  );
}

/** Options of {@link executeCell}. */
export interface ExecuteOptions {
  cache: DiskCache | undefined;
  /** Skip reading the cache (results are still written, so the next build is fresh). */
  noCache: boolean;
  timeoutMs: number;
  concurrency: number | undefined;
}

/** The outcome of a cell: its results, or why there are none. */
export type ExecuteOutcome =
  | { ok: true; result: CellResult; fromCache: boolean; ms: number }
  | { ok: false; reason: 'timeout' | 'failed'; message: string };

/** Run a cell through cache and worker. Never throws. */
export async function executeCell(spec: CellSpec, key: string, options: ExecuteOptions): Promise<ExecuteOutcome> {
  if (options.cache && !options.noCache) {
    const hit = options.cache.get(key);
    if (hit !== undefined) {
      try {
        const result = decodeResult(hit);
        stats.cached++;
        return { ok: true, result, fromCache: true, ms: 0 };
      } catch {
        // An unreadable entry is a miss: run the cell again.
      }
    }
  }
  try {
    const { result, ms } = await cellWorkerPool(options.concurrency).run(spec, options.timeoutMs);
    stats.executed++;
    options.cache?.set(key, encodeResult(result));
    return { ok: true, result, fromCache: false, ms };
  } catch (error) {
    stats.failed++;
    if (error instanceof CellRunError) return { ok: false, reason: error.reason, message: error.message };
    return { ok: false, reason: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

export { DiskCache };
