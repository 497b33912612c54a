/**
 * `hmm` cells: YAML value → validated {@link HmmCellSpec}, or problems at their places.
 * Zod checks the shape; the rules that need the whole model (row sums, names, sizes,
 * given-or-learned) are checked here by hand.
 */
import { z } from 'zod';
import { CELL_LIMITS as L } from './limits.js';
import type { CellProblem } from './problems.js';
import { parseShow } from './show-items.js';
import type { HmmCellSpec, HmmLearning, HmmParameters, HmmShowItem } from './spec.js';
import { didYouMean } from './suggest.js';
import type { YamlSource } from './yaml-source.js';
import { zodProblems } from './zod-problems.js';

/** How far a probability row may be from summing to 1. */
export const PROBABILITY_TOLERANCE = 1e-9;

const name = z.union([z.string().min(1), z.number()], { error: 'must be a name' });
const names = z.array(name);

/** The schema of an `hmm` cell body. */
export const hmmSchema = z.strictObject({
  states: z.union([z.array(name).min(1).max(L.states), z.int().min(1).max(L.states)], {
    error: 'must be a list of state names or a number of states',
  }),
  symbols: z.array(name).min(1).max(L.symbols),
  start: z.array(z.number()).optional(),
  transition: z.array(z.array(z.number())).optional(),
  emission: z.array(z.array(z.number())).optional(),
  observe: names.min(1).max(L.observeLength).optional(),
  learn: z
    .strictObject({
      from: z.array(names.min(1)).min(1).optional(),
      labelled: z.array(z.strictObject({ states: names.min(1), symbols: names.min(1) })).min(1).optional(),
      iterations: z.int().min(1).max(L.iterations).default(100),
      tolerance: z.number().min(0).default(1e-6),
      restarts: z.int().min(1).max(L.restarts).default(1),
      seed: z.int().min(0).max(0xffffffff).default(1),
      smoothing: z.number().min(0).default(0),
    })
    .optional(),
  show: z.unknown().optional(),
});

const bare = z.undefined();
const HMM_SHOW = {
  diagram: bare,
  likelihood: bare,
  viterbi: bare,
  posterior: bare,
  trellis: bare,
  start: bare,
  transition: bare,
  emission: bare,
  'learning-curve': bare,
  sample: z
    .strictObject({ length: z.int().min(1).max(L.sampleLength).default(20), seed: z.int().min(0).max(0xffffffff).default(1) })
    .optional()
    .transform((options) => options ?? { length: 20, seed: 1 }),
} satisfies Record<string, z.ZodType>;

/** The names that `show` accepts in an `hmm` cell. */
export const HMM_SHOW_ITEMS = Object.keys(HMM_SHOW);

type HmmInput = z.infer<typeof hmmSchema>;

