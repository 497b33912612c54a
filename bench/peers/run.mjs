// Same-work peers: cold builds of the same make-site.mjs sites by mlpost and by generators
// that typeset math at build time (Hexo + hexo-filter-mathjax, Astro + rehype-katex, Hugo +
// transform.ToMath where a Debian package of it can be had), plus Hexo + marked (less work:
// no math). Tools take turns round by round (A B C D, A B C D, …); rows are medians.
//
// Run: npm run build && node bench/peers/run.mjs [options]
//   --quick           100 posts, one round, BENCHMARKS.md untouched (smoke test)
//   --sizes 100,1000  site sizes (default 100,1000,5000)
//   --rounds N        rounds per size (default 3; 1 at 5 000 posts)
//   --tools a,b       only these tools (ids: mlpost, hexo-mathjax, astro-katex, hugo, hexo-marked)
//   --prepare         make the sites and the tools' copies, install the peers, print the folders; no runs
//   --section-only    rewrite the BENCHMARKS.md section from the last run's results.json
//   --no-write        leave BENCHMARKS.md untouched
// Work folder: $TMPDIR/mlpost-bench-peers (sites, each tool's copy, results.json).
import { cpus, tmpdir } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureTree } from '../process-tree.mjs';
import { writeSection } from '../section.mjs';
import { benchSite } from '../sites.mjs';
import { checkOutput } from './check.mjs';
import { installPeer } from './install.mjs';
import { renderSection } from './report.mjs';
import { postNames, TOOLS } from './tools.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const index = argv.indexOf(name);
  return index === -1 ? undefined : argv[index + 1];
};
const quick = argv.includes('--quick');
const sizes = quick ? [100] : (option('--sizes') ?? '100,1000,5000').split(',').map(Number);
const roundsFor = (n) => (quick ? 1 : Number(option('--rounds') ?? (n >= 5000 ? 1 : 3)));
const only = option('--tools')?.split(',');
const write = !quick && !argv.includes('--no-write');
const work = join(tmpdir(), 'mlpost-bench-peers');
const resultsFile = join(work, 'results.json');
const notes = () => readFileSync(new URL('./notes.md', import.meta.url), 'utf8');

mkdirSync(work, { recursive: true });
if (argv.includes('--section-only')) {
  writeSection('Same-work peers', `${renderSection(JSON.parse(readFileSync(resultsFile, 'utf8')))}\n\n${notes()}`);
  process.exit(0);
}

const tools = TOOLS.filter((tool) => !only || only.includes(tool.id));
const unavailable = {};
for (const tool of tools) {
  const reason = tool.unavailable();
  if (reason) {
    unavailable[tool.id] = reason;
    console.log(`${tool.label}: unavailable — ${reason}`);
  } else if (tool.packageDir) installPeer(tool.packageDir);
}
const runnable = tools.filter((tool) => !unavailable[tool.id]);

// Every Node tool gets the same heap limit, above the default 4 144 MB: Hexo + MathJax and Astro
// peak at ~4.4 GB at 1 000 posts already.
const env = { ...process.env, CI: 'true', NODE_NO_WARNINGS: '1', ASTRO_TELEMETRY_DISABLED: '1', NODE_OPTIONS: '--max-old-space-size=8192' };
const results = {
  date: new Date().toISOString(),
  cores: cpus().length,
  node: process.version,
  quick,
  work,
  tools: tools.map(({ id, label, does, math, reproduce }) => ({ id, label, does, typesetsMath: Boolean(math), reproduce })),
  unavailable,
  sizes: sizes.map((n) => ({ n, rounds: roundsFor(n) })),
  runs: [],
};
const save = () => writeFileSync(resultsFile, JSON.stringify(results, null, 2));

for (const n of sizes) {
  const site = benchSite(work, n);
  const posts = join(site, 'posts');
  const names = postNames(posts);
  const dirs = new Map(runnable.map((tool) => [tool.id, tool.prepare(posts, join(work, `${tool.id}-${n}`))]));
  if (argv.includes('--prepare')) {
    for (const tool of runnable) console.log(`${n} posts, ${tool.id}: ${dirs.get(tool.id)}`);
    continue;
  }
  for (let round = 1; round <= roundsFor(n); round++) {
    for (const tool of runnable) {
      const dir = dirs.get(tool.id);
      tool.clean(dir);
      const { command, args, cwd } = tool.command(dir);
      const measured = await measureTree(command, args, { cwd, env });
      const check = measured.status === 0 ? checkOutput(tool, dir, names, posts) : { ok: false, reason: `exit ${measured.status}: ${measured.stderr.trim().split('\n').slice(-3).join(' / ')}` };
      const { stderr, ...numbers } = measured;
      results.runs.push({ tool: tool.id, n, round, ...numbers, check });
      save();
      const math = tool.math ? `, math ${check.math} typeset + ${check.errors} errors / ${check.formulas} in ${check.sampled} sampled pages` : '';
      console.log(
        `[${n} posts, round ${round}] ${tool.id}: ${(measured.wallMs / 1000).toFixed(2)} s wall, ${(measured.cpuMs / 1000).toFixed(2)} s CPU, ${measured.peakMb.toFixed(0)} MB, load ${measured.load.toFixed(2)}${math}, processes: ${measured.processes.join(' ')}${check.ok ? '' : ` — FAILED: ${check.reason}`}`,
      );
    }
  }
}
if (argv.includes('--prepare')) process.exit(0);

const section = renderSection(results);
console.log(`\n${section}`);
if (write) writeSection('Same-work peers', `${section}\n\n${notes()}`);
process.exitCode = results.runs.some((run) => !run.check.ok) ? 1 : 0;
