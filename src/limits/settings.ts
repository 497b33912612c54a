/**
 * Every limit a user may set on rendering, in one place: `limits:` in `mlpost.yml`, and
 * `limits` in the options of `renderPost` / `mlpost()`. Cells have their own `timeout`
 * fence attribute; the nesting and YAML limits are not settings (they protect the
 * process, not the author's time).
 */
import { z } from 'zod';
import type { FormulaLimits } from './formula.js';

/** Limits of one render. Absent fields take the defaults below. */
export interface RenderLimits {
  /** Largest post, in bytes, read before parsing (the site builder and the CLI). */
  postBytes?: number;
  /** Wall-clock limit of one post in a render thread, in milliseconds (site builds). */
  postMs?: number;
  /** Wall-clock limit of one graph layout, in milliseconds. */
  graphMs?: number;
  /** Bounds on each formula (see `formula.ts`). */
  formula?: Partial<FormulaLimits>;
}

/**
 * A post's size limit. A post of dense Markdown needs about 100 times its size in memory
 * while it renders (a 4 MB post ~400 MB); 16 MB stays well inside a default Node heap.
 */
export const DEFAULT_POST_BYTES = 16 * 1024 * 1024;
/** A post's time limit in a render thread: generous, the sum of its graphs', formulas' and cells' limits bound it anyway. */
export const DEFAULT_POST_MS = 300_000;

const positive = z.number().positive();

/** The `limits:` section of `mlpost.yml`. */
export const renderLimitsSchema = z
  .object({
    postBytes: positive.int().optional(),
    postMs: positive.optional(),
    graphMs: positive.optional(),
    formula: z
      .object({ maxLength: positive.int().optional(), maxExpand: positive.int().optional(), maxSize: positive.optional(), maxTokens: positive.int().optional(), timeMs: positive.optional() })
      .strict()
      .optional(),
  })
  .strict();
