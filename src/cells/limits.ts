/**
 * Documented limits of cells. A cell past one is refused with `cell-limit` before it runs,
 * so that a typo (`hidden: 100000`) costs an error message, not a hung build.
 */
export const CELL_LIMITS = {
  /** hmm: hidden states. */
  states: 32,
  /** hmm: observation symbols. */
  symbols: 256,
  /** hmm: length of `observe`. */
  observeLength: 10_000,
  /** hmm: steps drawn in a `trellis`. */
  trellisSteps: 60,
  /** hmm: total length of the sequences in `learn.from` / `learn.labelled`. */
  trainingLength: 100_000,
  /** hmm: Baum–Welch iterations. */
  iterations: 10_000,
  /** hmm: Baum–Welch random restarts. */
  restarts: 64,
  /** hmm and rnn: length of a `sample`. */
  sampleLength: 10_000,
  /** rnn: hidden units. */
  hidden: 256,
  /** rnn: characters of training text. */
  textLength: 20_000,
  /** rnn: distinct characters of the text. */
  vocabulary: 256,
  /** rnn: training epochs. */
  epochs: 20_000,
  /** rnn: truncation length of BPTT. */
  bptt: 1_000,
  /** rnn: `gradients: {steps}`. */
  gradientSteps: 500,
  /** rnn: `unroll: N`. */
  unroll: 12,
  /**
   * rnn: multiply–adds of training (epochs × characters × hidden × (hidden + vocabulary),
   * four times that for an LSTM). 4e9 is about a minute of one core.
   */
  trainingWork: 4e9,
  /** Fence `timeout`, seconds. */
  timeoutSeconds: 600,
} as const;

/** Default fence `timeout`, seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 30;