/** Validate an `hmm` body. */
export function validateHmm(source: YamlSource): { spec?: HmmCellSpec; problems: CellProblem[] } {
  if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) {
    return { problems: [{ ruleId: 'cell-type', message: 'the cell body must be a YAML map of keys such as "states", "symbols", "show"', place: { line: 1, column: 1 } }] };
  }
  const parsed = hmmSchema.safeParse(source.value);
  const show = parseShow((source.value as { show?: unknown }).show, source, HMM_SHOW);
  if (!parsed.success) return { problems: [...zodProblems(hmmSchema, parsed.error.issues, source), ...show.problems] };
  const input = parsed.data;
  const problems: CellProblem[] = [...show.problems];
  const add = (ruleId: CellProblem['ruleId'], message: string, path: ReadonlyArray<string | number>): void => {
    problems.push({ ruleId, message, place: source.valueAt(path) });
  };

  const stateNames = typeof input.states === 'number' ? Array.from({ length: input.states }, (_, i) => `S${i + 1}`) : input.states.map(String);
  const symbolNames = input.symbols.map(String);
  checkUnique(stateNames, 'states', typeof input.states !== 'number', add);
  checkUnique(symbolNames, 'symbols', true, add);

  const indexIn = (list: string[], what: 'state' | 'symbol', declared: string) => (value: string | number, path: Array<string | number>): number => {
    const index = list.indexOf(String(value));
    if (index < 0) add('cell-unknown-name', `unknown ${what} "${String(value)}"${didYouMean(String(value), list)}; "${declared}" declares ${list.join(', ')}`, path);
    return index;
  };
  const symbolIndex = indexIn(symbolNames, 'symbol', 'symbols');
  const stateIndex = indexIn(stateNames, 'state', 'states');

  const model = checkModel(input, stateNames.length, symbolNames.length, add);
  const learn = checkLearning(input, stateNames.length, symbolIndex, stateIndex, add);
  const observe = input.observe?.map((symbol, t) => symbolIndex(symbol, ['observe', t]));

  const items: HmmShowItem[] = [];
  const learned = learn !== undefined;
  for (const entry of show.entries) {
    const needsObserve = ['likelihood', 'viterbi', 'posterior', 'trellis'].includes(entry.name);
    if (needsObserve && observe === undefined) {
      problems.push({ ruleId: 'cell-missing-key', message: `"${entry.name}" is about an observed sequence: add "observe: [...]"`, place: entry.place });
      continue;
    }
    if (entry.name === 'trellis' && observe !== undefined && observe.length > L.trellisSteps) {
      problems.push({ ruleId: 'cell-limit', message: `"trellis" draws at most ${L.trellisSteps} steps; "observe" has ${observe.length}`, place: entry.place });
      continue;
    }
    if (entry.name === 'learning-curve' && learn?.method !== 'baum-welch') {
      problems.push({ ruleId: 'cell-conflict', message: '"learning-curve" shows Baum–Welch iterations: it needs "learn: {from: [...]}"', place: entry.place });
      continue;
    }
    items.push(entry.name === 'sample' ? { item: 'sample', ...(entry.options as { length: number; seed: number }) } : ({ item: entry.name } as HmmShowItem));
  }
  if ((source.value as { show?: unknown }).show === undefined) {
    items.push({ item: 'diagram' });
    if (learned) items.push({ item: 'transition' }, { item: 'emission' });
    if (observe) items.push({ item: 'likelihood' }, { item: 'viterbi' });
  }

  if (problems.length > 0) return { problems };
  const spec: HmmCellSpec = { kind: 'hmm', states: stateNames, symbols: symbolNames, show: items };
  if (model) spec.model = model;
  if (learn) spec.learn = learn;
  if (observe) spec.observe = observe;
  return { spec, problems };
}

type Add = (ruleId: CellProblem['ruleId'], message: string, path: ReadonlyArray<string | number>) => void;

function checkUnique(list: string[], key: string, named: boolean, add: Add): void {
  if (!named) return;
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item)) add('cell-duplicate-name', `"${key}" names "${item}" twice`, [key, i]);
    seen.add(item);
  });
}

/** Check one probability vector: finite, in [0, 1], summing to 1. */
function checkDistribution(row: readonly number[], label: string, path: Array<string | number>, add: Add): void {
  const bad = row.findIndex((p) => !Number.isFinite(p) || p < 0 || p > 1);
  if (bad >= 0) {
    add('cell-probability-row', `${label} has ${row[bad]} at position ${bad + 1}; probabilities lie between 0 and 1`, [...path, bad]);
    return;
  }
  const sum = row.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
    add('cell-probability-row', `${label} sums to ${Number(sum.toPrecision(12))}, expected 1`, path);
  }
}

