/**
 * The graph step of the pipeline: `remarkGraph` with a renderer given up front
 * (synchronous, for Hexo's `renderSync`), or else the process-wide renderer
 * (`src/engines/`), loaded on the first post that has a graph (asynchronous). Posts
 * without graphs never load Graphviz.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit, EXIT } from 'unist-util-visit';
import { graphFenceOf, remarkGraph, type GraphRenderer } from './index.js';
import { sharedGraphRenderer } from '../engines/index.js';
import type { DiskCache } from '../cache/disk-cache.js';

export interface GraphStepOptions {
  renderer?: GraphRenderer | undefined;
  cache?: DiskCache | undefined;
  /** Wall-clock limit of each layout, in milliseconds. */
  timeoutMs?: number | undefined;
}

/** The remark plugin. */
export function remarkGraphStep(options: GraphStepOptions = {}) {
  if (options.renderer) return remarkGraph({ renderer: options.renderer, cache: options.cache, timeoutMs: options.timeoutMs });
  return (tree: Root, file: VFile): Promise<void> | undefined => {
    if (!hasGraph(tree)) return undefined;
    return sharedGraphRenderer().then((renderer) => remarkGraph({ renderer, cache: options.cache, timeoutMs: options.timeoutMs })(tree, file));
  };
}

function hasGraph(tree: Root): boolean {
  let found = false;
  visit(tree, 'code', (node) => {
    if (graphFenceOf(node)) {
      found = true;
      return EXIT;
    }
    return undefined;
  });
  return found;
}
