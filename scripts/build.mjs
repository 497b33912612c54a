#!/usr/bin/env node
// `npm run build`: compile src/ to dist/ (tsc) and bundle the CLI (scripts/bundle.mjs) —
// unless dist/ was built from exactly these inputs already (a stamp of their contents),
// so `npm ci && npm run example` compiles once, not twice. `--force` builds anyway.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stampFile = join(root, 'dist', '.build-stamp');

/** A hash of everything the build reads: sources, the default theme, configs, the lock file, the build scripts. */
function inputsStamp() {
  const hash = createHash('sha256');
  const add = (path) => hash.update(`${relative(root, path)}\0`).update(readFileSync(path));
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else add(path);
    }
  };
  walk(join(root, 'src'));
  // The default theme is compiled into the CLI bundle (src/site/theme/compile-templates.ts).
  walk(join(root, 'assets', 'theme'));
  for (const file of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', 'scripts/bundle.mjs']) add(join(root, file));
  return hash.digest('hex');
}

const stamp = inputsStamp();
const upToDate = !process.argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(join(root, 'dist', 'bundle', 'main.js'));
if (upToDate) {
  console.log('mlpost: dist/ is up to date');
} else {
  for (const [command, args] of [
    [process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']],
    [process.execPath, [join(root, 'scripts', 'bundle.mjs')]],
  ]) {
    const run = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
  writeFileSync(stampFile, stamp);
}
