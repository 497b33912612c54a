/**
 * bin/mlpost.js on Node 20: V8's code cache of the bundled CLI, kept in the temporary folder.
 * V8 checks a cache against the source's length only, so the cache must be keyed by
 * something that changes whenever the file is replaced — npm installs every file with the
 * same mtime (1985-10-26), so size and mtime alone let a new build reuse the old one's code.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers.js';

const node20 = typeof (module as { enableCompileCache?: unknown }).enableCompileCache !== 'function';

describe.runIf(node20)('the Node 20 code cache (bin/mlpost.js)', () => {
  it('is not reused for a replaced bundle of the same size and mtime (as npm installs it)', () => {
    const install = mkdtempSync(join(tmpdir(), 'mlpost-install-'));
    const temporary = mkdtempSync(join(tmpdir(), 'mlpost-tmpdir-'));
    cpSync(join(repoRoot, 'bin'), join(install, 'bin'), { recursive: true });
    mkdirSync(join(install, 'dist', 'bundle'), { recursive: true });
    for (const file of ['main.js', 'package.json']) copyFileSync(join(repoRoot, 'dist', 'bundle', file), join(install, 'dist', 'bundle', file));
    copyFileSync(join(repoRoot, 'package.json'), join(install, 'package.json'));
    symlinkSync(join(repoRoot, 'node_modules'), join(install, 'node_modules'));
    symlinkSync(join(repoRoot, 'assets'), join(install, 'assets'));
    const main = join(install, 'dist', 'bundle', 'main.js');
    const npmTime = new Date('1985-10-26T08:15:00Z');
    utimesSync(main, npmTime, npmTime);
    const site = mkdtempSync(join(tmpdir(), 'mlpost-site-'));
    mkdirSync(join(site, 'posts'));
    writeFileSync(join(site, 'posts', 'a.md'), '---\ntitle: A\ndate: 2024-01-01\n---\nText.\n');
    const build = () => spawnSync(process.execPath, [join(install, 'bin', 'mlpost.js'), 'build', site], { encoding: 'utf8', env: { ...process.env, TMPDIR: temporary } });
    expect(build().stderr).toContain('files written');
    expect(readdirSync(join(temporary, 'mlpost-compile-cache'))).toHaveLength(1);
    // A "new version" differing by same-length text, installed the npm way.
    const source = readFileSync(main, 'utf8');
    writeFileSync(main, source.replaceAll('files written', 'FILES WRITTEN'));
    utimesSync(main, npmTime, npmTime);
    const upgraded = build();
    expect(upgraded.status).toBe(0);
    expect(upgraded.stderr).toContain('FILES WRITTEN');
  });
});
