/**
 * The `mlpost` command line.
 */
import { Command } from 'commander';
import { MLPOST_VERSION } from '../version.js';
import { renderCommand } from './render-command.js';
import { buildCommand } from './build-command.js';

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
  .action(async (post: string, options: { output: string; strict?: boolean; timezone: string }) => {
    process.exitCode = await renderCommand(post, options);
  });

program
  .command('build')
  .description('build a whole site folder (posts/ or source/_posts/) to <site>/dist')
  .argument('<site>', 'the site folder')
  .option('-o, --output <dir>', 'output folder (default: the config\'s, or <site>/dist)')
  .option('--strict', 'exit with 1 on warnings too')
  .action(async (site: string, options: { output?: string; strict?: boolean }) => {
    process.exitCode = await buildCommand(site, options);
  });

await program.parseAsync();
