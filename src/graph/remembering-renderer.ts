/**
 * Graphs remembered across the posts of one process (the shared renderer of
 * `src/engines/` wraps Graphviz with it).
 */
import type { GraphRenderer } from './renderer.js';

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
    close: async () => {
      memo.clear();
      await renderer.close?.();
    },
    render(dot, options) {
      // The time limit is not part of the key: only layouts that finished are remembered.
      const key = JSON.stringify([dot, options.engine ?? null, options.idPrefix, options.title ?? null]);
      const known = memo.get(key);
      if (known) return structuredClone(known);
      const result = renderer.render(dot, options);
      if (!result.problems.some((problem) => problem.transient)) {
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(key, structuredClone(result));
      }
      return result;
    },
  };
}
