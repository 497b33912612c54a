/**
 * `mlpost build <site>`: the whole site, with progress on a terminal (posts done / total,
 * current post), quiet in CI or when stderr is not a terminal, and a summary line at the
 * end. `--watch` keeps going and rebuilds what changed.
 */
import { relative } from 'node:path';
import { buildSite, SiteError, type BuildOptions, type BuildResult } from '../site/build.js';
import { ConfigError } from '../site/config.js';
import { exitCodeFor, printMessages } from './report.js';
import { escapeFileName, escapeForTerminal } from '../diagnostics.js';

export interface BuildCommandOptions {
  output?: string;
  strict?: boolean;
  /** `false` with `--no-cache`: render every post and execute every cell afresh. */
  cache?: boolean;
  /** Render threads (`--workers`); default: the core count for big builds. */
  workers?: number;
  /** Keep watching the site and rebuild on change (`--watch`). */
  watch?: boolean;
  /** Build drafts too, marked as drafts (`--drafts`). */
  drafts?: boolean;
}

/** Whether progress lines go to the terminal: a TTY, and not in CI. */
export function isInteractive(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !isCi(env);
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Build options that print progress and diagnostics the CLI's way. */
export function reportingOptions(interactive: boolean): Pick<BuildOptions, 'onPost'> {
  return {
    onPost: ({ path, messages, done, total }) => {
      if (interactive) process.stderr.write(`\r\x1b[2K[${done}/${total}] ${escapeFileName(path)}`);
      if (messages.length > 0) {
        if (interactive) process.stderr.write('\r\x1b[2K');
        printMessages(messages, path);
      }
    },
  };
}

/** The summary line of a build: `mlpost: N posts, W warnings, E errors in T s`, after the details. */
export function printSummary(result: BuildResult, milliseconds: number, interactive: boolean): void {
  if (interactive) process.stderr.write('\r\x1b[2K');
  for (const problem of result.problems) process.stderr.write(`${escapeForTerminal(problem)}\n`);
  for (const notice of result.notices) process.stderr.write(`${escapeForTerminal(notice.text)}\n`);
  process.stderr.write(
    `mlpost: ${result.rendered} rendered, ${result.fromCache} from cache, ${result.unchanged} unchanged; ${result.written.length} files written, ${result.removed.length} removed\n`,
  );
  process.stderr.write(`mlpost: ${result.posts} posts, ${result.warnings} warnings, ${result.errors} errors in ${(milliseconds / 1000).toFixed(2)} s\n`);
}

/** Run the command; resolves to the process exit code (never, with `--watch`, until interrupted). */
export async function buildCommand(siteDirectory: string, options: BuildCommandOptions): Promise<number> {
  const interactive = isInteractive();
  const build = async (): Promise<BuildResult | undefined> => {
    const started = performance.now();
    try {
      const result = await buildSite(siteDirectory, {
        output: options.output,
        noCache: options.cache === false,
        workers: options.workers,
        drafts: options.drafts === true,
        ...reportingOptions(interactive),
      });
      printSummary(result, performance.now() - started, interactive);
      return result;
    } catch (error) {
      if (interactive) process.stderr.write('\r\x1b[2K');
      process.stderr.write(`${describeError(error)}\n`);
      return undefined;
    }
  };
  const result = await build();
  if (options.watch) {
    const { watchSite } = await import('../site/watch.js');
    const watcher = watchSite(siteDirectory, { output: options.output, noCache: false, workers: options.workers, drafts: options.drafts === true, ...reportingOptions(interactive) }, {
      onBuilt: (rebuilt, milliseconds) => printSummary(rebuilt, milliseconds, interactive),
      onError: (error) => process.stderr.write(`${describeError(error)}\n`),
    });
    process.stderr.write(`mlpost: watching ${relative(process.cwd(), siteDirectory) || '.'} (Ctrl-C to stop)\n`);
    await waitForSignal();
    await watcher.close();
    return 0;
  }
  if (!result) return 1;
  process.stdout.write(`${relative(process.cwd(), `${result.output}/index.html`) || 'index.html'}\n`);
  return exitCodeFor(result, options.strict ?? false);
}

/** A build that could not start, as one line: site and config errors are already `file: error: …`. */
export function describeError(error: unknown): string {
  if (error instanceof SiteError || error instanceof ConfigError) return escapeForTerminal(error.message);
  return `error: ${escapeForTerminal(error instanceof Error ? error.message : String(error))}`;
}

/** Resolves on SIGINT or SIGTERM. */
export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
