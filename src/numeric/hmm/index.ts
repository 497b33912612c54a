export * from './model.js';
export * from './forward.js';
export * from './backward.js';
export * from './viterbi.js';
export * from './baum-welch.js';
export * from './counting.js';
export * from './sample.js';
