/**
 * The `mlpost` command line.
 */
import { Command } from 'commander';
import { MLPOST_VERSION } from '../version.js';
import { renderCommand } from './render-command.js';
import { buildCommand } from './build-command.js';
import { closeCellWorkers } from '../cells/index.js';

const program = new Command()
  .name('mlpost')
  .description('Publish machine-learning blog posts: Markdown with math, graphs and executable cells.')
  .version(MLPOST_VERSION);

program
  .command('render')
  .description('render one post to <dir>/index.html with its assets')
  .argument('<post>', 'the Markdown file')
  .requiredOption('-o, --output <dir>', 'output folder')
  .option('--strict', 'exit with 1 on warnings too')
  .option('--timezone <zone>', 'IANA time zone for dates without an offset', 'UTC')
  .option('--no-cache', 'execute every cell afresh (same output bytes)')
  .action(async (post: string, options: { output: string; strict?: boolean; timezone: string; cache: boolean }) => {
    process.exitCode = await renderCommand(post, options);
  });

program
  .command('build')
  .description('build a whole site folder (posts/ or source/_posts/) to <site>/dist')
  .argument('<site>', 'the site folder')
  .option('-o, --output <dir>', 'output folder (default: the config\'s, or <site>/dist)')
  .option('--strict', 'exit with 1 on warnings too')
  .option('--no-cache', 'execute every cell afresh (same output bytes)')
  .action(async (site: string, options: { output?: string; strict?: boolean; cache: boolean }) => {
    process.exitCode = await buildCommand(site, options);
  });

try {
  await program.parseAsync();
} finally {
  // Cell workers would keep the process alive.
  await closeCellWorkers();
}
