/**
 * The engines mlpost starts on demand and keeps for the process: Graphviz (WebAssembly
 * instances, with a memo of recent graphs) and the worker threads that run cells. This is
 * their one owner: the pipeline, cells and adapters get them here, and `closeEngines()`
 * is the one call that lets a process (the CLI, a render thread, a test) end cleanly.
 */
import { createGraphRenderer, type GraphRenderer } from '../graph/renderer.js';
import { rememberingRenderer } from '../graph/remembering-renderer.js';
import { CellWorkerPool } from '../cells/pool.js';

let graph: Promise<GraphRenderer> | undefined;
let cellPool: CellWorkerPool | undefined;

/**
 * The process-wide Graphviz renderer, loaded on first use, remembering recent graphs.
 * A failed load is not kept: the next call tries again.
 */
export function sharedGraphRenderer(): Promise<GraphRenderer> {
  graph ??= createGraphRenderer().then(rememberingRenderer, (error: unknown) => {
    graph = undefined;
    throw error;
  });
  return graph;
}

/** The process-wide pool of cell worker threads, created on first use with `size` threads at most. */
export function cellWorkerPool(size?: number): CellWorkerPool {
  cellPool ??= new CellWorkerPool(size);
  return cellPool;
}

/**
 * Stop the cell workers and the Graphviz threads (the next render starts new ones). Idle
 * engines never hold the process open, but a busy cell worker would; call this before exiting.
 */
export async function closeEngines(): Promise<void> {
  const pool = cellPool;
  cellPool = undefined;
  const loading = graph;
  graph = undefined;
  await Promise.all([pool?.close(), loading?.then(async (renderer) => {
    await renderer.idle();
    await renderer.close?.();
  }, () => undefined)]);
}
