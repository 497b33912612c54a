/**
 * `mlpost new [layout] <title>`: create a post, draft or page (see `site/new-post.ts`) and
 * print its path. Run in a folder that is not a site (no config file, no posts folder) it
 * creates nothing, unless `--site` names the folder: a typo'd directory must not quietly
 * grow a `posts/` folder.
 */
import { relative, resolve } from 'node:path';
import { escapeForTerminal } from '../diagnostics.js';
import { isSiteFolder, SITE_MARKS } from '../site/layout.js';
import { createPost, NEW_LAYOUTS, type NewLayout } from '../site/new-post.js';
import { describeError } from './build-command.js';

/** Run the command; returns the exit code. */
export function newCommand(layout: string, title: string | undefined, options: { site?: string; slug?: string }): number {
  // `mlpost new "Title"`: the only argument is the title.
  if (title === undefined) [layout, title] = ['post', layout];
  if (!(NEW_LAYOUTS as readonly string[]).includes(layout)) {
    process.stderr.write(`error: unknown layout ${JSON.stringify(layout)}: use ${NEW_LAYOUTS.join(', ')}\n`);
    return 1;
  }
  const site = options.site ?? '.';
  if (options.site === undefined && !isSiteFolder(site)) {
    process.stderr.write(`error: ${escapeForTerminal(resolve(site))} is not a site: mlpost looked there for ${SITE_MARKS.join(', ')} and found none; run \`mlpost new\` in a site's folder, or name the folder with --site to start a site there [new-no-site]\n`);
    return 1;
  }
  try {
    const made = createPost(site, layout as NewLayout, title, { slug: options.slug });
    process.stdout.write(`${relative(process.cwd(), made.file) || made.file}\n`);
    if (made.assetFolder) process.stderr.write(`mlpost: its files go in ${relative(process.cwd(), made.assetFolder)}/\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return 1;
  }
}
