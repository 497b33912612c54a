/**
 * `mlpost build <site>`: the whole site, with progress on a terminal, quiet in CI, and a
 * summary line at the end.
 */
import { relative } from 'node:path';
import { buildSite } from '../site/build.js';
import { exitCodeFor, printMessages } from './report.js';

export interface BuildCommandOptions {
  output?: string;
  strict?: boolean;
  /** `false` with `--no-cache`: execute every cell afresh. */
  cache?: boolean;
}

/** Run the command; resolves to the process exit code. */
export async function buildCommand(siteDirectory: string, options: BuildCommandOptions): Promise<number> {
  const started = performance.now();
  const interactive = process.stderr.isTTY === true && !process.env.CI;
  let result;
  try {
    result = await buildSite(siteDirectory, {
      output: options.output,
      noCache: options.cache === false,
      onPost: ({ path, messages, done, total }) => {
        if (interactive) process.stderr.write(`\r\x1b[2K[${done}/${total}] ${path}`);
        if (messages.length > 0) {
          if (interactive) process.stderr.write('\r\x1b[2K');
          printMessages(messages, path);
        }
      },
    });
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  }
  if (interactive) process.stderr.write('\r\x1b[2K');
  for (const problem of result.problems) process.stderr.write(`${problem}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stderr.write(`mlpost: ${result.posts} posts, ${result.warnings} warnings, ${result.errors} errors in ${seconds} s\n`);
  process.stdout.write(`${relative(process.cwd(), `${result.output}/index.html`) || 'index.html'}\n`);
  return exitCodeFor(result, options.strict ?? false);
}
