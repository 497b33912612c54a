/**
 * Temp sites for the adapter tests: a folder under `os.tmpdir()` whose `node_modules`
 * holds an "installed" mlpost (a package.json with the subpath exports the adapters
 * document, its `dist/` linked to this checkout's compiled `dist/`) beside links to every
 * package of the repo's two installs (`linkInstalledPackages`), so a site's own files import
 * exactly what a user's would (`mlpost/hexo`, `mlpost/astro`).
 */
import { mkdtempSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The test-only packages (Hexo, Astro and their plugins …): test/package.json's own install. */
export const testModules = join(repoRoot, 'test', 'node_modules');

/**
 * Link into `modules` every package of the root install (mlpost's dependencies) and of
 * test/'s (Hexo, Astro, themes, renderers), except the names in `skip`. A name in both keeps
 * the root's version, the one mlpost's lock chose; scopes (`@types/…`) are merged.
 */
export function linkInstalledPackages(modules: string, skip: ReadonlySet<string> = new Set()): void {
  for (const from of [join(repoRoot, 'node_modules'), testModules]) {
    for (const name of readdirSync(from)) {
      if (name.startsWith('.') || skip.has(name)) continue;
      if (name.startsWith('@')) {
        mkdirSync(join(modules, name), { recursive: true });
        for (const member of readdirSync(join(from, name))) linkOnce(join(from, name, member), join(modules, name, member));
      } else {
        linkOnce(join(from, name), join(modules, name));
      }
    }
  }
}

/** Link `link` to `target` unless the name is taken (by the root install's package). */
function linkOnce(target: string, link: string): void {
  try {
    symlinkSync(target, link);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** The `exports` entries a published mlpost needs for the adapters. */
export const adapterExports = {
  '.': { types: './dist/index.d.ts', import: './dist/index.js' },
  './hexo': { types: './dist/adapters/hexo/index.d.ts', default: './dist/adapters/hexo/index.js' },
  './astro': { types: './dist/adapters/astro/index.d.ts', import: './dist/adapters/astro/index.js' },
};

/** Create an empty site folder with mlpost and the repo's packages installed. */
export function makeSite(prefix: string): string {
  if (!existsSync(join(repoRoot, 'dist/adapters'))) throw new Error('run `npm run build` first: the adapter tests use dist/');
  const site = mkdtempSync(join(tmpdir(), `mlpost-${prefix}-`));
  const modules = join(site, 'node_modules');
  mkdirSync(modules);
  // `mlpost` is the repository itself (the workspace's link) and is installed below.
  linkInstalledPackages(modules, new Set(['mlpost', 'hexo-renderer-mlpost']));
  const mlpostDir = join(modules, 'mlpost');
  mkdirSync(mlpostDir);
  writeFileSync(join(mlpostDir, 'package.json'), JSON.stringify({ name: 'mlpost', type: 'module', exports: adapterExports }, null, 2));
  symlinkSync(join(repoRoot, 'dist'), join(mlpostDir, 'dist'));
  return site;
}

/** Write `files` (path relative to `site` → text) into the site. */
export function writeFiles(site: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(site, path)), { recursive: true });
    writeFileSync(join(site, path), text);
  }
}

/** Remove a site (unless MLPOST_KEEP_SITES is set, for debugging). */
export function removeSite(site: string): void {
  if (!process.env.MLPOST_KEEP_SITES) rmSync(site, { recursive: true, force: true });
}

/** The seed post, as the adapter tests build it. */
export const seedPost = join(repoRoot, 'fixtures/adapters/rnn_intro.md');
