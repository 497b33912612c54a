/**
 * What a rendered post depends on besides its source and the site config: mlpost's
 * version, the renderer versions (Graphviz, cells, numeric core, KaTeX), and a hash of
 * mlpost's own code, so a changed renderer never serves a stale page from the cache even
 * when nobody bumped a version constant.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { hashKey } from '../cache/disk-cache.js';
import { MLPOST_VERSION } from '../version.js';
import { katexVersion } from './assets.js';
import { mathJaxVersion } from '../math/engines/mathjax.js';

/** The versions every rendered post is keyed on. */
export interface RendererVersions {
  mlpost: string;
  graph: string;
  viz: string;
  cells: string;
  numeric: string;
  katex: string;
}

const require = createRequire(import.meta.url);

/**
 * The folder holding the mlpost code that runs: the CLI's bundles (`dist/bundle/`), else
 * the modules (`dist/` when installed, `src/` under tsx/vitest).
 */
function moduleRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return basename(here) === 'bundle' ? here : dirname(here);
}

/**
 * A hash of mlpost's code (every `.js`/`.ts` module, by content) and of the installed
 * KaTeX, MathJax and Viz.js versions. Cheap (a few hundred kB read), so it runs on every build;
 * the expensive {@link loadRendererVersions} runs only when this changes.
 */
export function codeStamp(): string {
  const root = moduleRoot();
  const hash = createHash('sha256');
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        hash.update(`${relative(root, path)}\0`);
        hash.update(readFileSync(path));
      }
    }
  };
  walk(root);
  hash.update(`katex ${katexVersion()}\0viz ${vizVersion()}\0mathjax ${mathJaxVersion()}`);
  return hash.digest('hex');
}

function vizVersion(): string {
  const entry = require.resolve('@viz-js/viz');
  let directory = dirname(entry);
  // The package's own package.json, above its entry file.
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === '@viz-js/viz' && manifest.version) return manifest.version;
    } catch {
      // not here: go up
    }
    const parent = dirname(directory);
    if (parent === directory) return 'unknown';
    directory = parent;
  }
}

/** The renderer versions (imports the Graphviz and cells modules: call only when needed). */
export async function loadRendererVersions(): Promise<RendererVersions> {
  const [{ GRAPH_RENDERER_VERSION, VIZ_JS_VERSION }, { CELLS_RENDERER_VERSION }, { NUMERIC_CORE_VERSION }] = await Promise.all([
    import('../graph/index.js'),
    import('../cells/version.js'),
    import('../numeric/version.js'),
  ]);
  return { mlpost: MLPOST_VERSION, graph: GRAPH_RENDERER_VERSION, viz: VIZ_JS_VERSION, cells: CELLS_RENDERER_VERSION, numeric: NUMERIC_CORE_VERSION, katex: katexVersion() };
}

/** One key for the versions and the code stamp. */
export function rendererFingerprint(versions: RendererVersions, stamp: string): string {
  return hashKey('mlpost-renderer', JSON.stringify(versions), stamp);
}
