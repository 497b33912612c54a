/**
 * Steps and stages of the pipeline, and the check that keeps their order honest.
 *
 * A step is one unified plugin plus what it reads from earlier steps (`needs`), what it
 * leaves for later ones (`makes`) and what it changes so that an earlier fact no longer
 * holds (`breaks`): e.g. pandoc attributes map text back to the source, so they need
 * `text as parsed`, which the CJK line-break step breaks. `checkOrder` walks the steps in
 * order and refuses a list where a step needs what is not (or no longer) there, so a
 * reordering that breaks a dependency fails when the pipeline is built, naming both steps.
 * `test/pipeline/order.test.ts` shows the declarations complete: every swap of two
 * neighbours that they allow leaves the rendered test posts byte-identical.
 */
import type { Pluggable, PluggableList } from 'unified';
import type { Fact } from './facts.js';

/** One plugin of the pipeline and the data it exchanges with the others. */
export interface Step {
  /** Short name for errors and tests (`hexo-tags`, `math`). */
  readonly name: string;
  /** The plugin and its options, as `unified().use()` takes them. */
  readonly use: readonly [plugin: Pluggable, ...options: unknown[]];
  /** Facts that must hold when this step runs (made by an earlier step, not broken since). */
  readonly needs?: readonly Fact[];
  /** Facts that hold once this step has run. */
  readonly makes?: readonly Fact[];
  /** Facts that no longer hold once this step has run. */
  readonly breaks?: readonly Fact[];
}

/** A named group of steps: what the tree is when it enters, what the stage is for. */
export interface Stage {
  readonly name: 'parse' | 'syntax' | 'features' | 'html' | 'enrich' | 'serialise';
  /** One line: what the stage does. */
  readonly summary: string;
  readonly steps: readonly Step[];
}

/** A step list whose order contradicts its declarations. */
export class PipelineOrderError extends Error {
  constructor(
    message: string,
    readonly step: string,
    readonly fact: Fact,
  ) {
    super(message);
    this.name = 'PipelineOrderError';
  }
}

/**
 * Throw a {@link PipelineOrderError} unless every step's needs hold when it runs; return
 * the facts that hold after the last step. `given` hold before the first one (what the
 * other half of a pipeline provides).
 */
export function checkOrder(steps: readonly Step[], given: readonly Fact[] = []): Fact[] {
  const holding = new Map<Fact, string>(given.map((fact) => [fact, '(given)']));
  const broken = new Map<Fact, string>();
  for (const step of steps) {
    for (const fact of step.needs ?? []) {
      if (holding.has(fact)) continue;
      const why = broken.has(fact) ? `step "${broken.get(fact)}" before it breaks it` : 'no earlier step makes it';
      throw new PipelineOrderError(`pipeline step "${step.name}" needs "${fact}", but ${why}`, step.name, fact);
    }
    for (const fact of step.breaks ?? []) {
      if (holding.delete(fact)) broken.set(fact, step.name);
    }
    for (const fact of step.makes ?? []) {
      holding.set(fact, step.name);
      broken.delete(fact);
    }
  }
  return [...holding.keys()];
}

/** The steps of `stages`, in order. */
export function stepsOf(stages: readonly Stage[]): Step[] {
  return stages.flatMap((stage) => [...stage.steps]);
}

/** The steps as a plugin list for `unified().use()` (after checking their order). */
export function pluginsOf(steps: readonly Step[], given: readonly Fact[] = []): PluggableList {
  checkOrder(steps, given);
  return steps.map((step) => [...step.use] as Pluggable);
}
