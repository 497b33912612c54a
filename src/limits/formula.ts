/**
 * Bounds on one formula typeset by KaTeX, which runs synchronously and cannot be stopped
 * from outside: a 1 MB formula took over 120 s and 780 MB, and a 200-byte one that
 * expands macros into exponentially many tokens over 400 s and 600 MB. Four bounds:
 *
 * - `maxLength`: a longer formula is not typeset at all;
 * - `maxExpand` and `maxSize`: KaTeX's own settings (macro expansions; sizes in em);
 * - `maxTokens`: KaTeX looks every token it reads up in the macro table, so counting those
 *   lookups bounds the work of parsing and expanding (deterministically, the same on every
 *   machine); past it the formula stops with {@link FormulaLimitError};
 * - `timeMs`: a wall-clock budget checked at the same lookups, the net under the others
 *   (not deterministic: a post that hit it is not cached).
 *
 * The math step uses them through three calls (see the `formula limits` hook in
 * `math/rehype-math.ts`): {@link formulaLengthProblem} before typesetting,
 * {@link katexLimitSettings} in the KaTeX options (it wraps the macro table), and
 * {@link isFormulaLimitError} to tell a limit from a TeX error (no second attempt).
 */

/** The bounds of one formula. */
export interface FormulaLimits {
  /** Characters of TeX. */
  maxLength: number;
  /** KaTeX's `maxExpand`: macro expansions. */
  maxExpand: number;
  /** KaTeX's `maxSize`: largest size an author may give, in em. */
  maxSize: number;
  /** Tokens KaTeX may look up (read or produce by expansion). */
  maxTokens: number;
  /** Wall-clock budget of parsing and expanding, in milliseconds. */
  timeMs: number;
}

/** The default bounds: far above any formula of the corpus (the longest is 2 kB, ~3 000 tokens, 20 ms). */
export const FORMULA_LIMITS: Readonly<FormulaLimits> = Object.freeze({
  maxLength: 20_000,
  maxExpand: 1000,
  maxSize: 100,
  maxTokens: 250_000,
  timeMs: 5000,
});

/** The bounds with `overrides` applied (unknown or invalid values keep the defaults). */
export function formulaLimits(overrides: Partial<FormulaLimits> = {}): FormulaLimits {
  const limits = { ...FORMULA_LIMITS };
  for (const key of Object.keys(limits) as Array<keyof FormulaLimits>) {
    const value = overrides[key];
    if (typeof value === 'number' && value > 0) limits[key] = value;
  }
  return limits;
}

/** A formula stopped by a limit; `transient` when it was the clock (another run may pass). */
export class FormulaLimitError extends Error {
  constructor(
    message: string,
    readonly ruleId: 'math-limit' | 'math-timeout',
  ) {
    super(message);
    this.name = 'FormulaLimitError';
  }

  get transient(): boolean {
    return this.ruleId === 'math-timeout';
  }
}

/** Whether `error` is a limit of this module (then the formula is not tried again). */
export function isFormulaLimitError(error: unknown): error is FormulaLimitError {
  return error instanceof FormulaLimitError;
}

/** Why `tex` is too long to typeset, or `undefined`. */
export function formulaLengthProblem(tex: string, limits: FormulaLimits): FormulaLimitError | undefined {
  if (tex.length <= limits.maxLength) return undefined;
  return new FormulaLimitError(`formula longer than ${limits.maxLength} characters (${tex.length}): not typeset`, 'math-limit');
}

/** How often the clock is read (every so many lookups). */
const CLOCK_EVERY = 256;

/**
 * The KaTeX settings that bound one formula: `maxExpand`, `maxSize`, and `macros` wrapped
 * so that every lookup counts (the wrapper reads and writes through to `macros`, so
 * `\gdef` still reaches the document's later formulas).
 */
export function katexLimitSettings<M extends object>(macros: M, limits: FormulaLimits): { macros: M; maxExpand: number; maxSize: number } {
  const deadline = performance.now() + limits.timeMs;
  let lookups = 0;
  const counted = new Proxy(macros, {
    // KaTeX's macro namespace asks `hasOwnProperty` for every token it reads.
    getOwnPropertyDescriptor(target, key) {
      if (++lookups > limits.maxTokens) throw new FormulaLimitError(`formula expands to more than ${limits.maxTokens} tokens: not typeset`, 'math-limit');
      if (lookups % CLOCK_EVERY === 0 && performance.now() > deadline) {
        throw new FormulaLimitError(`formula took longer than ${limits.timeMs / 1000} s to typeset: stopped`, 'math-timeout');
      }
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  return { macros: counted, maxExpand: limits.maxExpand, maxSize: limits.maxSize };
}
