/**
 * An executed `rnn` cell → one `data-show` part per `show` item, in order.
 */
import { h } from 'hastscript';
import type { Element } from 'hast';
import { heatDomain, heatMap } from '../charts/heat-map.js';
import { lineChart } from '../charts/line-chart.js';
import { renderDiagram } from './diagram.js';
import { num, resultLine, sequenceList, showPart } from './markup.js';
import type { RenderContext } from './render-context.js';
import { unrollDot } from './rnn-diagram.js';
import type { RnnResult } from './rnn-run.js';
import type { RnnCellSpec } from './spec.js';

/** A character as people can see it: space and line breaks made visible. */
export function visibleChar(char: string): string {
  if (char === ' ') return '␣';
  if (char === '\n') return '↵';
  if (char === '\t') return '⇥';
  return char;
}

function cellName(spec: RnnCellSpec): string {
  return spec.cell === 'lstm' ? 'LSTM' : `${spec.activation} RNN`;
}

/** Axis labels of a parameter matrix: hidden units and characters. */
function axesOf(name: string, hidden: number, vocabulary: readonly string[]): { rows: string[]; columns: string[]; shape: string } {
  const units = Array.from({ length: hidden }, (_, i) => `h${i + 1}`);
  const chars = vocabulary.map((c) => `'${visibleChar(c)}'`);
  if (name === 'U') return { rows: units, columns: chars, shape: 'hidden × vocabulary' };
  if (name === 'W') return { rows: units, columns: units, shape: 'hidden × hidden' };
  if (name === 'V' || name === 'Vy') return { rows: chars, columns: units, shape: 'vocabulary × hidden' };
  // LSTM gates act on [h_{t−1}; x_t].
  return { rows: units, columns: [...units.map((u) => `${u}₋₁`), ...chars], shape: 'hidden × (hidden + vocabulary)' };
}

/** Render every `show` item of an executed `rnn` cell. */
export function renderRnn(spec: RnnCellSpec, result: RnnResult, context: RenderContext): Element[] {
  const parts: Element[] = [];
  let sampleIndex = 0;
  for (const item of spec.show) {
    switch (item.item) {
      case 'loss': {
        const last = result.loss[result.loss.length - 1]!;
        parts.push(
          showPart('loss', [
            resultLine([
              `Mean cross-entropy after ${result.loss.length} epochs: `, num(last), ' nats per character (a model that knows nothing scores ln ',
              String(result.vocabulary.length), ' = ', num(Math.log(result.vocabulary.length)), ').',
            ]),
            lineChart({
              title: `Training loss of the ${cellName(spec)}`,
              description: `Mean cross-entropy per character over ${result.loss.length} epochs, from ${result.loss[0]!.toFixed(3)} to ${last.toFixed(3)}.`,
              xLabel: 'epoch',
              yLabel: 'loss',
              xInteger: true,
              series: [{ name: 'loss', points: result.loss.map((value, e) => [e + 1, value] as const) }],
            }),
          ]),
        );
        break;
      }
      case 'sample': {
        const chars = result.samples[sampleIndex++]!;
        parts.push(
          showPart('sample', [
            resultLine([
              `${chars.length} characters sampled after `, h('q', item.prime), ` (temperature `, num(item.temperature), `, seed ${item.seed}): `,
              h('q', { className: ['mlpost-sample-text'] }, item.prime + chars.join('')),
            ]),
            sequenceList(chars.map(visibleChar), 'Sampled characters', (t) => ({ dataChar: chars[t]! })),
          ]),
        );
        break;
      }
      case 'gradient-check': {
        const check = result.gradientCheck!;
        const caption = `Gradient check: analytic BPTT gradients against centred differences (full BPTT over ${check.steps} steps); largest relative error per parameter`;
        parts.push(
          showPart('gradient-check', [
            h('table', { className: ['mlpost-matrix'] }, [
              h('caption', caption),
              h('thead', h('tr', [h('th', { scope: 'col' }, 'parameter'), h('th', { scope: 'col' }, 'max relative error')])),
              h('tbody', check.rows.map((row) => h('tr', { title: `${row.checked} entries checked` }, [h('th', { scope: 'row' }, row.parameter), h('td', num(row.maxRelativeError))]))),
            ]),
          ]),
        );
        break;
      }
      case 'gradients': {
        const norms = result.gradients!;
        const at = (values: number[]) => values[values.length - 1]!;
        parts.push(
          showPart('gradients', [
            resultLine([
              `After ${item.steps} steps back, ‖∂s`, h('sub', 'T'), '/∂s', h('sub', `T−${item.steps}`), '‖ is ', num(at(norms.rnn)), ' for the tanh RNN and ', num(at(norms.lstm)), ' for the LSTM.',
            ]),
            lineChart({
              title: 'Vanishing gradients: tanh RNN against LSTM',
              description: `Spectral norm of the Jacobian of the state at step T with respect to the state k steps earlier, for k = 0 to ${item.steps}, log scale, for a tanh RNN and an LSTM of ${spec.hidden} units trained on the same text.`,
              xLabel: 'k',
              // Plain SVG text: Unicode subscripts read as the article's s_T / s_{T−k}.
              yLabel: '‖∂sₜ/∂sₜ₋ₖ‖',
              yScale: 'log',
              xInteger: true,
              series: [
                { name: 'rnn', points: norms.rnn.map((value, k) => [k, value] as const) },
                { name: 'lstm', points: norms.lstm.map((value, k) => [k, value] as const) },
              ],
            }),
          ]),
        );
        break;
      }
      case 'unroll': {
        const title = `The ${cellName(spec)} unrolled over ${item.steps} steps: U, W and V are shared by every step`;
        const diagram = renderDiagram(unrollDot(item.steps, spec.cell), context.graph, context.idPrefix('unroll'), title);
        for (const problem of diagram.problems) context.warn(`unroll: ${problem}`);
        parts.push(showPart('unroll', [diagram.element]));
        break;
      }
      case 'parameters': {
        const blocks = result.parameters!.map((matrix) => {
          const axes = axesOf(matrix.name, spec.hidden, result.vocabulary);
          const flat = matrix.values.flat();
          const [lo, hi] = [Math.min(...flat), Math.max(...flat)];
          return h('div', { className: ['mlpost-parameter'] }, [
            resultLine([h('strong', matrix.name), ` (${axes.shape}, ${matrix.values.length} × ${matrix.values[0]?.length ?? 0}): from `, num(lo), ' to ', num(hi)]),
            heatMap({
              title: `${matrix.name} after training`,
              description: `Heat map of ${matrix.name}, ${axes.shape}; values from ${lo.toFixed(3)} to ${hi.toFixed(3)}.`,
              rowLabels: axes.rows,
              columnLabels: axes.columns,
              values: matrix.values,
              domain: heatDomain(matrix.values),
            }),
          ]);
        });
        parts.push(showPart('parameters', blocks));
        break;
      }
    }
  }
  return parts;
}
