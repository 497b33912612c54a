export * from './rnn.js';
export * from './rnn-kernel.js';
export * from './lstm.js';
export * from './optimizers.js';
export * from './gradient-check.js';
export * from './jacobian.js';
export * from './char-model.js';
