/**
 * Render worker thread: renders posts for the site builder, one at a time. Graphviz and
 * KaTeX load once per thread (the pipeline's own process-wide instances); the thread's
 * cell workers are closed before it is let go.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useCacheSecret } from '../cache/secret.js';
import { closeEngines } from '../engines/index.js';
import { renderJob, type RenderJob, type RenderJobResult, type RenderSettings } from './render-job.js';

/** A message from the pool. */
export type RenderWorkerRequest = { type: 'job'; id: number; job: RenderJob } | { type: 'close' };

/** The answer to a job, or the acknowledgement of `close`. */
export type RenderWorkerResponse =
  /** The thread has begun the job (the pool's time limit counts from here, not from the thread's start-up). */
  | { type: 'started'; id: number }
  | { type: 'done'; id: number; result: RenderJobResult }
  | { type: 'failed'; id: number; error: string }
  | { type: 'closed' };

const settings = workerData as RenderSettings;
// The main thread's cache key: entries this thread writes are read back there.
useCacheSecret(settings.cacheSecret);

parentPort?.on('message', (request: RenderWorkerRequest) => {
  if (request.type === 'close') {
    void closeEngines().finally(() => parentPort!.postMessage({ type: 'closed' } satisfies RenderWorkerResponse));
    return;
  }
  parentPort!.postMessage({ type: 'started', id: request.id } satisfies RenderWorkerResponse);
  renderJob(request.job, settings).then(
    (result) => parentPort!.postMessage({ type: 'done', id: request.id, result } satisfies RenderWorkerResponse),
    (error: unknown) =>
      parentPort!.postMessage({ type: 'failed', id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RenderWorkerResponse),
  );
});
