/**
 * The cells step of the pipeline: `remarkCells` (asynchronous: cells run in workers) only
 * for posts that have `hmm`/`rnn` fences, so the pipeline stays synchronous for the rest
 * (Hexo's `renderSync` on blockquote bodies, `processSync`).
 */
import type { Root } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { EXIT, visit } from 'unist-util-visit';
import { remarkCells, type RemarkCellsOptions } from '../cells/index.js';
import { fenceLanguage, infoOfCode, parseFenceAttributes } from '../syntax/fence-attributes.js';

/** The remark plugin. */
export function remarkCellsStep(this: Processor, options: RemarkCellsOptions = {}) {
  const run = remarkCells.call(this, options);
  return (tree: Root, file: VFile): Promise<void> | undefined => (hasCell(tree) ? run(tree, file) : undefined);
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
