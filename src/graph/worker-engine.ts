/**
 * Graphviz in a thread of its own, with a wall-clock limit per layout, behind the same
 * synchronous `layout()` as an in-process instance (Hexo renders through `renderSync`).
 *
 * A layout cannot be interrupted from inside: `neato` with `maxiter=2000000000 epsilon=0`
 * runs for ever, and in the thread that asked for it nothing else runs either (a site
 * build never ends; `serve` stops answering and ignores Ctrl-C). So each instance runs in a
 * worker thread (`layout-worker.ts`); the asking thread posts the request on a message
 * port and blocks on a shared flag (`Atomics.wait`) for at most the time limit; the worker
 * posts the answer, then raises the flag. Past the limit the worker is terminated (the one
 * way to stop a busy thread; V8 interrupts WebAssembly loops too) and the layout is a
 * {@link LayoutTimeoutError}. A thread costs ~10 MB and starts in ~50 ms, in the background.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { startModuleWorker } from '../engines/module-worker.js';
import type { EngineOutput, LayoutEngine } from './engine.js';

/** What the layout thread is started with. */
export interface LayoutWorkerData {
  port: MessagePort;
  /** One Int32: -1 while loading, then the id of the last request answered (0: ready). */
  flag: SharedArrayBuffer;
}

/** A request to the layout thread. */
export interface LayoutRequest {
  id: number;
  dot: string;
  engine: string;
}

/** What the layout thread posts back. */
export type LayoutReply =
  | { type: 'ready'; build: string; engines: string[]; resetsState: boolean }
  | { type: 'failed'; message: string }
  | { type: 'layout'; id: number; output: EngineOutput }
  | { type: 'crashed'; id: number; message: string };

/** A layout stopped at its time limit (its thread is gone; the engine is unusable). */
export class LayoutTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Graphviz took longer than ${timeoutMs / 1000} s to lay out this graph`);
    this.name = 'LayoutTimeoutError';
  }
}

/** How long a thread may take to load Graphviz before it counts as failed. */
const LOAD_TIMEOUT_MS = 30_000;

/** A {@link LayoutEngine} whose layouts run in a worker thread, each with a time limit. */
export interface WorkerLayoutEngine extends LayoutEngine {
  /** Lay out `dot`; throws {@link LayoutTimeoutError} past `timeoutMs` (after which the engine is closed). */
  layout(dot: string, engine: string, timeoutMs?: number): EngineOutput;
  /** Resolves when Graphviz is loaded in the thread (rejects if it cannot load). */
  readonly ready: Promise<void>;
  /** Whether the thread is gone (timed out, crashed, closed). */
  readonly closed: boolean;
  /** Stop the thread. */
  close(): Promise<void>;
}

/**
 * Start a layout thread. Returns at once: the thread loads Graphviz in the background,
 * and a layout asked before it is ready waits for it (at most 30 s).
 */
export function startWorkerEngine(): WorkerLayoutEngine {
  const { port1: port, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(flag, 0, -1);
  const data: LayoutWorkerData = { port: port2, flag: flag.buffer as SharedArrayBuffer };
  const worker: Worker = startModuleWorker(new URL('./layout-worker.js', import.meta.url), { workerData: data, transferList: [port2] });
  let closed = false;
  let stopping: Promise<number> | undefined;
  let info: Extract<LayoutReply, { type: 'ready' }> | undefined;
  let lastId = 0;
  worker.on('error', () => (closed = true));
  worker.on('exit', () => (closed = true));

  const stop = () => {
    closed = true;
    stopping ??= worker.terminate();
    return stopping;
  };
  /** The ready message, once the flag says it was posted. */
  const takeReady = (): Extract<LayoutReply, { type: 'ready' }> => {
    if (info) return info;
    const reply = receiveUntil(port, flag, 0, 1000);
    if (reply?.type === 'ready') return (info = reply);
    void stop();
    throw new Error(reply?.type === 'failed' ? `Graphviz did not load: ${reply.message}` : 'Graphviz did not load');
  };
  /** Block until the thread has loaded Graphviz. */
  const readySync = () => {
    if (info) return info;
    if (Atomics.wait(flag, 0, -1, LOAD_TIMEOUT_MS) === 'timed-out') {
      void stop();
      throw new Error(`Graphviz did not load within ${LOAD_TIMEOUT_MS / 1000} s`);
    }
    return takeReady();
  };
  const waited = (Atomics as unknown as { waitAsync(array: Int32Array, index: number, value: number, timeout: number): { value: Promise<string> | string } }).waitAsync(flag, 0, -1, LOAD_TIMEOUT_MS);
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the Graphviz thread exited with code ${code}`)));
    void Promise.resolve(waited.value).then(() => {
      if (Atomics.load(flag, 0) === -1) {
        void stop();
        reject(new Error(`Graphviz did not load within ${LOAD_TIMEOUT_MS / 1000} s`));
        return;
      }
      try {
        takeReady();
        resolve();
      } catch (error) {
        reject(error as Error);
      }
    });
  });
  ready.catch(() => undefined);
  // Loading keeps the process alive (`waitAsync` alone does not); an idle thread must not.
  const unref = () => worker.unref();
  ready.then(unref, unref);

  return {
    get build() {
      return readySync().build;
    },
    get engines() {
      return readySync().engines;
    },
    get resetsState() {
      return readySync().resetsState;
    },
    get closed() {
      return closed;
    },
    ready,
    layout(dot, engine, timeoutMs = Number.POSITIVE_INFINITY) {
      if (closed) throw new Error('the Graphviz thread has stopped');
      readySync();
      const id = ++lastId;
      port.postMessage({ id, dot, engine } satisfies LayoutRequest);
      const reply = receiveUntil(port, flag, id, timeoutMs);
      if (!reply) {
        void stop();
        throw new LayoutTimeoutError(timeoutMs);
      }
      if (reply.type === 'layout' && reply.id === id) return reply.output;
      // The module broke inside the thread: it is not used again.
      void stop();
      throw new Error(reply.type === 'crashed' ? reply.message : 'unexpected answer from the Graphviz thread');
    },
    close: () => stop().then(() => undefined),
  };
}

/**
 * Block until the flag reaches `id` and the reply posted before it can be read, for at most
 * `timeoutMs`; `undefined` when the time is up.
 */
function receiveUntil(port: MessagePort, flag: Int32Array, id: number, timeoutMs: number): LayoutReply | undefined {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const current = Atomics.load(flag, 0);
    if (current === id) {
      const received = receiveMessageOnPort(port);
      if (received) return received.message as LayoutReply;
    }
    const remaining = deadline - performance.now();
    if (remaining <= 0) return undefined;
    // Posted before the flag was raised, so normally there: if not yet, look again shortly.
    Atomics.wait(flag, 0, current, current === id ? 1 : Math.min(remaining, 2 ** 31 - 1));
  }
}