function checkModel(input: HmmInput, N: number, M: number, add: Add): HmmParameters | undefined {
  const given = (['start', 'transition', 'emission'] as const).filter((key) => input[key] !== undefined);
  if (input.learn) {
    for (const key of given) add('cell-conflict', `a model is either given or learned: remove "${key}" or "learn"`, [key]);
    return undefined;
  }
  for (const key of ['start', 'transition', 'emission'] as const) {
    if (input[key] === undefined) add('cell-missing-key', `missing key "${key}" (or "learn" to learn the model from data)`, []);
  }
  if (given.length < 3) return undefined;
  const start = input.start!;
  const transition = input.transition!;
  const emission = input.emission!;
  let shapeOk = true;
  const shape = (ok: boolean, message: string, path: Array<string | number>): void => {
    if (!ok) {
      shapeOk = false;
      add('cell-shape', message, path);
    }
  };
  shape(start.length === N, `"start" has ${start.length} entries; there are ${N} states`, ['start']);
  shape(transition.length === N, `"transition" has ${transition.length} rows; there are ${N} states`, ['transition']);
  transition.forEach((row, i) => shape(row.length === N, `"transition" row ${i + 1} has ${row.length} entries; there are ${N} states`, ['transition', i]));
  shape(emission.length === N, `"emission" has ${emission.length} rows; there are ${N} states`, ['emission']);
  emission.forEach((row, i) => shape(row.length === M, `"emission" row ${i + 1} has ${row.length} entries; there are ${M} symbols`, ['emission', i]));
  if (!shapeOk) return undefined;
  checkDistribution(start, '"start"', ['start'], add);
  transition.forEach((row, i) => checkDistribution(row, `transition row ${i + 1}`, ['transition', i], add));
  emission.forEach((row, i) => checkDistribution(row, `emission row ${i + 1}`, ['emission', i], add));
  return { start, transition, emission };
}

function checkLearning(
  input: HmmInput,
  N: number,
  symbolIndex: (value: string | number, path: Array<string | number>) => number,
  stateIndex: (value: string | number, path: Array<string | number>) => number,
  add: Add,
): HmmLearning | undefined {
  const learn = input.learn;
  if (!learn) return undefined;
  if ((learn.from === undefined) === (learn.labelled === undefined)) {
    add('cell-conflict', '"learn" needs exactly one of "from" (unlabelled sequences, Baum–Welch) or "labelled" (state and symbol sequences, counting)', ['learn']);
    return undefined;
  }
  if (learn.from) {
    const total = learn.from.reduce((sum, sequence) => sum + sequence.length, 0);
    if (total > L.trainingLength) add('cell-limit', `"learn.from" has ${total} symbols; at most ${L.trainingLength}`, ['learn', 'from']);
    const sequences = learn.from.map((sequence, s) => sequence.map((symbol, t) => symbolIndex(symbol, ['learn', 'from', s, t])));
    return { method: 'baum-welch', sequences, iterations: learn.iterations, tolerance: learn.tolerance, restarts: learn.restarts, seed: learn.seed };
  }
  if (typeof input.states === 'number') {
    add('cell-type', '"learn.labelled" names states: declare them by name, as in "states: [Rainy, Sunny]"', ['states']);
    return undefined;
  }
  const labelled = learn.labelled!;
  const total = labelled.reduce((sum, pair) => sum + pair.symbols.length, 0);
  if (total > L.trainingLength) add('cell-limit', `"learn.labelled" has ${total} symbols; at most ${L.trainingLength}`, ['learn', 'labelled']);
  void N;
  return {
    method: 'counting',
    smoothing: learn.smoothing,
    labelled: labelled.map((pair, s) => {
      if (pair.states.length !== pair.symbols.length) {
        add('cell-shape', `"learn.labelled" item ${s + 1} has ${pair.states.length} states but ${pair.symbols.length} symbols`, ['learn', 'labelled', s]);
      }
      return {
        states: pair.states.map((state, t) => stateIndex(state, ['learn', 'labelled', s, 'states', t])),
        symbols: pair.symbols.map((symbol, t) => symbolIndex(symbol, ['learn', 'labelled', s, 'symbols', t])),
      };
    }),
  };
}
