/**
 * The Astro adapter, end to end: a real `astro build` (Astro 5, its CLI in a child
 * process) of a site whose `astro.config.mjs` is the README's snippet verbatim
 * (`fixtures/adapters/astro/astro.config.mjs`) and whose one page is the seed post.
 * Runs on the compiled `dist/`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itRendersTheSeedPage } from './astro-seed-page.js';
import { makeSite, removeSite, repoRoot, seedPost, writeFiles } from './site.js';

describe('Astro adapter (real astro build)', () => {
  let site: string;
  let page: string;

  beforeAll(() => {
    site = makeSite('astro');
    writeFiles(site, {
      'package.json': '{ "name": "site", "type": "module", "private": true }\n',
      'astro.config.mjs': readFileSync(join(repoRoot, 'fixtures/adapters/astro/astro.config.mjs'), 'utf8'),
      'src/pages/.keep': '',
    });
    copyFileSync(seedPost, join(site, 'src/pages/rnn_intro.md'));
    execFileSync(process.execPath, [join(site, 'node_modules/astro/astro.js'), 'build', '--silent'], {
      cwd: site,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_NO_WARNINGS: '1' },
    });
    page = readFileSync(join(site, 'dist/rnn_intro/index.html'), 'utf8');
  }, 90_000);
  afterAll(() => removeSite(site));

  itRendersTheSeedPage(() => page);
});
