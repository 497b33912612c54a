/**
 * A pool of render worker threads: jobs go to whichever thread is free, so a cold build
 * uses every core. A job whose thread crashes fails alone (the thread is replaced), and so
 * does a job past the time limit of a post (its thread is stopped and replaced: a thread
 * busy in synchronous code cannot be stopped any other way).
 *
 * {@link renderIsolated} renders one post in a thread of its own with a larger heap: for
 * posts too big for a pool thread, and for a post whose pool thread ran out of memory.
 */
import { getHeapStatistics } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../engines/module-worker.js';
import type { RenderJob, RenderJobResult, RenderSettings } from './render-job.js';
import type { RenderWorkerRequest, RenderWorkerResponse } from './render-worker.js';

/**
 * Heap limits of a render thread. Without them V8 lets each thread's heap grow with the
 * number of posts rendered (2.6 GB for the whole process at 5 000 posts, though the live
 * heap after a collection stays under 100 MB); with them a 1 000-post build peaks near
 * 600 MB for ~15 % more CPU time. The young generation is set explicitly because V8 would
 * otherwise derive a small one from the old-generation limit (twice the collections).
 */
export const RENDER_THREAD_LIMITS = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 96 } as const;

/**
 * Posts a render thread renders before it is replaced by a fresh one. The pipeline's
 * per-process memos are bounded (KaTeX's by characters, graphs' by entries), so this is a
 * safety net against slow growth rather than a necessity. A fresh thread costs more than
 * its start-up (~0.3 s): its code runs cold again until the JIT has seen it, so replacing
 * threads every 400 posts made a cold 1 000-post build ~20 % slower (29.5 s vs 23.7 s);
 * at 1 000, builds up to 2 000 posts never replace a thread.
 */
export const POSTS_PER_THREAD = 1000;

/**
 * The old-generation limit of a thread rendering one big post alone: half of what this
 * process may have, so that running out stops the thread, not the process.
 */
export function isolatedHeapMb(): number {
  return Math.max(4 * RENDER_THREAD_LIMITS.maxOldGenerationSizeMb, Math.floor(getHeapStatistics().heap_size_limit / (1024 * 1024) / 2));
}

/** Why a post has no rendering: its thread crashed, ran out of memory, or passed the time limit. */
export class PostRenderError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'memory' | 'crashed',
  ) {
    super(message);
    this.name = 'PostRenderError';
  }
}

function startWorker(settings: RenderSettings, resourceLimits: Worker['resourceLimits'] = { ...RENDER_THREAD_LIMITS }): Worker {
  return startModuleWorker(new URL('./render-worker.js', import.meta.url), { workerData: settings, resourceLimits });
}

