/**
 * `mlpost serve <site>`: build the site, serve the output on 127.0.0.1, and rebuild the
 * posts that change while it runs.
 */
import { resolve, join } from 'node:path';
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
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  }
  let server;
  try {
    server = await serveFolder(output, options.port);
  } catch (error) {
    process.stderr.write(`error: cannot listen on 127.0.0.1:${options.port}: ${(error as Error).message}\n`);
    return 1;
  }
  const watcher = watchSite(siteDirectory, { output, workers: options.workers, ...reportingOptions(interactive) }, {
    onBuilt: (result, milliseconds) => printSummary(result, milliseconds, interactive),
    onError: (error) => process.stderr.write(`error: ${error.message}\n`),
  });
  // The URL on stdout, alone, so scripts (and tests) can read it.
  process.stdout.write(`${server.url}\n`);
  process.stderr.write(`mlpost: serving ${server.url} (Ctrl-C to stop)\n`);
  await waitForSignal();
  await watcher.close();
  await server.close();
  return 0;
}
