/** What rendering a cell's results needs from its surroundings. */
import type { GraphRenderer } from '../graph/renderer.js';

/** Per-cell rendering context. */
export interface RenderContext {
  /** Graphviz for `diagram` and `unroll`; without it the DOT is shown as text. */
  graph: GraphRenderer | undefined;
  /** The fence's caption, if any. */
  caption: string | undefined;
  /** A page-unique id prefix for the part named `part` (`c1a2b3-diagram-`). */
  idPrefix(part: string): string;
  /** Report a non-fatal problem (placed at the fence). */
  warn(message: string): void;
}
