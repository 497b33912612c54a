/**
 * Stage 3, build-time features on mdast: graph fences drawn by Graphviz, `hmm`/`rnn` cells
 * executed, the remaining code fences given their attributes, and raw HTML that tag
 * handlers added bounded like the author's.
 */
import { remarkGraphStep } from '../../graph/step.js';
import { remarkCellsStep } from '../../cells/step.js';
import { remarkCodeAttributes } from '../../syntax/pandoc/index.js';
import { remarkCodeBlankLines } from '../../code/blank-lines.js';
import { remarkRawHtmlLimit } from '../../limits/tree.js';
import type { MlpostOptions } from '../options.js';
import type { Stage } from '../step.js';

export function featuresStage(options: Readonly<MlpostOptions>): Stage {
  return {
    name: 'features',
    summary: 'graphs drawn, cells executed, code fences given their attributes',
    steps: [
      // Fences inside tag bodies (a graph in a `{% blockquote %}`) exist once tags expanded.
      { name: 'graph', use: [remarkGraphStep, { renderer: options.graph, cache: options.cache, timeoutMs: options.limits?.graphMs }], needs: ['mdast', 'tags-expanded'], makes: ['graphs-drawn'] },
      { name: 'cells', use: [remarkCellsStep, { graph: options.graph, ...options.cells }], needs: ['mdast', 'tags-expanded'], makes: ['cells-run'] },
      // The other fences, Hexo's codeblock tags among them, once graphs and cells took theirs.
      { name: 'code-attributes', use: [remarkCodeAttributes], needs: ['mdast', 'tags-expanded', 'graphs-drawn', 'cells-run'], makes: ['code-final'] },
      { name: 'code-blank-lines', use: [remarkCodeBlankLines], needs: ['mdast', 'code-final'], makes: ['code-edges-recorded'] },
      // Raw HTML that tag handlers added (`{% raw %}`) is bounded like the author's.
      { name: 'raw-html-limit', use: [remarkRawHtmlLimit], needs: ['mdast', 'tags-expanded'], makes: ['html-pieces-final'] },
    ],
  };
}
