/**
 * The cells step of the pipeline: `remarkCells` (asynchronous: cells run in workers) only
 * for posts that have `hmm`/`rnn` fences, so the pipeline stays synchronous for the rest
 * (Hexo's `renderSync` on blockquote bodies, `processSync`).
 *
 * The cells code (schema, charts, worker pool: ~0.1 s to load) is imported the first time
 * a post has a cell, not when the pipeline is built: most posts have none, and every cold
 * `mlpost render` paid for it.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { EXIT, visit } from 'unist-util-visit';
import type { RemarkCellsOptions } from './index.js';
import { fenceLanguage, infoOfCode, parseFenceAttributes } from '../syntax/fence-attributes.js';

/** The cells code, once a post has needed it. */
let cellsModule: Promise<typeof import('./index.js')> | undefined;

/** The remark plugin. */
export function remarkCellsStep(options: RemarkCellsOptions = {}) {
  let run: Promise<(tree: Root, file: VFile) => Promise<void>> | undefined;
  return (tree: Root, file: VFile): Promise<void> | undefined => {
    if (!hasCell(tree)) return undefined;
    run ??= (cellsModule ??= import('./index.js')).then(({ remarkCells }) => remarkCells(options));
    return run.then((transform) => transform(tree, file));
  };
}

function hasCell(tree: Root): boolean {
  let found = false;
  visit(tree, 'code', (node) => {
    const kind = fenceLanguage(parseFenceAttributes(infoOfCode(node)));
    if (kind === 'hmm' || kind === 'rnn') {
      found = true;
      return EXIT;
    }
    return undefined;
  });
  return found;
}