/** The error for a thread that stopped with `error` (an `'error'` event) while rendering. */
function crashError(error: Error & { code?: string }, heapMb: number): PostRenderError {
  if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') return new PostRenderError(`mlpost ran out of memory rendering this post (the render thread's limit is ${heapMb} MB)`, 'memory');
  return new PostRenderError(`render worker crashed: ${error.message}`, 'crashed');
}

/** How long past `postMs` a thread may take to begin a post (load mlpost, finish the last job's leftovers). */
const THREAD_START_GRACE_MS = 60_000;

function timeoutError(timeoutMs: number): PostRenderError {
  return new PostRenderError(`mlpost stopped rendering this post after ${timeoutMs / 1000} s (limits.postMs in mlpost.yml)`, 'timeout');
}

/** Let a thread close its cell workers (bounded wait), then stop it. */
async function stopWorker(worker: Worker): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 5000);
    const onMessage = (message: RenderWorkerResponse) => {
      if (message.type !== 'closed') return;
      clearTimeout(timer);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.postMessage({ type: 'close' } satisfies RenderWorkerRequest);
  });
  await worker.terminate();
}

interface Pending {
  job: RenderJob;
  resolve(result: RenderJobResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  current: (Pending & { id: number; timer: NodeJS.Timeout | undefined }) | undefined;
  /** Jobs finished by this thread. */
  done: number;
}

/** Options of a {@link RenderPool}. */
export interface RenderPoolOptions {
  /** Posts a thread renders before it is replaced ({@link POSTS_PER_THREAD}). */
  postsPerThread?: number;
  /** Wall-clock limit of one post, in milliseconds (none by default). */
  postMs?: number;
}

/** Worker threads rendering posts. */
export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private readonly retiring: Array<Promise<void>> = [];
  private readonly postsPerThread: number;
  private readonly postMs: number | undefined;

  constructor(
    readonly size: number,
    private readonly settings: RenderSettings,
    options: RenderPoolOptions | number = {},
  ) {
    const { postsPerThread = POSTS_PER_THREAD, postMs } = typeof options === 'number' ? { postsPerThread: options } : options;
    this.postsPerThread = postsPerThread;
    this.postMs = postMs;
    for (let index = 0; index < size; index++) this.slots.push(this.newSlot());
  }

  /** Threads started so far (replacements included). */
  started = 0;

  /** Render one post on the next free thread; rejects with a {@link PostRenderError} when its thread fails. */
  render(job: RenderJob): Promise<RenderJobResult> {
    if (this.closed) return Promise.reject(new Error('render pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** Let every thread close its cell workers, then stop it. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.slots.map((slot) => stopWorker(slot.worker)), ...this.retiring]);
  }

  private newSlot(): Slot {
    const slot: Slot = { worker: startWorker(this.settings), current: undefined, done: 0 };
    this.started++;
    slot.worker.on('message', (message: RenderWorkerResponse) => {
      const current = slot.current;
      if (message.type === 'closed' || !current || message.id !== current.id) return;
      if (message.type === 'started') {
        clearTimeout(current.timer);
        current.timer = this.timeLimit(slot, 0);
        return;
      }
      clearTimeout(current.timer);
      slot.current = undefined;
      slot.done++;
      if (message.type === 'done') current.resolve(message.result);
      else current.reject(new Error(message.error));
      if (slot.done >= this.postsPerThread && this.queue.length > 0 && !this.closed) {
        const index = this.slots.indexOf(slot);
        if (index >= 0) {
          this.slots[index] = this.newSlot();
          this.retiring.push(stopWorker(slot.worker));
        }
      }
      this.dispatch();
    });
    slot.worker.on('error', (error) => this.replace(slot, crashError(error, RENDER_THREAD_LIMITS.maxOldGenerationSizeMb)));
    slot.worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) this.replace(slot, new PostRenderError(`render worker exited with code ${code}`, 'crashed'));
    });
    return slot;
  }

  /** Fail the slot's job with `error`, stop its thread and put a fresh one in its place. */
  private replace(slot: Slot, error: PostRenderError): void {
    const current = slot.current;
    slot.current = undefined;
    if (current) clearTimeout(current.timer);
    current?.reject(error);
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    if (this.closed) return;
    this.slots[index] = this.newSlot();
    void slot.worker.terminate();
    this.dispatch();
  }

  /** The timer that replaces `slot`'s thread `postMs + graceMs` from now (none without `postMs`). */
  private timeLimit(slot: Slot, graceMs: number): NodeJS.Timeout | undefined {
    const postMs = this.postMs;
    return postMs === undefined ? undefined : setTimeout(() => this.replace(slot, timeoutError(postMs)), postMs + graceMs);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.current) continue;
      const next = this.queue.shift()!;
      const id = this.nextId++;
      // The time limit starts when the thread says it has begun (a fresh thread loads first);
      // until then a looser one holds, so a thread that never begins the post is replaced too.
      slot.current = { ...next, id, timer: this.timeLimit(slot, THREAD_START_GRACE_MS) };
      slot.worker.postMessage({ type: 'job', id, job: next.job } satisfies RenderWorkerRequest);
    }
  }
}

/**
 * Render one post in a thread of its own with an old generation of `heapMb` and a limit
 * of `postMs`; rejects with a {@link PostRenderError} if the thread fails.
 */
export function renderIsolated(job: RenderJob, settings: RenderSettings, options: { heapMb?: number; postMs?: number } = {}): Promise<RenderJobResult> {
  const heapMb = options.heapMb ?? isolatedHeapMb();
  const worker = startWorker(settings, { ...RENDER_THREAD_LIMITS, maxOldGenerationSizeMb: heapMb });
  return new Promise<RenderJobResult>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    let timer: NodeJS.Timeout | undefined;
    worker.on('message', (message: RenderWorkerResponse) => {
      if (message.type === 'started' && options.postMs !== undefined) timer = setTimeout(() => settle(() => reject(timeoutError(options.postMs!))), options.postMs);
      else if (message.type === 'done') settle(() => resolve(message.result));
      else if (message.type === 'failed') settle(() => reject(new Error(message.error)));
    });
    worker.on('error', (error) => settle(() => reject(crashError(error, heapMb))));
    worker.on('exit', (code) => settle(() => reject(new PostRenderError(`render worker exited with code ${code}`, 'crashed'))));
    worker.postMessage({ type: 'job', id: 1, job } satisfies RenderWorkerRequest);
  }).then(
    (result) => {
      void stopWorker(worker);
      return result;
    },
    (error: unknown) => {
      void worker.terminate();
      throw error;
    },
  );
}
