/**
 * The graph step of the pipeline: `remarkGraph` with a renderer given up front
 * (synchronous, for Hexo's `renderSync`), or else the process-wide renderer, loaded on the
 * first post that has a graph (asynchronous). Posts without graphs never load Graphviz.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit, EXIT } from 'unist-util-visit';
import { createGraphRenderer, graphFenceOf, remarkGraph, type GraphRenderer } from './index.js';
import type { DiskCache } from '../cache/disk-cache.js';

let shared: Promise<GraphRenderer> | undefined;

/** The process-wide Graphviz renderer, loaded once, remembering recent graphs. */
export function sharedGraphRenderer(): Promise<GraphRenderer> {
  shared ??= createGraphRenderer().then(rememberingRenderer);
  return shared;
}

const MEMO_LIMIT = 2_000;

/**
 * A renderer that returns the result it computed last time for the same DOT and options.
 * Safe because layouts are deterministic (the engine is reset before every layout), and
 * it makes re-rendering an edited post skip Graphviz for the graphs that did not change.
 */
export function rememberingRenderer(renderer: GraphRenderer): GraphRenderer {
  const memo = new Map<string, ReturnType<GraphRenderer['render']>>();
  return {
    get build() { return renderer.build; },
    get version() { return renderer.version; },
    get loadMs() { return renderer.loadMs; },
    get stats() { return renderer.stats; },
    idle: () => renderer.idle(),
    render(dot, options) {
      const key = JSON.stringify([dot, options.engine ?? null, options.idPrefix, options.title ?? null]);
      const known = memo.get(key);
      if (known) return structuredClone(known);
      const result = renderer.render(dot, options);
      const transient = result.problems.some((problem) => /crashed|not available/.test(problem.message));
      if (!transient) {
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(key, structuredClone(result));
      }
      return result;
    },
  };
}

export interface GraphStepOptions {
  renderer?: GraphRenderer | undefined;
  cache?: DiskCache | undefined;
}

/** The remark plugin. */
export function remarkGraphStep(options: GraphStepOptions = {}) {
  if (options.renderer) return remarkGraph({ renderer: options.renderer, cache: options.cache });
  return (tree: Root, file: VFile): Promise<void> | undefined => {
    if (!hasGraph(tree)) return undefined;
    return sharedGraphRenderer().then((renderer) => remarkGraph({ renderer, cache: options.cache })(tree, file));
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
