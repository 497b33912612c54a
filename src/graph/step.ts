/**
 * The graph step of the pipeline: `remarkGraph` with a renderer given up front
 * (synchronous, for Hexo's `renderSync`), or else the process-wide renderer
 * (`src/engines/`), loaded on the first graph that is not in the cache (asynchronous).
 * Posts without graphs, or whose graphs are all cached, never load Graphviz.
 */
import { remarkGraph, remarkGraphLazy } from './remark-graph.js';
import { GRAPH_RENDERER_VERSION, type GraphRenderer } from './renderer.js';
import { PINNED_GRAPHVIZ_BUILD } from './engine.js';
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
  return remarkGraphLazy({ loadRenderer: sharedGraphRenderer, build: PINNED_GRAPHVIZ_BUILD, version: GRAPH_RENDERER_VERSION, cache: options.cache, timeoutMs: options.timeoutMs });
}
