/**
 * A pool of worker threads that run cells, at most `size` at once; a task past its timeout
 * has its worker terminated (the only way to stop a busy thread) and a fresh one takes
 * its place.
 *
 * Where the worker script comes from: from compiled `dist/`, `./worker.js` sits next to
 * this file and is started directly. From source (vitest, tsx), only `./worker.ts` exists;
 * it is started through a two-line bootstrap that registers tsx's ESM loader inside the
 * worker (`--import tsx` in `execArgv` does not reach worker threads). tsx is a dev
 * dependency, needed only when running from source.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CellResult } from './run.js';
import type { CellSpec } from './spec.js';
import type { WorkerRequest, WorkerResponse } from './worker.js';

/** Why a task did not produce a result. */
export class CellRunError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'failed',
  ) {
    super(message);
  }
}

function startWorker(): Worker {
  const compiled = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled);
  const source = new URL('./worker.ts', import.meta.url);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

interface Task {
  spec: CellSpec;
  timeoutMs: number;
  resolve(value: { result: CellResult; ms: number }): void;
  reject(error: CellRunError): void;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

/** Runs cells in worker threads with per-task timeouts. */
export class CellWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;

  constructor(readonly size: number = availableParallelism()) {}

  /** Run `spec` in a worker; rejects with a {@link CellRunError} on failure or timeout. */
  run(spec: CellSpec, timeoutMs: number): Promise<{ result: CellResult; ms: number }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ spec, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  /** Terminate every worker; queued tasks are rejected. */
  async close(): Promise<void> {
    for (const task of this.queue.splice(0)) task.reject(new CellRunError('the cell pool was closed', 'failed'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((candidate) => !candidate.busy);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = { worker: startWorker(), busy: false };
        // An idle worker must not keep the process alive.
        slot.worker.unref();
        this.slots.push(slot);
      }
      this.dispatch(slot, this.queue.shift()!);
    }
  }

  private dispatch(slot: Slot, task: Task): void {
    slot.busy = true;
    slot.worker.ref();
    const id = this.nextId++;
    const worker = slot.worker;
    let settled = false;
    const finish = (retire: boolean): void => {
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (retire) {
        const index = this.slots.indexOf(slot);
        if (index >= 0) this.slots.splice(index, 1);
        void worker.terminate();
      } else {
        slot.busy = false;
        worker.unref();
      }
      this.pump();
    };
    const onMessage = (response: WorkerResponse): void => {
      if (settled || response.id !== id) return;
      finish(false);
      if (response.ok) task.resolve({ result: response.result, ms: response.ms });
      else task.reject(new CellRunError(response.error, 'failed'));
    };
    const onError = (error: Error): void => {
      if (settled) return;
      finish(true);
      task.reject(new CellRunError(`the cell's worker crashed: ${error.message}`, 'failed'));
    };
    const onExit = (code: number): void => {
      if (settled) return;
      finish(true);
      task.reject(new CellRunError(`the cell's worker exited with code ${code}`, 'failed'));
    };
    const timer = setTimeout(() => {
      if (settled) return;
      finish(true);
      task.reject(new CellRunError(`stopped after ${task.timeoutMs / 1000} s (the cell's timeout)`, 'timeout'));
    }, task.timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const request: WorkerRequest = { id, spec: task.spec };
    worker.postMessage(request);
  }
}
