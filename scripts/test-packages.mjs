// The test-only packages (vitest, fast-check, Hexo and Astro with their plugins, playwright-core,
// wabt …) are their own npm project, test/package.json with its own lock, so that the root
// install, the one `npm ci && npm run example` makes, holds only what a build needs.
// `ensureTestPackages()` installs them with `npm ci --prefix test` when test/node_modules is
// missing or older than test/package-lock.json; `npm test` (scripts/test-prerequisites.mjs)
// and `npm run bench` call it first.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const lockFile = join(root, 'test', 'package-lock.json');
// npm ci writes this copy of the lock after a complete install: the same bytes mean up to date.
const installedLock = join(root, 'test', 'node_modules', '.package-lock.json');

/** Whether test/node_modules holds exactly what test/package-lock.json pins. */
function upToDate() {
  if (!existsSync(installedLock)) return false;
  const wanted = JSON.parse(readFileSync(lockFile, 'utf8')).packages;
  const installed = JSON.parse(readFileSync(installedLock, 'utf8')).packages;
  // Optional packages for other platforms (sharp's, esbuild's) are in the lock but not installed.
  return Object.entries(wanted).every(([path, entry]) => path === '' || installed[path]?.version === entry.version || (entry.optional === true && !(path in installed)));
}

export function ensureTestPackages() {
  if (upToDate()) return;
  console.log('test prerequisites: installing the test-only packages (npm ci --prefix test)');
  const run = spawnSync('npm', ['ci', '--prefix', 'test', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(
      'test prerequisites: `npm ci --prefix test` failed (is the npm registry reachable?). The tests and ' +
        'benchmarks need the packages of test/package.json; run `npm ci --prefix test` once online, then retry.',
    );
    process.exit(run.status ?? 1);
  }
}

// `node scripts/test-packages.mjs`: install them if needed (`npm run typecheck` does, since it checks the tests too).
if (process.argv[1] === fileURLToPath(import.meta.url)) ensureTestPackages();
