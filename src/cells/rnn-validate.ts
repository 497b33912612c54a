/**
 * `rnn` cells: YAML value → validated {@link RnnCellSpec}, or problems at their places.
 * The training text comes inline (`text:`) or from a file next to the post (`file:`),
 * read through the caller's `readText` so that validation stays pure.
 */
import { z } from 'zod';
import { CELL_LIMITS as L } from './limits.js';
import type { CellProblem } from './problems.js';
import { parseShow } from './show-items.js';
import type { RnnCellSpec, RnnShowItem } from './spec.js';
import type { YamlSource } from './yaml-source.js';
import { zodProblems } from './zod-problems.js';

const seed = z.int().min(0).max(0xffffffff);

/** The schema of an `rnn` cell body. */
export const rnnSchema = z.strictObject({
  cell: z.enum(['rnn', 'lstm']).default('rnn'),
  activation: z.enum(['tanh', 'relu']).optional(),
  text: z.string().min(2).max(L.textLength).optional(),
  file: z.string().min(1).optional(),
  hidden: z.int().min(1).max(L.hidden).default(16),
  bptt: z.union([z.int().min(1).max(L.bptt), z.literal('full')], { error: `must be a number of steps (1 to ${L.bptt}) or "full"` }).default('full'),
  train: z
    .strictObject({
      epochs: z.int().min(1).max(L.epochs).default(100),
      learning_rate: z.number().positive().max(100).default(0.1),
      optimizer: z.enum(['sgd', 'adagrad']).default('adagrad'),
      clip: z.number().min(0).default(5),
      seed: seed.default(1),
    })
    .default({ epochs: 100, learning_rate: 0.1, optimizer: 'adagrad', clip: 5, seed: 1 }),
  show: z.unknown().optional(),
});

const bare = z.undefined();
const RNN_SHOW = {
  loss: bare,
  sample: z
    .strictObject({
      length: z.int().min(1).max(L.sampleLength).default(80),
      prime: z.string().default(''),
      temperature: z.number().positive().max(100).default(1),
      seed: seed.default(1),
    })
    .optional()
    .transform((options) => options ?? { length: 80, prime: '', temperature: 1, seed: 1 }),
  'gradient-check': bare,
  gradients: z
    .strictObject({ steps: z.int().min(1).max(L.gradientSteps).default(20) })
    .optional()
    .transform((options) => options ?? { steps: 20 }),
  unroll: z.int().min(1).max(L.unroll).optional().transform((steps) => steps ?? 4),
  parameters: bare,
} satisfies Record<string, z.ZodType>;

/** The names that `show` accepts in an `rnn` cell. */
export const RNN_SHOW_ITEMS = Object.keys(RNN_SHOW);

/** Reads a file named by `file:` (relative to the post); throws when it cannot. */
export type ReadText = (path: string) => string;

/** Validate an `rnn` body. */
export function validateRnn(source: YamlSource, readText?: ReadText): { spec?: RnnCellSpec; problems: CellProblem[] } {
  if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) {
    return { problems: [{ ruleId: 'cell-type', message: 'the cell body must be a YAML map of keys such as "text", "hidden", "show"', place: { line: 1, column: 1 } }] };
  }
  const parsed = rnnSchema.safeParse(source.value);
  const show = parseShow((source.value as { show?: unknown }).show, source, RNN_SHOW);
  if (!parsed.success) return { problems: [...zodProblems(rnnSchema, parsed.error.issues, source), ...show.problems] };
  const input = parsed.data;
  const problems: CellProblem[] = [...show.problems];
  const add = (ruleId: CellProblem['ruleId'], message: string, path: ReadonlyArray<string | number>): void => {
    problems.push({ ruleId, message, place: source.valueAt(path) });
  };

  if (input.activation !== undefined && input.cell === 'lstm') add('cell-conflict', '"activation" is for "cell: rnn"; an LSTM uses its own gates', ['activation']);

  let text: string | undefined = input.text;
  if ((input.text === undefined) === (input.file === undefined)) {
    add(input.text === undefined ? 'cell-missing-key' : 'cell-conflict', 'give the training text as exactly one of "text" or "file"', []);
  } else if (input.file !== undefined) {
    if (/^([a-z]+:|\/|\\)/i.test(input.file) || input.file.split(/[\\/]/).includes('..')) {
      add('cell-file', `"file" must be a path inside the post's folder, not "${input.file}"`, ['file']);
    } else if (!readText) {
      add('cell-file', `cannot read "${input.file}": this render has no folder to read from`, ['file']);
    } else {
      try {
        text = readText(input.file);
        if (text.length < 2) add('cell-file', `"${input.file}" has fewer than 2 characters`, ['file']);
        if (text.length > L.textLength) add('cell-limit', `"${input.file}" has ${text.length} characters; at most ${L.textLength}`, ['file']);
      } catch (error) {
        add('cell-file', `cannot read "${input.file}": ${(error as Error).message.replace(/^[A-Z]+: /, '')}`, ['file']);
      }
    }
  }

  if (text !== undefined) {
    const vocabulary = new Set(text).size;
    if (vocabulary > L.vocabulary) add('cell-limit', `the text has ${vocabulary} distinct characters; at most ${L.vocabulary}`, [input.text !== undefined ? 'text' : 'file']);
    const perCell = input.train.epochs * text.length * input.hidden * (input.hidden + vocabulary);
    // `gradients` trains the other kind of cell too (an LSTM costs four RNNs).
    const comparing = show.entries.some((entry) => entry.name === 'gradients');
    const work = comparing ? perCell * 5 : perCell * (input.cell === 'lstm' ? 4 : 1);
    if (work > L.trainingWork) {
      add('cell-limit', `training would take about ${work.toExponential(1)} multiply–adds (epochs × characters × hidden × (hidden + vocabulary)); the limit is ${L.trainingWork.toExponential(0)}: lower "train.epochs", "hidden" or the text length`, ['train', 'epochs']);
    }
  }

  const items: RnnShowItem[] = [];
  for (const entry of show.entries) {
    const options = entry.options as Record<string, unknown> | number;
    switch (entry.name) {
      case 'sample': {
        const sample = options as { length: number; prime: string; temperature: number; seed: number };
        const unknown = [...sample.prime].filter((c) => text !== undefined && !text.includes(c));
        if (unknown.length > 0) {
          problems.push({ ruleId: 'cell-unknown-name', message: `"prime" uses ${unknown.map((c) => JSON.stringify(c)).join(', ')}, which the training text never does`, place: entry.place });
        }
        items.push({ item: 'sample', ...sample });
        break;
      }
      case 'gradients':
        items.push({ item: 'gradients', steps: (options as { steps: number }).steps });
        break;
      case 'unroll':
        items.push({ item: 'unroll', steps: options as number });
        break;
      default:
        items.push({ item: entry.name } as RnnShowItem);
    }
  }
  if ((source.value as { show?: unknown }).show === undefined) {
    items.push({ item: 'loss' }, { item: 'sample', length: 80, prime: '', temperature: 1, seed: 1 });
  }

  if (problems.length > 0 || text === undefined) return { problems };
  return {
    spec: {
      kind: 'rnn',
      cell: input.cell,
      activation: input.activation ?? 'tanh',
      text,
      hidden: input.hidden,
      bptt: input.bptt === 'full' ? null : input.bptt,
      train: {
        epochs: input.train.epochs,
        learningRate: input.train.learning_rate,
        optimizer: input.train.optimizer,
        clip: input.train.clip,
        seed: input.train.seed,
      },
      show: items,
    },
    problems,
  };
}
