/**
 * Starting a worker thread from one of mlpost's modules, from compiled `dist/` or from
 * source. From `dist/`, the `.js` module sits next to its caller and is started directly.
 * From source (vitest, tsx) only the `.ts` exists: it is started through a two-line
 * bootstrap that registers tsx's ESM loader inside the worker (`--import tsx` in
 * `execArgv` does not reach worker threads). tsx is a dev dependency, needed only then.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Start the worker whose compiled module is `compiled` (a `.js` URL next to the caller). */
export function startModuleWorker(compiled: URL, options: WorkerOptions = {}): Worker {
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, options);
  const source = new URL(compiled.href.replace(/\.js$/, '.ts'));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
