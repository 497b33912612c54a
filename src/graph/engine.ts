/**
 * The one place that knows which Graphviz build draws our graphs.
 *
 * Pinned: `@viz-js/viz` 3.3.1, which bundles Graphviz 9.0.0. Every WASM build with
 * Graphviz ≥ 10 pulls the nodes of the seed graph (`rnn_intro_g1`) out of their
 * clusters and draws a scrambled figure (the seed-layout test in `test/graph/corpus.test.ts`
 * fails on them); 9.0.0 lays
 * it out as the original blog published it, loads in ~30 ms from one package and
 * returns Graphviz's warnings. Anything else in mlpost talks to {@link LayoutEngine}.
 */
import { instance } from '@viz-js/viz';

/** A message Graphviz printed while reading or laying out a graph. */
export interface EngineMessage {
  level: 'error' | 'warning';
  message: string;
}

/** What one layout produced: the raw SVG (absent on failure) and Graphviz's messages. */
export interface EngineOutput {
  svg: string | undefined;
  messages: EngineMessage[];
}

/** A loaded Graphviz. `layout` is synchronous and may throw if the WASM module crashes. */
export interface LayoutEngine {
  /** Names the build exactly (part of every cache key): `@viz-js/viz 3.3.1 / Graphviz 9.0.0`. */
  readonly build: string;
  /** Layout engines this build knows (`dot`, `neato`, …). */
  readonly engines: readonly string[];
  /** Whether every layout starts from the same state (deterministic output whatever ran before). */
  readonly resetsState: boolean;
  /** Lay out `dot` with `engine` and return SVG. Throws only when the module itself breaks. */
  layout(dot: string, engine: string): EngineOutput;
}

// The parts of the WebAssembly global we use (our TypeScript lib has no DOM/wasm types).
interface WasmMemory { readonly buffer: ArrayBuffer }
interface WasmInstance { readonly exports: Record<string, unknown> }
interface WasmGlobal {
  instantiate(...args: unknown[]): Promise<unknown>;
  Memory: abstract new (...args: never[]) => WasmMemory;
  Instance: abstract new (...args: never[]) => WasmInstance;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;

/** The `@viz-js/viz` version we pin (also in package.json, `--save-exact`). */
export const VIZ_JS_VERSION = '3.3.1';

/**
 * The build that version loads, as {@link LayoutEngine.build} names it. Known before
 * Graphviz loads, so cached graphs are found without loading it (a test checks that the
 * installed engine reports exactly this).
 */
export const PINNED_GRAPHVIZ_BUILD = `@viz-js/viz ${VIZ_JS_VERSION} / Graphviz 9.0.0`;

/**
 * Graphviz orders subgraphs (hence clusters) by the addresses of their interned names,
 * so a long-lived WASM instance lays out the same graph differently once its heap has
 * been used (native `dot` starts every run with a fresh heap). We keep the instance's
 * linear memory as it was right after loading and put it back before every layout:
 * every graph is drawn as by a fresh instance, whatever was drawn before, for the cost
 * of copying ~250 kB. The memory is not exported by viz-js, so we pick it out of the
 * exports of the module while `instance()` instantiates it.
 */
async function instantiateCapturingMemory(): Promise<{ viz: Awaited<ReturnType<typeof instance>>; memory: WasmMemory | undefined }> {
  const original = wasm.instantiate;
  let memory: WasmMemory | undefined;
  wasm.instantiate = async (...args: unknown[]) => {
    const result = await original.apply(wasm, args);
    const created = result instanceof wasm.Instance ? result : (result as { instance: WasmInstance }).instance;
    for (const value of Object.values(created.exports)) if (value instanceof wasm.Memory) memory = value;
    return result;
  };
  try {
    return { viz: await instance(), memory };
  } finally {
    wasm.instantiate = original;
  }
}

/** A snapshot of linear memory and the function that puts it back. */
function memoryReset(memory: WasmMemory): () => void {
  const live = new Uint8Array(memory.buffer);
  const used = endOfNonZero(live);
  const pristine = live.slice(0, used);
  return () => {
    // `memory.buffer` changes when the module grows its memory: take it afresh.
    const heap = new Uint8Array(memory.buffer);
    heap.set(pristine);
    heap.fill(0, used);
  };
}

const ZERO_CHUNK = new Uint8Array(64 * 1024);

/**
 * One past the last non-zero byte. Linear memory is mostly trailing zeros (16 MB for
 * ~250 kB of data): compare 64 kB chunks natively first, then bytes in the last one
 * (a byte loop over the whole memory took ~50 ms of every cold start).
 */
export function endOfNonZero(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0) {
    const start = Math.max(0, end - ZERO_CHUNK.length);
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start);
    if (!chunk.equals(ZERO_CHUNK.subarray(0, end - start))) break;
    end = start;
  }
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end;
}

/** Load a fresh instance of the pinned Graphviz-WASM build. */
export async function loadVizEngine(): Promise<LayoutEngine> {
  const { viz, memory } = await instantiateCapturingMemory();
  const reset = memory ? memoryReset(memory) : undefined;
  const build = `@viz-js/viz ${VIZ_JS_VERSION} / Graphviz ${viz.graphvizVersion}`;
  return {
    build,
    engines: viz.engines,
    resetsState: reset !== undefined,
    layout(dot, engine) {
      reset?.();
      const result = viz.render(dot, { format: 'svg', engine });
      const messages = result.errors.map((error) => ({ level: error.level ?? 'error', message: error.message }));
      return { svg: result.status === 'success' ? result.output : undefined, messages };
    },
  };
}
