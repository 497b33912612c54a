/**
 * bin/mlpost.js on Node 20: V8's code cache of the bundled CLI, kept in the temporary folder.
 * V8 checks a cache against the source's length only, so the cache must be keyed by
 * something that changes whenever the file is replaced — npm installs every file with the
 * same mtime (1985-10-26), so size and mtime alone let a new build reuse the old one's code.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers.js';

const node20 = typeof (module as { enableCompileCache?: unknown }).enableCompileCache !== 'function';

/** A copy of the CLI installed in a folder of its own, run with its own temporary folder. */
function installCopy() {
  const install = mkdtempSync(join(tmpdir(), 'mlpost-install-'));
  const temporary = mkdtempSync(join(tmpdir(), 'mlpost-tmpdir-'));
  cpSync(join(repoRoot, 'bin'), join(install, 'bin'), { recursive: true });
  mkdirSync(join(install, 'dist', 'bundle'), { recursive: true });
  for (const file of ['main.js', 'package.json']) copyFileSync(join(repoRoot, 'dist', 'bundle', file), join(install, 'dist', 'bundle', file));
  copyFileSync(join(repoRoot, 'package.json'), join(install, 'package.json'));
  symlinkSync(join(repoRoot, 'node_modules'), join(install, 'node_modules'));
  symlinkSync(join(repoRoot, 'assets'), join(install, 'assets'));
  const site = mkdtempSync(join(tmpdir(), 'mlpost-site-'));
  mkdirSync(join(site, 'posts'));
  writeFileSync(join(site, 'posts', 'a.md'), '---\ntitle: A\ndate: 2024-01-01\n---\nText.\n');
  const build = () => spawnSync(process.execPath, [join(install, 'bin', 'mlpost.js'), 'build', site], { encoding: 'utf8', env: { ...process.env, TMPDIR: temporary } });
  const cacheFolder = join(temporary, `mlpost-compile-cache-${process.getuid!()}`);
  return { install, temporary, build, cacheFolder, main: join(install, 'dist', 'bundle', 'main.js') };
}

describe.runIf(node20)('the Node 20 code cache (bin/mlpost.js)', () => {
  it('lives in a private folder of the user, and is neither read nor written in a folder others can write', () => {
    const { build, cacheFolder } = installCopy();
    expect(build().status).toBe(0);
    expect(statSync(cacheFolder).mode & 0o777).toBe(0o700);
    expect(readdirSync(cacheFolder)).toHaveLength(1);
    // The same folder opened to others (as if another user had made it): no cache at all.
    rmSync(cacheFolder, { recursive: true });
    mkdirSync(cacheFolder);
    chmodSync(cacheFolder, 0o777);
    const open = build();
    expect(open.status).toBe(0);
    expect(open.stderr).toContain('files written');
    expect(readdirSync(cacheFolder)).toEqual([]);
  });

  it('is not reused for a replaced bundle of the same size and mtime (as npm installs it)', () => {
    const { build, cacheFolder, main } = installCopy();
    const npmTime = new Date('1985-10-26T08:15:00Z');
    utimesSync(main, npmTime, npmTime);
    expect(build().stderr).toContain('files written');
    expect(readdirSync(cacheFolder)).toHaveLength(1);
    // A "new version" differing by same-length text, installed the npm way.
    const source = readFileSync(main, 'utf8');
    writeFileSync(main, source.replaceAll('files written', 'FILES WRITTEN'));
    utimesSync(main, npmTime, npmTime);
    const upgraded = build();
    expect(upgraded.status).toBe(0);
    expect(upgraded.stderr).toContain('FILES WRITTEN');
  });
});
