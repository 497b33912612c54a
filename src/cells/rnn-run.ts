/**
 * Execute a validated `rnn` cell: train the character model, then compute what its
 * `show` items ask for. The result is plain data (worker boundary, cache).
 */
import {
  charGradientCheck,
  charJacobianNorms,
  charModelParameters,
  sampleText,
  trainCharModel,
  type CharModel,
  type CharTrainingOptions,
} from '../numeric/rnn/index.js';
import type { RnnCellSpec } from './spec.js';

/** A named parameter matrix (`U` is hidden × vocabulary). */
export interface ParameterMatrix {
  name: string;
  values: number[][];
}

/** What an `rnn` cell computed. */
export interface RnnResult {
  kind: 'rnn';
  /** The alphabet, sorted by code point. */
  vocabulary: string[];
  /** Mean cross-entropy (nats per character) per epoch. */
  loss: number[];
  /** One per `sample` item: the generated characters. */
  samples: string[][];
  gradientCheck?: { steps: number; rows: Array<{ parameter: string; maxRelativeError: number; checked: number }> };
  /** ‖∂s_T/∂s_{T−k}‖₂ for k = 0…steps, for a tanh RNN and an LSTM of the same size on the same text. */
  gradients?: { rnn: number[]; lstm: number[] };
  parameters?: ParameterMatrix[];
}

/** Gradient checks look at every entry of small models and a seeded sample of large ones. */
const CHECK_ALL_UP_TO = 4000;
const CHECK_SAMPLE = 200;

function trainingOptions(spec: RnnCellSpec, cell: 'rnn' | 'lstm'): CharTrainingOptions {
  return {
    cell,
    ...(cell === 'rnn' ? { activation: cell === spec.cell ? spec.activation : 'tanh' } : {}),
    hidden: spec.hidden,
    bptt: spec.bptt ?? 'full',
    epochs: spec.train.epochs,
    learningRate: spec.train.learningRate,
    optimizer: spec.train.optimizer,
    clip: spec.train.clip,
    seed: spec.train.seed,
  };
}

function matrixRows(values: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(values.subarray(i * cols, (i + 1) * cols)));
}

function parameterMatrices(model: CharModel): ParameterMatrix[] {
  if (model.cell === 'rnn') {
    const { U, W, V } = model.rnn;
    return [U, W, V].map((m, i) => ({ name: ['U', 'W', 'V'][i]!, values: matrixRows(m.data, m.rows, m.cols) }));
  }
  const { Wf, Wi, Wc, Wo, Vy } = model.lstm;
  return [Wf, Wi, Wc, Wo, Vy].map((m, i) => ({ name: ['Wf', 'Wi', 'Wc', 'Wo', 'Vy'][i]!, values: matrixRows(m.data, m.rows, m.cols) }));
}

function jacobianNorms(model: CharModel, text: string, steps: number): number[] {
  return charJacobianNorms(model, text, steps, true).map((norm) => norm.spectral ?? norm.frobenius);
}

/** Run an `rnn` cell (synchronously, in the calling thread). */
export function runRnn(spec: RnnCellSpec): RnnResult {
  const trained = trainCharModel(spec.text, trainingOptions(spec, spec.cell));
  const model = trained.model;
  const result: RnnResult = { kind: 'rnn', vocabulary: [...model.vocabulary], loss: trained.lossPerEpoch, samples: [] };
  for (const item of spec.show) {
    switch (item.item) {
      case 'sample':
        result.samples.push(sampleText(model, { length: item.length, prime: item.prime, temperature: item.temperature, seed: item.seed }));
        break;
      case 'gradient-check': {
        const size = charModelParameters(model).reduce((sum, parameter) => sum + parameter.values.length, 0);
        const steps = Math.min(25, [...spec.text].length - 1);
        const rows = charGradientCheck(model, spec.text, { steps, ...(size > CHECK_ALL_UP_TO ? { entries: CHECK_SAMPLE, seed: spec.train.seed } : {}) });
        result.gradientCheck = { steps, rows: rows.map((row) => ({ parameter: row.parameter, maxRelativeError: row.maxRelativeError, checked: row.checked })) };
        break;
      }
      case 'gradients': {
        // The comparison model: the same size, data and training, the other kind of cell.
        const other = trainCharModel(spec.text, trainingOptions(spec, spec.cell === 'rnn' ? 'lstm' : 'rnn')).model;
        const mine = jacobianNorms(model, spec.text, item.steps);
        const theirs = jacobianNorms(other, spec.text, item.steps);
        result.gradients = spec.cell === 'rnn' ? { rnn: mine, lstm: theirs } : { rnn: theirs, lstm: mine };
        break;
      }
      case 'parameters':
        result.parameters = parameterMatrices(model);
        break;
      default:
        break;
    }
  }
  return result;
}
