/**
 * The thread a Graphviz instance runs in (see `worker-engine.ts`): it loads the pinned
 * Graphviz-WASM build, then answers one layout request at a time on its port, each answer
 * followed by a signal on the shared flag that the waiting thread blocks on.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { loadVizEngine } from './engine.js';
import type { LayoutReply, LayoutRequest, LayoutWorkerData } from './worker-engine.js';

const { port, flag: shared } = workerData as LayoutWorkerData;
const flag = new Int32Array(shared);

/** Post `reply` on the port, then raise the flag to `value` (the reply is queued before the waiter wakes). */
function answer(to: MessagePort, reply: LayoutReply, value: number): void {
  to.postMessage(reply);
  Atomics.store(flag, 0, value);
  Atomics.notify(flag, 0);
}

// Not a top-level `await`: the CLI's bundle of this entry is a CommonJS file.
loadVizEngine().then((engine) => {
  port.on('message', (request: LayoutRequest) => {
    let reply: LayoutReply;
    try {
      reply = { type: 'layout', id: request.id, output: engine.layout(request.dot, request.engine) };
    } catch (error) {
      reply = { type: 'crashed', id: request.id, message: error instanceof Error ? error.message : String(error) };
    }
    answer(port, reply, request.id);
  });
  answer(port, { type: 'ready', build: engine.build, engines: [...engine.engines], resetsState: engine.resetsState }, 0);
}, (error: unknown) => {
  answer(port, { type: 'failed', message: error instanceof Error ? error.message : String(error) }, 0);
});
