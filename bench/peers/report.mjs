// The BENCHMARKS.md section of the same-work comparison, from a run's results.json.
import { median } from '../section.mjs';

const seconds = (ms) => `${(ms / 1000).toFixed(ms >= 100_000 ? 0 : 1)} s`;
const perPost = (ms, n) => `${(ms / n).toFixed(1)} ms`;

/** Median, minimum and maximum of the runs' `key`. */
const stats = (runs, key) => {
  const values = runs.map((run) => run[key]);
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
};

/** How much longer the peer takes than mlpost ("2.10×"; below 1 the peer is faster). */
const ratio = (peer, ours) => `${(peer / ours).toFixed(2)}×`;

/** One size's table, its target line and its reproduce lines. */
function sizeSection(results, { n, rounds }) {
  const rowsOf = results.tools
    .filter((tool) => !results.unavailable[tool.id])
    .map((tool) => ({ tool, runs: results.runs.filter((run) => run.tool === tool.id && run.n === n) }))
    .filter(({ runs }) => runs.length > 0);
  const summary = new Map(
    rowsOf.map(({ tool, runs }) => {
      const failed = runs.find((run) => !run.check.ok);
      return [tool.id, { failed, wall: stats(runs, 'wallMs'), cpu: stats(runs, 'cpuMs'), peak: Math.max(...runs.map((run) => run.peakMb)), load: stats(runs, 'load'), runs }];
    }),
  );
  const ours = summary.get('mlpost');
  const lines = [
    `### ${n.toLocaleString('en').replace(/,/g, ' ')} posts (${rounds} round${rounds > 1 ? 's' : ''})`,
    '',
    '| tool | does | wall (median) | CPU, user + sys (median) | CPU per post | peak memory | load at start | math in sampled pages | wall: tool ÷ mlpost | CPU: tool ÷ mlpost |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |',
  ];
  for (const { tool } of rowsOf) {
    const row = summary.get(tool.id);
    const math = !tool.typesetsMath ? 'none (not typeset)' : row.runs.map((run) => `${run.check.math} / ${run.check.formulas}, ${run.check.errors} errors`).at(-1);
    if (row.failed) {
      const run = row.failed;
      // V8 aborts with exit 134 when a heap passes its limit (8 GB for every Node tool here).
      const reason = /^exit 134\b/.test(run.check.reason) && /heap|Allocation|NewFillerObject|KeyedLoadIC/i.test(run.check.reason) ? `out of memory (exit 134 at the 8 GB heap limit) after ${seconds(run.wallMs)}` : run.check.reason.replace(/\|/g, '\\|');
      lines.push(`| ${tool.label} | ${tool.does} | **failed**: ${reason} | ${seconds(run.cpuMs)} | | ${run.peakMb.toFixed(0)} MB | ${row.load.median.toFixed(1)} | — | | |`);
      continue;
    }
    const vs = (key) => (ours && !ours.failed && tool.id !== 'mlpost' ? ratio(row[key].median, ours[key].median) : '—');
    const spread = row.runs.length > 1 ? ` (${seconds(row.wall.min)}–${seconds(row.wall.max)})` : '';
    lines.push(
      `| ${tool.label} | ${tool.does} | ${seconds(row.wall.median)}${spread} | ${seconds(row.cpu.median)} | ${perPost(row.cpu.median, n)} | ${row.peak.toFixed(0)} MB | ${row.load.median.toFixed(1)}${row.runs.length > 1 ? ` (${row.load.min.toFixed(1)}–${row.load.max.toFixed(1)})` : ''} | ${math} | ${vs('wall')} | ${vs('cpu')} |`,
    );
  }
  for (const [id, reason] of Object.entries(results.unavailable)) {
    const tool = results.tools.find((entry) => entry.id === id);
    lines.push(`| ${tool.label} | ${tool.does} | **not run**: ${reason} | | | | | | | |`);
  }
  // The target of issue 18: mlpost at least 2× faster (wall) than the fastest same-work peer.
  const sameWork = rowsOf.filter(({ tool }) => tool.typesetsMath && tool.id !== 'mlpost' && !summary.get(tool.id).failed);
  if (ours && !ours.failed && sameWork.length > 0) {
    const fastest = sameWork.reduce((best, entry) => (summary.get(entry.tool.id).wall.median < summary.get(best.tool.id).wall.median ? entry : best));
    const factor = summary.get(fastest.tool.id).wall.median / ours.wall.median;
    lines.push('', `Target (cold build ≥ 2× faster than the fastest same-work peer): fastest peer ${fastest.tool.label}, ${seconds(summary.get(fastest.tool.id).wall.median)}; mlpost ${seconds(ours.wall.median)}: **${factor.toFixed(2)}× — ${factor >= 2 ? 'met' : 'not met'}**.`);
  } else if (ours && !ours.failed) {
    lines.push('', `Target (cold build ≥ 2× faster than the fastest same-work peer): no same-work peer finished this site; mlpost did, in ${seconds(ours.wall.median)}.`);
  }
  lines.push('', `Reproduce one row (\`$W\` = \`\${TMPDIR:-/tmp}/mlpost-bench-peers\`; \`node bench/peers/run.mjs --prepare --sizes ${n}\` makes the site and every tool's copy of it and installs the peers):`, '');
  for (const { tool } of rowsOf) {
    const dir = tool.id === 'mlpost' ? `$W/site-${n}` : `$W/${tool.id}-${n}`;
    lines.push(`- ${tool.label}: \`${tool.reproduce.replaceAll('$DIR', dir)}\``);
  }
  return lines.join('\n');
}

/** The section's Markdown (without notes.md). */
export function renderSection(results) {
  const intro = `Command: \`npm run build && node bench/peers/run.mjs\` (part of \`npm run bench\`; \`--quick\` for a smoke test: 100 posts, one round). Run of ${results.date.slice(0, 10)}, ${results.cores} cores, Node ${results.node}; other engineers share the machine, so compare rows of one table (same rounds), not tables of different days.

Every tool builds the same sites (environment of every run: \`CI=true NODE_NO_WARNINGS=1 ASTRO_TELEMETRY_DISABLED=1 NODE_OPTIONS=--max-old-space-size=8192\`, a heap limit above the default 4 144 MB because Hexo + MathJax and Astro already peak at ~4.4 GB at 1 000 posts; mlpost's render threads keep their own 384 MB limits), made by \`shared/bench/make-site.mjs\` (distinct posts from the corpus and the seed; each tool gets a copy of the posts in its own layout), cold: its output and caches removed before each run (untimed). In each round every tool runs once, in the order of the table; a row is the median of its rounds. Wall: process start to exit. CPU: user + sys of the whole process tree (GNU time, \`wait4\` rusage: all threads and waited-for child processes). Peak memory: resident memory of the process tree summed from /proc every 50 ms (at least the largest process's own peak). Load: the 1-minute load average when a run started, median (range). Tool ÷ mlpost above 1: the tool took longer than mlpost. Math: formulas typeset (\`class="katex"\` / \`<mjx-container>\` elements) and shown as errors (\`katex-error\` / \`data-mjx-error\`) in the first copy of each corpus post, against the formulas make-site.mjs marked in their sources outside code and indented lines; a run fails if any sampled page whose source has math holds none, or if any post has no page.`;
  return [intro, ...results.sizes.map((size) => sizeSection(results, size))].join('\n\n');
}
