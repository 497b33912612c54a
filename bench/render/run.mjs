// Rendering the seed post: warm in-process, cold CLI, and pandoc 2.17 --katex as the peer.
// Run: npm run build && node bench/render/run.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, writeSection } from '../section.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const seed = join(root, 'fixtures/posts/rnn_intro.md');
const { renderPost } = await import(join(root, 'dist/index.js'));
const markdown = readFileSync(seed, 'utf8');

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
const hasPandoc = spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status === 0;
// Wall time, and the child's CPU time (user + sys) through /usr/bin/time where it exists:
// CPU time moves much less with the machine's load.
const timeCommand = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const measure = (command, args) => {
  const start = performance.now();
  const run = timeCommand
    ? spawnSync(timeCommand, ['-f', 'mlpost-bench-cpu %U %S', command, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(command, args, { stdio: 'ignore' });
  const wall = performance.now() - start;
  const cpu = /mlpost-bench-cpu ([\d.]+) ([\d.]+)/.exec(run.stderr ?? '');
  return { wall, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN };
};
// mlpost and pandoc take turns, so both see the same load.
const cold = [];
const pandocRuns = [];
for (let run = 0; run < 10; run++) {
  cold.push(measure(process.execPath, [join(root, 'bin/mlpost.js'), 'render', seed, '-o', out]));
  if (hasPandoc) pandocRuns.push(measure('pandoc', ['-f', 'markdown-smart', '--katex', '-s', seed, '-o', join(out, 'pandoc.html')]));
}
const coldWall = median(cold.map((run) => run.wall));
const coldCpu = median(cold.map((run) => run.cpu));
const pandoc = hasPandoc ? median(pandocRuns.map((run) => run.wall)) : undefined;
const pandocCpu = hasPandoc ? median(pandocRuns.map((run) => run.cpu)) : undefined;

const vsPandoc = (ours, peer) => (peer ? `${(ours / peer).toFixed(2)}× pandoc` : 'pandoc missing');
const rows = [
  ['seed, warm in-process `renderPost`', median(warm), '—', 'target ≤ 10 ms'],
  ['seed, cold CLI `mlpost render` (process start → file written)', coldWall, vsPandoc(coldWall, pandoc), 'target ≤ 1.00× pandoc (moonshot 0.5×)'],
  ['seed, cold CLI `mlpost render`: CPU time (user + sys)', coldCpu, vsPandoc(coldCpu, pandocCpu), 'steadier under load than wall time'],
  ['peer: `pandoc -f markdown-smart --katex -s` (Debian 2.17)', pandoc ?? NaN, '1.00×', ''],
  ['peer: pandoc, CPU time (user + sys)', pandocCpu ?? NaN, '1.00×', ''],
];
const table = [
  '| workload | median | vs peer | note |',
  '| --- | ---: | --- | --- |',
  ...rows.map(([name, ms, ratio, note]) => `| ${name} | ${ms.toFixed(1)} ms | ${ratio} | ${note} |`),
].join('\n');
console.log(table);
const notes = readFileSync(fileURLToPath(new URL('./notes.md', import.meta.url)), 'utf8').trim();
writeSection('Rendering the seed post', `Command: \`npm run build && node bench/render/run.mjs\` (100 warm runs after 30 to warm up, 10 cold runs of mlpost and pandoc taking turns; 1-minute load average ${loadavg()[0].toFixed(1)}).\n\n${table}\n\n${notes}`);
