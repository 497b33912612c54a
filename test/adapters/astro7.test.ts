/**
 * The Astro adapter on Astro 7 under Node 22 (the toolchain in `test/node22/toolchain/`):
 * real `astro build`s of a site whose one page is the seed post. Astro 7 renders Markdown
 * with Sätteri and ignores `markdown.remarkPlugins` there (a warning, no error), so these
 * prove the integration switched the site to `unified()` from `@astrojs/markdown-remark`:
 * with the README's config verbatim, with a site that already chose `unified()` and has
 * a plugin of its own, and with `@astrojs/markdown-remark` missing. Runs on `dist/`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itRendersTheSeedPage } from './astro-seed-page.js';
import { removeSite, seedPost, writeFiles } from './site.js';
import { makeAstro7Site, repoRoot, requireToolchain, type Toolchain } from '../node22/toolchain.js';

interface Build {
  status: number | null;
  stdout: string;
  stderr: string;
}

function astroBuild(toolchain: Toolchain, site: string): Build {
  const run = spawnSync(toolchain.node, [toolchain.astroCli, 'build'], {
    cwd: site,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_NO_WARNINGS: '1' },
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function seedSite(prefix: string, config: string, without: readonly string[] = []): string {
  const site = makeAstro7Site(prefix, without);
  writeFiles(site, {
    'package.json': '{ "name": "site", "type": "module", "private": true }\n',
    'astro.config.mjs': config,
    'src/pages/.keep': '',
  });
  copyFileSync(seedPost, join(site, 'src/pages/rnn_intro.md'));
  return site;
}

const readmeConfig = readFileSync(join(repoRoot, 'fixtures/adapters/astro/astro.config.mjs'), 'utf8');

describe('Astro adapter on Astro 7 / Node 22 (real astro build)', () => {
  let toolchain: Toolchain;
  let site: string;
  let build: Build;
  let page: string;

  beforeAll(() => {
    toolchain = requireToolchain();
    site = seedSite('astro7', readmeConfig);
    build = astroBuild(toolchain, site);
    if (build.status !== 0) throw new Error(`astro build failed (${build.status}):\n${build.stderr}\n${build.stdout}`);
    page = readFileSync(join(site, 'dist/rnn_intro/index.html'), 'utf8');
  }, 90_000);
  afterAll(() => {
    if (site) removeSite(site);
  });

  it('ran Astro 7 on Node 22', () => {
    expect(toolchain.nodeVersion).toMatch(/^v22\./);
    expect(toolchain.astroVersion).toMatch(/^7\./);
    expect(build.stdout).toContain('1 page(s) built');
  });

  it('left Astro no reason to warn (no Sätteri fallback, no deprecated options)', () => {
    expect(build.stderr).toBe('');
    expect(build.stdout).not.toMatch(/deprecated|doesn't run them|\[WARN\]/);
  });

  itRendersTheSeedPage(() => page);
});

describe('Astro 7: a site that already chose unified()', () => {
  let site: string;
  let page: string;

  beforeAll(() => {
    const toolchain = requireToolchain();
    site = seedSite(
      'astro7-unified',
      `import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import mlpost from 'mlpost/astro';

function remarkSiteMark() {
  return (tree) => {
    tree.children.push({ type: 'paragraph', children: [{ type: 'text', value: 'SITE-PLUGIN-RAN' }] });
  };
}

export default defineConfig({
  markdown: { processor: unified({ remarkPlugins: [remarkSiteMark] }) },
  integrations: [mlpost()],
});
`,
    );
    const build = astroBuild(toolchain, site);
    if (build.status !== 0) throw new Error(`astro build failed (${build.status}):\n${build.stderr}\n${build.stdout}`);
    page = readFileSync(join(site, 'dist/rnn_intro/index.html'), 'utf8');
  }, 90_000);
  afterAll(() => {
    if (site) removeSite(site);
  });

  it("keeps the site's own plugin and adds mlpost's", () => {
    expect(page).toContain('<p>SITE-PLUGIN-RAN</p>');
    expect(page.match(/<span class="katex">/g)?.length).toBeGreaterThanOrEqual(15);
    expect(page).not.toContain('{%');
    expect(page).not.toContain('astro-code');
  });
});

describe('Astro 7 without @astrojs/markdown-remark', () => {
  it('fails the build with a message that says what to install', () => {
    const toolchain = requireToolchain();
    const site = seedSite('astro7-no-remark', readmeConfig, ['@astrojs/markdown-remark']);
    try {
      const build = astroBuild(toolchain, site);
      expect(build.status).not.toBe(0);
      expect(`${build.stderr}${build.stdout}`).toContain('npm install @astrojs/markdown-remark');
    } finally {
      removeSite(site);
    }
  }, 90_000);
});
