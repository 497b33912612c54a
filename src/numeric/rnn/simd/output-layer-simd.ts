/**
 * The output layer's two product kernels (logits; dV, dc, dS) in WebAssembly SIMD,
 * from output-layer.wat. Same operation order as ../output-layer.ts, so the same
 * bits: only faster (two f64 lanes per instruction, more work per load). Each
 * workspace owns one instance and its linear memory, sized once; V and the states
 * are copied in and the gradients out on every call (a small part of the time).
 */
import { softmaxLoss, type SoftmaxScratch } from '../output-layer.js';
import { OUTPUT_LAYER_WASM } from './output-layer-wasm.js';

// The parts of the WebAssembly global we use (our TypeScript lib has no DOM/wasm types).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmGlobal {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
interface Kernels {
  logits(Hp: number, Cp: number, Tp: number, V: number, c: number, ST: number, Z: number): void;
  outputBackward(Hp: number, Cp: number, T: number, Tp: number, V: number, S: number, Z: number, dV: number, dc: number, dS: number): void;
}

const PAGE = 65536;
/** Largest linear memory we ask for (bytes); bigger models keep the scalar kernels. */
const MAX_BYTES = 2 ** 31;

let compiled: { wasm: WasmGlobal; module: object } | null | undefined;

/** The compiled module, or null where WebAssembly or its SIMD is missing (then the scalar kernels run). */
function wasmModule(): { wasm: WasmGlobal; module: object } | null {
  if (compiled !== undefined) return compiled;
  const wasm = (globalThis as unknown as { WebAssembly?: WasmGlobal }).WebAssembly;
  const bytes = Uint8Array.from(atob(OUTPUT_LAYER_WASM), (ch) => ch.charCodeAt(0));
  try {
    compiled = wasm && wasm.validate(bytes) ? { wasm, module: new wasm.Module(bytes) } : null;
  } catch {
    compiled = null; // e.g. node --jitless: no WebAssembly code generation
  }
  return compiled;
}

/** One model size's wasm instance and where each array lives in its memory (in f64 elements). */
export interface SimdOutputLayer {
  readonly C: number;
  readonly H: number;
  readonly maxSteps: number;
  /** C rounded up to a multiple of 4, H to a multiple of 2 (padding rows and columns stay zero). */
  readonly Cp: number;
  readonly Hp: number;
  readonly kernels: Kernels;
  readonly heap: Float64Array;
  readonly at: { readonly V: number; readonly c: number; readonly ST: number; readonly S: number; readonly Z: number; readonly dV: number; readonly dc: number; readonly dS: number };
}

/** The SIMD output layer for C symbols, H hidden units and up to `maxSteps` steps, or undefined where it cannot run. */
export function createSimdOutputLayer(C: number, H: number, maxSteps: number): SimdOutputLayer | undefined {
  const compiledModule = wasmModule();
  if (!compiledModule) return undefined;
  const { wasm, module } = compiledModule;
  const Cp = C + ((4 - (C % 4)) % 4);
  const Hp = H + (H % 2);
  const Tp = maxSteps + ((4 - (maxSteps % 4)) % 4);
  let end = 0;
  // Each array starts on a 64-byte line.
  const take = (elements: number): number => {
    const start = end;
    end += Math.ceil(elements / 8) * 8;
    return start;
  };
  const at = {
    V: take(Cp * Hp),
    c: take(Cp),
    ST: take(Hp * Tp),
    S: take((maxSteps + 1) * Hp),
    Z: take(Cp * Tp),
    dV: take(Cp * Hp),
    dc: take(Cp),
    dS: take(maxSteps * Hp),
  };
  if (end * 8 > MAX_BYTES) return undefined;
  const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil((end * 8) / PAGE)) });
  const instance = new wasm.Instance(module, { env: { memory } });
  return { C, H, maxSteps, Cp, Hp, kernels: instance.exports as unknown as Kernels, heap: new Float64Array(memory.buffer), at };
}

/** Rows of V per chunk: about 128 KiB, a multiple of 4 (the logits kernel's block). */
function chunkRows(Hp: number): number {
  return Math.max(4, Math.floor(16384 / Hp / 4) * 4);
}

/**
 * The output layer of one sentence of T steps (T ≤ maxSteps): logits from the states
 * S ((T+1) × H, row 0 = s_{-1}), softmax and loss against y, then dV, dc and dS
 * (T × H) written into the given arrays. Returns the summed cross-entropy.
 */
export function simdOutputLayer(
  layer: SimdOutputLayer,
  V: Float64Array,
  c: Float64Array,
  S: Float64Array,
  T: number,
  y: ArrayLike<number>,
  scratch: SoftmaxScratch,
  dV: Float64Array,
  dc: Float64Array,
  dS: Float64Array,
): number {
  const { C, H, Cp, Hp, heap, at, kernels } = layer;
  const Tp = T + ((4 - (T % 4)) % 4);
  heap.set(c.subarray(0, C), at.c);
  // ST[j, t] = s_t[j] for the logits (steps side by side); S again with row stride Hp.
  for (let j = 0; j < H; j++) {
    const row = at.ST + j * Tp;
    for (let t = 0; t < T; t++) heap[row + t] = S[(t + 1) * H + j];
    for (let t = T; t < Tp; t++) heap[row + t] = 0;
  }
  if (Hp === H) heap.set(S.subarray(0, (T + 1) * H), at.S);
  else for (let t = 0; t <= T; t++) heap.set(S.subarray(t * H, (t + 1) * H), at.S + t * Hp);

  // V goes in, and dV out, a chunk of rows at a time, right before (after) the kernel that
  // uses it: the chunk is still in cache, so each C×H array crosses memory once less.
  const chunk = chunkRows(Hp);
  for (let i = 0; i < Cp; i += chunk) {
    const rows = Math.min(chunk, Cp - i);
    const real = Math.max(0, Math.min(rows, C - i));
    if (Hp === H) heap.set(V.subarray(i * H, (i + real) * H), at.V + i * Hp);
    else for (let k = i; k < i + real; k++) heap.set(V.subarray(k * H, (k + 1) * H), at.V + k * Hp);
    kernels.logits(Hp, rows, Tp, (at.V + i * Hp) * 8, (at.c + i) * 8, at.ST * 8, (at.Z + i * Tp) * 8);
  }
  const loss = softmaxLoss(C, T, heap, at.Z, Tp, y, scratch);
  heap.fill(0, at.dS, at.dS + T * Hp);
  for (let i = 0; i < Cp; i += chunk) {
    const rows = Math.min(chunk, Cp - i);
    const real = Math.max(0, Math.min(rows, C - i));
    kernels.outputBackward(Hp, rows, T, Tp, (at.V + i * Hp) * 8, at.S * 8, (at.Z + i * Tp) * 8, (at.dV + i * Hp) * 8, (at.dc + i) * 8, at.dS * 8);
    if (Hp === H) dV.set(heap.subarray(at.dV + i * Hp, at.dV + (i + real) * Hp), i * H);
    else for (let k = i; k < i + real; k++) dV.set(heap.subarray(at.dV + k * Hp, at.dV + k * Hp + H), k * H);
  }
  dc.set(heap.subarray(at.dc, at.dc + C));
  if (Hp === H) dS.set(heap.subarray(at.dS, at.dS + T * H));
  else for (let t = 0; t < T; t++) dS.set(heap.subarray(at.dS + t * Hp, at.dS + t * Hp + H), t * H);
  return loss;
}
