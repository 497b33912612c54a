// Rendering the seed post: warm in-process, cold CLI, and pandoc 2.17 --katex as the peer.
// Run: npm run build && node bench/render/run.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, writeSection } from '../section.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const seed = join(root, 'fixtures/posts/rnn_intro.md');
const { renderPost } = await import(join(root, 'dist/index.js'));
const markdown = readFileSync(seed, 'utf8');

const timed = (fn) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

// Warm: the process has rendered the post 30 times (Graphviz loaded, processor frozen,
// the JIT has compiled the hot paths), as in `--watch`, `serve` or a site build's threads.
for (let run = 0; run < 30; run++) await renderPost(markdown, { path: 'rnn_intro.md' });
const warm = [];
for (let run = 0; run < 100; run++) {
  const start = performance.now();
  await renderPost(markdown, { path: 'rnn_intro.md' });
  warm.push(performance.now() - start);
}

const out = mkdtempSync(join(tmpdir(), 'mlpost-bench-'));
const cold = [];
for (let run = 0; run < 10; run++) {
  cold.push(timed(() => spawnSync(process.execPath, [join(root, 'bin/mlpost.js'), 'render', seed, '-o', out], { stdio: 'ignore' })));
}

let pandoc;
if (spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status === 0) {
  const runs = [];
  for (let run = 0; run < 10; run++) {
    runs.push(timed(() => spawnSync('pandoc', ['-f', 'markdown-smart', '--katex', '-s', seed, '-o', join(out, 'pandoc.html')], { stdio: 'ignore' })));
  }
  pandoc = median(runs);
}

const rows = [
  ['seed, warm in-process `renderPost`', median(warm), '—', 'target ≤ 10 ms'],
  ['seed, cold CLI `mlpost render` (process start → file written)', median(cold), pandoc ? `${(median(cold) / pandoc).toFixed(2)}× pandoc` : 'pandoc missing', 'target ≤ 1.00× pandoc (moonshot 0.5×); CPU time in the notes'],
  ['peer: `pandoc -f markdown-smart --katex -s` (Debian 2.17)', pandoc ?? NaN, '1.00×', ''],
];
const table = [
  '| workload | median | vs peer | note |',
  '| --- | ---: | --- | --- |',
  ...rows.map(([name, ms, ratio, note]) => `| ${name} | ${ms.toFixed(1)} ms | ${ratio} | ${note} |`),
].join('\n');
console.log(table);
const notes = readFileSync(fileURLToPath(new URL('./notes.md', import.meta.url)), 'utf8').trim();
writeSection('Rendering the seed post', `Command: \`npm run build && node bench/render/run.mjs\` (100 warm runs after 30 to warm up, 10 cold runs; 1-minute load average ${loadavg()[0].toFixed(1)}).\n\n${table}\n\n${notes}`);
