/**
 * An executed `hmm` cell → one `data-show` part per `show` item, in order.
 */
import { h } from 'hastscript';
import type { Element } from 'hast';
import { heatMap } from '../charts/heat-map.js';
import { lineChart } from '../charts/line-chart.js';
import { trellis } from '../charts/trellis.js';
import type { HmmResult } from './hmm-run.js';
import { hmmDiagramDot } from './hmm-diagram.js';
import { matrixTable, num, resultLine, sequenceList, showPart, tableWithHeatMap } from './markup.js';
import type { RenderContext } from './render-context.js';
import type { HmmCellSpec } from './spec.js';
import { renderDiagram } from './diagram.js';

function matrixPart(item: 'start' | 'transition' | 'emission', spec: HmmCellSpec, result: HmmResult): Element {
  const { states, symbols } = spec;
  const [caption, rows, columns, values, corner] =
    item === 'start'
      ? ['Start probabilities P(x₁ = state)', ['start'], states, [result.model.start], '']
      : item === 'transition'
        ? ['Transition probabilities P(xₜ₊₁ = column | xₜ = row)', states, states, result.model.transition, 'from \\ to']
        : ['Emission probabilities P(oₜ = column | xₜ = row)', states, symbols, result.model.emission, 'state \\ symbol'];
  const table = matrixTable({ caption, rowLabels: rows, columnLabels: columns, values, corner, kind: 'probability' });
  const heat = heatMap({ title: caption, rowLabels: rows, columnLabels: columns, values, domain: [0, 1], decorative: true });
  return showPart(item, [tableWithHeatMap(table, heat)]);
}

/** Render every `show` item of an executed `hmm` cell. */
export function renderHmm(spec: HmmCellSpec, result: HmmResult, context: RenderContext): Element[] {
  const { states, symbols } = spec;
  const observed = (spec.observe ?? []).map((k) => symbols[k]!);
  const parts: Element[] = [];
  let sampleIndex = 0;
  for (const item of spec.show) {
    switch (item.item) {
      case 'diagram': {
        const title = context.caption ?? `State diagram of the hidden Markov model (${states.join(', ')})`;
        const diagram = renderDiagram(hmmDiagramDot(states, symbols, result.model), context.graph, context.idPrefix('diagram'), title);
        for (const problem of diagram.problems) context.warn(`diagram: ${problem}`);
        parts.push(showPart('diagram', [diagram.element]));
        break;
      }
      case 'likelihood': {
        const like = result.likelihood!;
        parts.push(
          showPart('likelihood', [
            resultLine([`P(${observed.join(', ')}) = `, num(like.probability, 'probability'), '; ln P = ', num(like.logProbability, 'log-probability')]),
          ]),
        );
        break;
      }
      case 'viterbi': {
        const best = result.viterbi!;
        parts.push(
          showPart('viterbi', [
            resultLine(['Most likely state path, ln P(path, observations) = ', num(best.logProbability, 'log-probability'), ':']),
            sequenceList(best.path.map((i) => states[i]!), 'Viterbi path', (t) => ({ title: `t = ${t + 1}, observed ${observed[t]}` })),
          ]),
        );
        break;
      }
      case 'posterior': {
        const gamma = result.posterior!;
        const rows = observed.map((symbol, t) => `${t + 1}: ${symbol}`);
        const caption = 'Posterior P(xₜ = state | observations), forward–backward';
        const table = matrixTable({ caption, rowLabels: rows, columnLabels: states, values: gamma, corner: 't: observed', kind: 'probability' });
        const heat = heatMap({ title: caption, rowLabels: rows, columnLabels: states, values: gamma, domain: [0, 1], decorative: true });
        parts.push(showPart('posterior', [tableWithHeatMap(table, heat)]));
        break;
      }
      case 'trellis': {
        const best = result.viterbi!;
        parts.push(
          showPart('trellis', [
            trellis({
              title: `Viterbi trellis for ${observed.join(', ')}`,
              states,
              steps: observed,
              logDelta: best.logDelta,
              backPointers: best.backPointers,
              path: best.path,
            }),
          ]),
        );
        break;
      }
      case 'start':
      case 'transition':
      case 'emission':
        parts.push(matrixPart(item.item, spec, result));
        break;
      case 'learning-curve': {
        const bw = result.baumWelch!;
        const curve = bw.logLikelihoods;
        const iterations = curve.length - 1;
        const summary = resultLine([
          `Baum–Welch ${bw.converged ? 'converged' : 'stopped at the iteration cap'} after ${iterations} iteration${iterations === 1 ? '' : 's'}`,
          bw.restartLogLikelihoods.length > 1 ? ` (best of ${bw.restartLogLikelihoods.length} restarts: restart ${bw.bestRestart + 1})` : '',
          '; final ln P(data) = ',
          num(curve[curve.length - 1]!, 'log-probability'),
        ]);
        const chart = lineChart({
          title: 'Baum–Welch learning curve',
          description: `Log-likelihood of the training sequences after each of ${iterations} Baum–Welch iterations.`,
          xLabel: 'iteration',
          yLabel: 'log-likelihood',
          xInteger: true,
          series: [{ name: 'log-likelihood', points: curve.map((value, k) => [k, value] as const), kind: 'log-probability' }],
        });
        parts.push(showPart('learning-curve', [summary, chart]));
        break;
      }
      case 'sample': {
        const drawn = result.samples[sampleIndex++]!;
        const steps = drawn.states.map((state, t) =>
          h('span', [h('span', { className: ['mlpost-state'] }, states[state]!), ' → ', h('span', { className: ['mlpost-symbol'] }, symbols[drawn.symbols[t]!]!)]),
        );
        parts.push(
          showPart('sample', [
            resultLine([`A sample of ${item.length} steps (seed ${item.seed}), hidden state → emitted symbol:`]),
            sequenceList(steps, 'Sampled states and symbols', (t) => ({ dataState: states[drawn.states[t]!]!, dataSymbol: symbols[drawn.symbols[t]!]! })),
          ]),
        );
        break;
      }
    }
  }
  return parts;
}
