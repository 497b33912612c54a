/**
 * Worker thread entry: receives a validated cell, runs it, posts the result back. The
 * parent enforces the timeout by terminating this thread.
 */
import { parentPort } from 'node:worker_threads';
import { runCell } from './run.js';
import type { CellSpec } from './spec.js';

/** A request from the pool. */
export interface WorkerRequest {
  id: number;
  spec: CellSpec;
}

/** The answer: a result, or the error's message. */
export type WorkerResponse = { id: number; ok: true; result: ReturnType<typeof runCell>; ms: number } | { id: number; ok: false; error: string };

parentPort?.on('message', (request: WorkerRequest) => {
  const start = performance.now();
  let response: WorkerResponse;
  try {
    response = { id: request.id, ok: true, result: runCell(request.spec), ms: performance.now() - start };
  } catch (error) {
    response = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(response);
});
