/**
 * `mlpost render <post.md> -o <dir>`: one post to `<dir>/index.html`, with its files and
 * the shared assets under `<dir>`.
 */
import { join, resolve } from 'node:path';
import { DiskCache } from '../cache/disk-cache.js';
import { defaultCacheFolder } from '../cache/default-folder.js';
import { renderPost } from '../pipeline/render-post.js';
import { renderPage } from '../site/page.js';
import { copyStaticAssets, writePostAssets } from '../site/output.js';
import { writeFileAtomic } from '../site/write-file.js';
import { MLPOST_VERSION } from '../version.js';
import { exitCodeFor, printMessages } from './report.js';
import { formatReadFailure, readPostFile } from '../site/read-post.js';

export interface RenderCommandOptions {
  output: string;
  strict?: boolean;
  timezone?: string;
  /** `false` with `--no-cache`: lay out every graph and execute every cell afresh. */
  cache?: boolean;
  /** `--number-sections`. */
  numberSections?: boolean;
}

/** Run the command; resolves to the process exit code. */
export async function renderCommand(postPath: string, options: RenderCommandOptions): Promise<number> {
  const read = readPostFile(postPath);
  if (!read.ok) {
    process.stderr.write(`${formatReadFailure(postPath, read)}\n`);
    return 1;
  }
  // Graphs are kept beside the cells' cache (node_modules/.cache/mlpost/): rendering the post
  // again after an edit lays out only the graphs that changed, and loads no Graphviz at all
  // when none did. `--no-cache` reads and writes neither.
  const cache = options.cache === false ? undefined : new DiskCache(defaultCacheFolder('graphs'));
  const post = await renderPost(read.text, { path: postPath, timezone: options.timezone, cells: { noCache: options.cache === false }, numberSections: options.numberSections === true, ...(cache ? { cache } : {}) });
  const counts = printMessages(post.messages, postPath);
  const folder = resolve(options.output);
  writePostAssets(folder, post.assets);
  copyStaticAssets(join(folder, 'assets'));
  writeFileAtomic(join(folder, 'index.html'), renderPage(post.data, post.html, { assetBase: 'assets/', generator: `mlpost ${MLPOST_VERSION}` }));
  process.stdout.write(`${join(folder, 'index.html')}\n`);
  return exitCodeFor(counts, options.strict ?? false);
}

