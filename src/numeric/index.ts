/**
 * mlpost's numeric core: dense matrices over Float64Array, numerically careful
 * helpers, one seeded generator (sfc32), discrete HMMs, vanilla RNNs and LSTMs.
 * No imports from outside this folder, so it runs in a worker or a browser.
 */
export * from './matrix.js';
export * from './stable.js';
export * from './random.js';
export * from './version.js';
export * from './hmm/index.js';
export * from './rnn/index.js';
