/**
 * A pool of render worker threads: jobs go to whichever thread is free, so a cold build
 * uses every core. A job whose thread crashes fails alone (the thread is replaced).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderJob, RenderJobResult, RenderSettings } from './render-job.js';
import type { RenderWorkerRequest, RenderWorkerResponse } from './render-worker.js';

/**
 * Heap limits of a render thread. Without them V8 lets each thread's heap grow with the
 * number of posts rendered (2.6 GB for the whole process at 5 000 posts, though the live
 * heap after a collection stays under 100 MB); with them a 1 000-post build peaks near
 * 600 MB for ~15 % more CPU time. The young generation is set explicitly because V8 would
 * otherwise derive a small one from the old-generation limit (twice the collections).
 */
export const RENDER_THREAD_LIMITS = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 48 } as const;

/**
 * Posts a render thread renders before it is replaced by a fresh one. The pipeline's
 * per-process memos are bounded (KaTeX's by characters, graphs' by entries), so this is a
 * safety net against slow growth rather than a necessity. A fresh thread costs more than
 * its start-up (~0.3 s): its code runs cold again until the JIT has seen it, so replacing
 * threads every 400 posts made a cold 1 000-post build ~20 % slower (29.5 s vs 23.7 s);
 * at 1 000, builds up to 2 000 posts never replace a thread.
 */
export const POSTS_PER_THREAD = 1000;

function startWorker(settings: RenderSettings): Worker {
  const options = { workerData: settings, resourceLimits: { ...RENDER_THREAD_LIMITS } };
  const compiled = new URL('./render-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, options);
  // Running from src/ (vitest, tsx): load the TypeScript worker through tsx.
  const source = new URL('./render-worker.ts', import.meta.url);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
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
  current: (Pending & { id: number }) | undefined;
  /** Jobs finished by this thread. */
  done: number;
}

/** Worker threads rendering posts. */
export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private readonly retiring: Array<Promise<void>> = [];

  constructor(
    readonly size: number,
    private readonly settings: RenderSettings,
    private readonly postsPerThread: number = POSTS_PER_THREAD,
  ) {
    for (let index = 0; index < size; index++) this.slots.push(this.newSlot());
  }

  /** Threads started so far (replacements included). */
  started = 0;

  /** Render one post on the next free thread. */
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
    const replace = (reason: string) => {
      const current = slot.current;
      slot.current = undefined;
      current?.reject(new Error(reason));
      if (this.closed) return;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.newSlot();
      this.dispatch();
    };
    slot.worker.on('error', (error) => replace(`render worker crashed: ${error.message}`));
    slot.worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) replace(`render worker exited with code ${code}`);
    });
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.current) continue;
      const next = this.queue.shift()!;
      const id = this.nextId++;
      slot.current = { ...next, id };
      slot.worker.postMessage({ type: 'job', id, job: next.job } satisfies RenderWorkerRequest);
    }
  }
}
