/**
 * The `mlpost` command line.
 */
import { Command, InvalidArgumentError } from 'commander';
import { MLPOST_VERSION } from '../version.js';

/** Most render threads `--workers` accepts (each costs memory and start-up time; `1e9` used to hang). */
const MAX_WORKERS = 64;

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
  .option('--no-cache', 'lay out every graph and execute every cell afresh (same output bytes)')
  .option('--number-sections', 'number the headings as pandoc --number-sections did')
  .action(async (post: string, options: { output: string; strict?: boolean; timezone: string; cache: boolean; numberSections?: boolean }) => {
    const { renderCommand } = await import('./render-command.js');
    process.exitCode = await renderCommand(post, options);
  });

program
  .command('build')
  .description('build a whole blog from a site folder (posts/, or a Hexo folder with source/_posts/) to <site>/dist')
  .argument('<site>', 'the site folder')
  .option('-o, --output <dir>', 'output folder (default: the config\'s, or <site>/dist)')
  .option('--strict', 'exit with 1 on warnings too')
  .option('--no-cache', 'render every post and execute every cell afresh (same output bytes)')
  .option('--workers <n>', `render threads, 0 to ${MAX_WORKERS} (default: the core count for big builds)`, parseWorkers)
  .option('--watch', 'keep watching and rebuild the posts that change')
  .option('--drafts', 'build drafts too (source/_drafts/, drafts/, published: false), marked as drafts')
  .action(async (site: string, options: { output?: string; strict?: boolean; cache: boolean; workers?: number; watch?: boolean; drafts?: boolean }) => {
    const { buildCommand } = await import('./build-command.js');
    process.exitCode = await buildCommand(site, options);
  });

program
  .command('serve')
  .description('build the site with its drafts, serve it on 127.0.0.1, rebuild what changes and reload the open page')
  .argument('<site>', 'the site folder')
  .option('-o, --output <dir>', 'output folder (default: <site>/.mlpost-cache/serve, so dist/ never gets drafts)')
  .option('-p, --port <port>', 'port (0: any free port)', parseCount, 4000)
  .option('--workers <n>', `render threads, 1 to ${MAX_WORKERS} (default: 2)`, parseWorkers)
  .action(async (site: string, options: { output?: string; port: number; workers?: number }) => {
    const { serveCommand } = await import('./serve-command.js');
    process.exitCode = await serveCommand(site, options);
  });

program
  .command('doctor')
  .description('print what this mlpost runs with (versions, engines, parser fixes), for bug reports')
  .action(async () => {
    const { doctorCommand } = await import('./doctor-command.js');
    process.exitCode = await doctorCommand();
  });

program
  .command('new')
  .description('create a post (or a draft, or a page) as `hexo new` does, from scaffolds/<layout>.md when the site has it')
  .argument('<layout-or-title>', 'post, draft or page (default post); or the title')
  .argument('[title]', 'the title')
  .option('-s, --site <dir>', 'the site folder (default: the current folder, if it is a site)')
  .option('--slug <slug>', 'file name (default: the title, slugged)')
  .action(async (layout: string, title: string | undefined, options: { site?: string; slug?: string }) => {
    const { newCommand } = await import('./new-command.js');
    process.exitCode = newCommand(layout, title, options);
  });

function parseCount(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return number;
}


function parseWorkers(value: string): number {
  const number = parseCount(value);
  if (number > MAX_WORKERS) throw new InvalidArgumentError(`expected at most ${MAX_WORKERS} render threads`);
  return number;
}

/** Run the command line; the engines are closed however it ends (a busy cell worker would keep the process alive). */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  try {
    await program.parseAsync([...argv]);
  } finally {
    // Commands load their modules lazily, so a build with nothing to render never loads
    // the rendering pipeline, and a run without cells never loads the cells code.
    const { closeEngines } = await import('../engines/index.js');
    await closeEngines();
  }
}
