#!/usr/bin/env node
// The command line as bundles (`npm run build` runs this after tsc): the CLI and its three
// worker entries (site render threads, cell workers, Graphviz layout threads), each one CommonJS file under
// dist/bundle/ holding mlpost's modules and their dependencies, so a cold `mlpost` reads
// and compiles one file instead of resolving several hundred ES modules, and V8 can keep
// its compiled code between runs (bin/mlpost.js). The library entries (`import 'mlpost'` …)
// stay the unbundled dist/ modules.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'bundle');

/**
 * micromark's speed fixes (src/parse/micromark-fixes/) reach micromark files that its
 * package does not export; unbundled they are loaded from node_modules at run time. In the
 * bundle, micromark is inlined, so the fixes must patch the inlined copies: this plugin
 * replaces `micromark-files.js` with a module importing those files by path, which esbuild
 * keys by path, so they are the very module instances micromark's own code imports.
 */
const bundledMicromarkFiles = {
  name: 'mlpost-bundled-micromark-files',
  setup(builder) {
    builder.onResolve({ filter: /\/micromark-files\.js$/ }, () => ({ path: 'micromark-files.js', namespace: 'mlpost-micromark-files' }));
    builder.onLoad({ filter: /.*/, namespace: 'mlpost-micromark-files' }, () => {
      const require = createRequire(join(root, 'dist', 'index.js'));
      const requireFromMicromark = createRequire(createRequire(require.resolve('mdast-util-from-markdown')).resolve('micromark'));
      const micromarkRoot = dirname(requireFromMicromark.resolve('micromark'));
      const editMapEntry = requireFromMicromark.resolve('micromark-util-edit-map');
      const blankLineFile = join(dirname(requireFromMicromark.resolve('micromark-core-commonmark')), 'lib', 'blank-line.js');
      const lib = (file) => JSON.stringify(join(micromarkRoot, 'lib', file));
      return {
        contents: [
          `import * as editMap from ${JSON.stringify(editMapEntry)};`,
          `import * as text from ${lib('initialize/text.js')};`,
          `import { document } from ${lib('initialize/document.js')};`,
          `import { parse } from ${lib('parse.js')};`,
          `import { postprocess } from ${lib('postprocess.js')};`,
          `import { preprocess } from ${lib('preprocess.js')};`,
          `import { blankLine } from ${JSON.stringify(blankLineFile)};`,
          '/** The inlined micromark (production build), whose functions the fixes replace. */',
          'export function loadMicromarkBuilds() {',
          "  return [{ build: 'lib', editMapPrototype: editMap.EditMap?.prototype, textInitializers: text, documentInitializer: document, blankLines: [blankLine],",
          '    parseEvents: (value, extensions) => postprocess(parse({ extensions: extensions ? [...extensions] : [] }).document().write(preprocess()(value, undefined, true))) }];',
          '}',
        ].join('\n'),
        resolveDir: root,
      };
    });
  },
};

/**
 * The default theme's Nunjucks templates, compiled now to JavaScript in place of
 * src/site/theme/precompiled-templates.ts (which has none), with the digest of the files
 * they came from: at run time they are used only if the theme's files still have it.
 */
const precompiledTemplates = {
  name: 'mlpost-precompiled-templates',
  setup(builder) {
    builder.onResolve({ filter: /\/precompiled-templates\.js$/ }, () => ({ path: 'precompiled-templates.js', namespace: 'mlpost-precompiled-templates' }));
    builder.onLoad({ filter: /.*/, namespace: 'mlpost-precompiled-templates' }, async () => {
      const { defaultThemeDirectory } = await import(join(root, 'dist', 'site', 'theme', 'theme.js'));
      const { precompiledModuleSource } = await import(join(root, 'dist', 'site', 'theme', 'compile-templates.js'));
      return { contents: precompiledModuleSource(defaultThemeDirectory()), resolveDir: root };
    });
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// The bundles are CommonJS: V8's code cache (vm.Script cachedData) works for scripts only.
writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
await build({
  // Worker entries keep the names the pools load them by (`./render-worker.js`, `./worker.js`).
  entryPoints: { main: 'dist/cli/run.js', 'render-worker': 'dist/site/render-worker.js', worker: 'dist/cells/worker.js', 'layout-worker': 'dist/graph/layout-worker.js' },
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: out,
  // Same bytes on every build and machine: no absolute paths in comments.
  legalComments: 'none',
  logLevel: 'warning',
  // mlpost's modules locate files next to themselves with `import.meta.url`.
  define: { 'import.meta.url': '__mlpostModuleUrl' },
  banner: { js: "const __mlpostModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // `import()` of the lazily loaded modules becomes `require`, inside the one file.
  supported: { 'dynamic-import': false },
  // Loaded only when a formula needs them, from node_modules; `tsx` only when running from src/.
  // (chokidar: Nunjucks' template watching, which mlpost does not use.)
  external: ['mathjax-full', 'tsx', 'chokidar'],
  plugins: [bundledMicromarkFiles, precompiledTemplates],
});
