/**
 * The one place that knows which Graphviz build draws our graphs.
 *
 * Pinned: `@viz-js/viz` 3.3.1, which bundles Graphviz 9.0.0. Every WASM build with
 * Graphviz ≥ 10 pulls the nodes of the seed graph (`rnn_intro_g1`) out of their
 * clusters and draws a scrambled figure (see `shared/reference/README.md`); 9.0.0 lays
 * it out as the original blog published it, loads in ~30 ms from one package and
 * returns Graphviz's warnings. Anything else in mlpost talks to {@link LayoutEngine}.
 */
import { instance } from '@viz-js/viz';

/** A message Graphviz printed while reading or laying out a graph. */
export interface EngineMessage {
  level: 'error' | 'warning';
  message: string;
}

/** What one layout produced: the raw SVG (absent on failure) and Graphviz's messages. */
export interface EngineOutput {
  svg: string | undefined;
  messages: EngineMessage[];
}

/** A loaded Graphviz. `layout` is synchronous and may throw if the WASM module crashes. */
export interface LayoutEngine {
  /** Names the build exactly (part of every cache key): `@viz-js/viz 3.3.1 / Graphviz 9.0.0`. */
  readonly build: string;
  /** Layout engines this build knows (`dot`, `neato`, …). */
  readonly engines: readonly string[];
  /** Lay out `dot` with `engine` and return SVG. Throws only when the module itself breaks. */
  layout(dot: string, engine: string): EngineOutput;
}

/** The `@viz-js/viz` version we pin (also in package.json, `--save-exact`). */
export const VIZ_JS_VERSION = '3.3.1';

/** Load a fresh instance of the pinned Graphviz-WASM build. */
export async function loadVizEngine(): Promise<LayoutEngine> {
  const viz = await instance();
  const build = `@viz-js/viz ${VIZ_JS_VERSION} / Graphviz ${viz.graphvizVersion}`;
  return {
    build,
    engines: viz.engines,
    layout(dot, engine) {
      const result = viz.render(dot, { format: 'svg', engine });
      const messages = result.errors.map((error) => ({ level: error.level ?? 'error', message: error.message }));
      return { svg: result.status === 'success' ? result.output : undefined, messages };
    },
  };
}
