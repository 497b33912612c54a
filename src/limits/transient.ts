/**
 * Failures that may not happen again: a wall-clock limit hit (a graph layout, a formula, a
 * post, a cell), a renderer that crashed. A post that had one is shown as it came out, but
 * never cached, so the next build tries again instead of serving the failure for good.
 */
import type { VFile } from 'vfile';

declare module 'vfile' {
  interface DataMap {
    /** Set when something in this file failed in a way that another run may not repeat. */
    mlpostTransient: boolean;
  }
}

/** Record on `file` that its rendering had a transient failure. */
export function markTransient(file: VFile): void {
  file.data.mlpostTransient = true;
}

/** Whether `file`'s rendering had a transient failure. */
export function hadTransientFailure(file: VFile): boolean {
  return file.data.mlpostTransient === true;
}

/** Rule ids whose messages always mean a transient failure (time limits, crashes). */
export const TRANSIENT_RULES: ReadonlySet<string> = new Set(['graph-timeout', 'math-timeout', 'cell-timeout', 'post-timeout', 'post-crashed', 'render-failed']);
