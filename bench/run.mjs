// `npm run bench`: every benchmark, each rewriting its own section of BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const suites = ['render', 'graph', 'numeric'];
let failed = false;
for (const suite of suites) {
  const script = fileURLToPath(new URL(`./${suite}/run.mjs`, import.meta.url));
  if (!existsSync(script)) continue;
  console.log(`\n== ${suite} ==`);
  const run = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
