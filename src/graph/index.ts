/**
 * Graphs: DOT fences → inline SVG figures, drawn at build time by Graphviz-WASM
 * (`@viz-js/viz` 3.3.1 = Graphviz 9.0.0, pinned: newer builds scramble clustered graphs).
 *
 * `createGraphRenderer()` loads Graphviz once; its `render()` is synchronous and usable
 * alone (cells draw HMM and RNN diagrams with it). `remarkGraph` is the remark plugin.
 */
export { createGraphRenderer, layoutWithCjk, GRAPH_RENDERER_VERSION, LAYOUT_ENGINES } from './renderer.js';
export type { GraphRenderer, GraphRendererOptions, GraphResult, RenderGraphOptions } from './renderer.js';
export type { GraphProblem } from './problems.js';
export type { LayoutEngine, EngineOutput, EngineMessage } from './engine.js';
export { loadVizEngine, VIZ_JS_VERSION } from './engine.js';
export { remarkGraph } from './remark-graph.js';
export type { RemarkGraphOptions, GraphFigure } from './remark-graph.js';
export { graphFenceOf, checkFileName } from './fence.js';
export type { GraphFence } from './fence.js';
export { isSafeUrl } from './svg-polish.js';
