// `npm run bench`: every benchmark, each rewriting its own section of BENCHMARKS.md.
// `npm run bench -- peers site --quick`: only the suites named, with the flags passed on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureTestPackages } from '../scripts/test-packages.mjs';

// 'site' and 'peers' last: they are the longest (5 000-post builds; each has --quick).
const suites = ['render', 'graph', 'numeric', 'site', 'peers'];

// Asking for help must not start the whole run (it takes long and rewrites BENCHMARKS.md).
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`usage: npm run bench -- [${suites.join('|')} …] [flags passed to each suite, e.g. --quick]\n(no suite named: every suite, each rewriting its section of BENCHMARKS.md)`);
  process.exit(0);
}

// The Hexo the site suite compares with is a test-only package (test/package.json).
ensureTestPackages();
const named = process.argv.slice(2).filter((arg) => suites.includes(arg));
const flags = process.argv.slice(2).filter((arg) => !suites.includes(arg));
let failed = false;
for (const suite of named.length > 0 ? named : suites) {
  const script = fileURLToPath(new URL(`./${suite}/run.mjs`, import.meta.url));
  if (!existsSync(script)) continue;
  console.log(`\n== ${suite} ==`);
  const run = spawnSync(process.execPath, [script, ...flags], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
