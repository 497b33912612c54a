/**
 * `mlpost serve <site>`: build the site with its drafts into a folder of its own (so
 * `dist/` never receives drafts), serve it on 127.0.0.1 under its `root` (`/blog/`, as it
 * is deployed; `/` leads there), rebuild what changes and reload the open pages. Missing pages get the site's `404.html`. Rebuilds render in worker
 * threads (at least one), so this thread keeps answering requests and signals while a post
 * renders; Ctrl-C or SIGTERM stops the server at once, without waiting long for a rebuild
 * (pages are written atomically, so whatever was written is whole).
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { escapeForTerminal } from '../diagnostics.js';
import { buildSite, CACHE_FOLDER } from '../site/build.js';
import { readSiteConfig } from '../site/config.js';
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

/** How long a stop waits for a running rebuild before it leaves without it. */
const SHUTDOWN_GRACE_MS = 1000;

/** Run the command until SIGINT/SIGTERM; resolves to the exit code. */
export async function serveCommand(siteDirectory: string, options: ServeCommandOptions): Promise<number> {
  const interactive = isInteractive();
  const output = resolve(options.output ?? serveOutput(siteDirectory));
  const build = { output, workers: options.workers, drafts: true, ...reportingOptions(interactive) };
  // Never render in this thread while serving (after the first build): one render thread at least.
  const rebuild = { ...build, workers: Math.max(1, options.workers ?? Math.min(2, availableParallelism())) };
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
    const base = readSiteConfig(siteDirectory).root;
    server = await serveFolder(output, options.port, { handle: (request, response) => live.handle(request, response), transformHtml: (html) => live.inject(html), notFound: '404.html', base });
  } catch (error) {
    process.stderr.write(`error: cannot listen on 127.0.0.1:${options.port}: ${escapeForTerminal((error as Error).message)}\n`);
    return 1;
  }
  const watcher = watchSite(siteDirectory, rebuild, {
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
  await server.close();
  // A rebuild still running is not waited for beyond a moment (a second signal: not at all).
  const finished = await Promise.race([watcher.close().then(() => true), new Promise<false>((done) => setTimeout(() => done(false), SHUTDOWN_GRACE_MS).unref()), waitForSignal().then(() => false as const)]);
  if (!finished) process.exit(0);
  return 0;
}
