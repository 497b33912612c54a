/**
 * Validated, normalised cells: what the runner executes. Names are resolved to indices,
 * defaults filled in; everything is plain JSON (it crosses into a worker and into the
 * cache key).
 */

/** A probability model with named states and symbols. */
export interface HmmParameters {
  start: number[];
  transition: number[][];
  emission: number[][];
}

/** One `show` item with its options. */
export type HmmShowItem =
  | { item: 'diagram' | 'likelihood' | 'viterbi' | 'posterior' | 'trellis' | 'start' | 'transition' | 'emission' | 'learning-curve' }
  | { item: 'sample'; length: number; seed: number };

/** How the model is learned. */
export type HmmLearning =
  | { method: 'baum-welch'; sequences: number[][]; iterations: number; tolerance: number; restarts: number; seed: number }
  | { method: 'counting'; labelled: Array<{ states: number[]; symbols: number[] }>; smoothing: number };

/** A validated `hmm` cell. */
export interface HmmCellSpec {
  kind: 'hmm';
  states: string[];
  symbols: string[];
  /** Given model (absent when learned). */
  model?: HmmParameters;
  learn?: HmmLearning;
  /** Observation indices the queries are about. */
  observe?: number[];
  show: HmmShowItem[];
}

/** One `show` item of an `rnn` cell. */
export type RnnShowItem =
  | { item: 'loss' }
  | { item: 'sample'; length: number; prime: string; temperature: number; seed: number }
  | { item: 'gradient-check' }
  | { item: 'gradients'; steps: number }
  | { item: 'unroll'; steps: number }
  | { item: 'parameters' };

/** A validated `rnn` cell (its `file:` already read into `text`). */
export interface RnnCellSpec {
  kind: 'rnn';
  cell: 'rnn' | 'lstm';
  activation: 'tanh' | 'relu';
  text: string;
  hidden: number;
  /** Truncation length; `null` = full BPTT. */
  bptt: number | null;
  train: { epochs: number; learningRate: number; optimizer: 'sgd' | 'adagrad'; clip: number; seed: number };
  show: RnnShowItem[];
}

/** Either kind of cell. */
export type CellSpec = HmmCellSpec | RnnCellSpec;
