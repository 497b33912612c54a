// A peer's packages are installed on first use with `npm ci` in its own folder (its
// package-lock.json pins every version), never by the project's own install, so a user's
// `npm ci` stays light. Installed again when the lock file changes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Make sure `packageDir/node_modules` matches `packageDir/package-lock.json`. */
export function installPeer(packageDir) {
  const lock = createHash('sha256').update(readFileSync(join(packageDir, 'package-lock.json'))).digest('hex');
  const stamp = join(packageDir, 'node_modules', '.bench-installed');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lock) return;
  console.log(`installing ${packageDir} (npm ci) …`);
  const run = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: packageDir, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`npm ci in ${packageDir} failed (${run.status})`);
  writeFileSync(stamp, lock);
}
