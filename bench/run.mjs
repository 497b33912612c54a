// `npm run bench`: every benchmark, each rewriting its own section of BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// 'site' last: it is the longest (a 5 000-post build and Hexo's runs; see bench/site/run.mjs --quick).
const suites = ['render', 'graph', 'numeric', 'site'];
let failed = false;
for (const suite of suites) {
  const script = fileURLToPath(new URL(`./${suite}/run.mjs`, import.meta.url));
  if (!existsSync(script)) continue;
  console.log(`\n== ${suite} ==`);
  const run = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
