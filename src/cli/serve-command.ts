/**
 * `mlpost serve <site>`: build the site, serve the output on 127.0.0.1, and rebuild the
 * posts that change while it runs. Rebuilds render in worker threads (at least one), so
 * this thread keeps answering requests and signals while a post renders; Ctrl-C or SIGTERM
 * stops the server at once, without waiting for a rebuild to finish (pages are written
 * atomically, so whatever was written is whole).
 */
import { availableParallelism } from 'node:os';
import { resolve, join } from 'node:path';
import { escapeForTerminal } from '../diagnostics.js';
import { buildSite } from '../site/build.js';
import { readSiteConfig } from '../site/config.js';
import { serveFolder } from '../site/serve.js';
import { watchSite } from '../site/watch.js';
import { isInteractive, printSummary, reportingOptions, waitForSignal } from './build-command.js';

export interface ServeCommandOptions {
  output?: string;
  port: number;
  workers?: number;
}

/** How long a stop waits for a running rebuild before it leaves without it. */
const SHUTDOWN_GRACE_MS = 1000;

/** Run the command until SIGINT/SIGTERM; resolves to the exit code. */
export async function serveCommand(siteDirectory: string, options: ServeCommandOptions): Promise<number> {
  const interactive = isInteractive();
  let output: string;
  try {
    output = resolve(options.output ?? join(siteDirectory, readSiteConfig(resolve(siteDirectory)).output));
    const started = performance.now();
    const result = await buildSite(siteDirectory, { output, workers: options.workers, ...reportingOptions(interactive) });
    printSummary(result, performance.now() - started, interactive);
  } catch (error) {
    process.stderr.write(`error: ${escapeForTerminal((error as Error).message)}\n`);
    return 1;
  }
  let server;
  try {
    server = await serveFolder(output, options.port);
  } catch (error) {
    process.stderr.write(`error: cannot listen on 127.0.0.1:${options.port}: ${escapeForTerminal((error as Error).message)}\n`);
    return 1;
  }
  // Never render in this thread while serving: one render thread at least.
  const workers = Math.max(1, options.workers ?? Math.min(2, availableParallelism()));
  const watcher = watchSite(siteDirectory, { output, workers, ...reportingOptions(interactive) }, {
    onBuilt: (result, milliseconds) => printSummary(result, milliseconds, interactive),
    onError: (error) => process.stderr.write(`error: ${escapeForTerminal(error.message)}\n`),
  });
  // The URL on stdout, alone, so scripts (and tests) can read it.
  process.stdout.write(`${server.url}\n`);
  process.stderr.write(`mlpost: serving ${server.url} (Ctrl-C to stop)\n`);
  await waitForSignal();
  await server.close();
  // A rebuild still running is not waited for beyond a moment (a second signal: not at all).
  const finished = await Promise.race([watcher.close().then(() => true), new Promise<false>((done) => setTimeout(() => done(false), SHUTDOWN_GRACE_MS).unref()), waitForSignal().then(() => false as const)]);
  if (!finished) process.exit(0);
  return 0;
}
