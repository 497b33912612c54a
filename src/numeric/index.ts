/**
 * `mlpost/numeric`: the numeric core behind the cells, as a post's author or reader would
 * call it — dense matrices, one seeded generator, discrete HMMs (forward, backward,
 * Viterbi, Baum–Welch, counting), vanilla RNNs and LSTMs with their gradients, optimizers,
 * gradient checks and the character model. No imports from outside this folder, so it runs
 * in a worker or a browser.
 *
 * The tuned kernels and their plain reference versions (`forwardKernel`, `viterbiPlain` …)
 * stay inside: they are tested against each other, not promised to users.
 * `test/api/exports.test.ts` pins this list.
 */
export { zeros, fromRows, toRows, identity, transpose, multiply, matVec, frobeniusNorm, spectralNorm, type Matrix } from './matrix.js';
export { logSumExp, logAddExp, softmax, logSoftmax } from './stable.js';
export { Random } from './random.js';
export { NUMERIC_CORE_VERSION } from './version.js';

// Hidden Markov models.
export { createHmm, validateHmm, type Hmm, type Sequence } from './hmm/model.js';
export { forward, forwardLog, forwardUnscaled, likelihood, type ScaledForward } from './hmm/forward.js';
export { backward, backwardLog, backwardUnscaled, posterior, type Posterior } from './hmm/backward.js';
export { viterbi, type ViterbiResult } from './hmm/viterbi.js';
export { baumWelch, randomHmm, type BaumWelchOptions, type BaumWelchResult } from './hmm/baum-welch.js';
export { estimateByCounting, type LabelledSequence, type CountingEstimate } from './hmm/counting.js';
export { sampleHmm } from './hmm/sample.js';

// Recurrent networks.
export { createRnn, rnnForward, zeroGradients, type Activation, type RnnModel, type RnnForward, type RnnGradients } from './rnn/rnn.js';
export { rnnGradients } from './rnn/rnn-kernel.js';
export { createLstm, lstmForward, lstmGradients, type LstmModel, type LstmForward, type LstmInputs } from './rnn/lstm.js';
export { createOptimizer, clipByValue, type Optimizer, type OptimizerKind } from './rnn/optimizers.js';
export { gradientCheck, rnnGradientCheck, lstmGradientCheck, type GradientCheckRow, type GradientCheckOptions } from './rnn/gradient-check.js';
export { rnnJacobianNorms, lstmJacobianNorms, type JacobianNorm } from './rnn/jacobian.js';
export {
  trainCharModel,
  sampleText,
  vocabularyOf,
  encodeText,
  charGradientCheck,
  charJacobianNorms,
  type CharModel,
  type CharTrainingOptions,
  type CharTrainingResult,
  type SampleOptions,
} from './rnn/char-model.js';
