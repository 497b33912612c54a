import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

describe('npm run bench -- --help', () => {
  it('prints the usage and runs no benchmark', () => {
    const run = spawnSync(process.execPath, [join(repoRoot, 'bench/run.mjs'), '--help'], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run bench -- \[render\|graph\|numeric\|site\|peers …\]/);
    expect(run.stdout).not.toContain('== render ==');
  });
});
