/**
 * `mlpost serve <site>`: build the site with its drafts into a folder of its own (so
 * `dist/` never receives drafts), serve it on 127.0.0.1 at `/`, rebuild what changes and
 * reload the open pages. Missing pages get the site's `404.html`.
 */
import { join, resolve } from 'node:path';
import { buildSite, CACHE_FOLDER } from '../site/build.js';
import { LiveReload } from '../site/live-reload.js';
import { serveFolder, type StaticServer } from '../site/serve.js';
import { watchSite } from '../site/watch.js';
import { describeError, isInteractive, printSummary, reportingOptions, waitForSignal } from './build-command.js';

export interface ServeCommandOptions {
  output?: string;
  port: number;
  workers?: number;
}

/** Where `mlpost serve` builds, unless told otherwise. */
export function serveOutput(siteDirectory: string): string {
  return join(resolve(siteDirectory), CACHE_FOLDER, 'serve');
}

/** Run the command until SIGINT/SIGTERM; resolves to the exit code. */
export async function serveCommand(siteDirectory: string, options: ServeCommandOptions): Promise<number> {
  const interactive = isInteractive();
  const output = resolve(options.output ?? serveOutput(siteDirectory));
  const build = { output, workers: options.workers, drafts: true, root: '/', ...reportingOptions(interactive) };
  try {
    const started = performance.now();
    const result = await buildSite(siteDirectory, build);
    printSummary(result, performance.now() - started, interactive);
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return 1;
  }
  const live = new LiveReload();
  let server: StaticServer;
  try {
    server = await serveFolder(output, options.port, { handle: (request, response) => live.handle(request, response), transformHtml: (html) => live.inject(html), notFound: '404.html' });
  } catch (error) {
    process.stderr.write(`error: cannot listen on 127.0.0.1:${options.port}: ${(error as Error).message}\n`);
    return 1;
  }
  const watcher = watchSite(siteDirectory, build, {
    onBuilt: (result, milliseconds) => {
      printSummary(result, milliseconds, interactive);
      live.reload();
    },
    onError: (error) => process.stderr.write(`${describeError(error)}\n`),
  });
  // The URL on stdout, alone, so scripts (and tests) can read it.
  process.stdout.write(`${server.url}\n`);
  process.stderr.write(`mlpost: serving ${server.url} with drafts (Ctrl-C to stop)\n`);
  await waitForSignal();
  await watcher.close();
  await server.close();
  return 0;
}
