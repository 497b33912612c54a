/**
 * A Viterbi trellis: states down, time across; every node δ_t(i) is joined to its best
 * predecessor (the back-pointer), and the most likely path is drawn over them in the
 * highlight colour.
 */
import { h, s } from 'hastscript';
import type { Element } from 'hast';
import { coordinate } from './svg-number.js';
import { dataDetails, dataTable, type TableValue } from './data-table.js';
import { FONT, HIGHLIGHT } from './theme.js';
import { displayNumber } from './number-format.js';

/** What to draw. */
export interface TrellisOptions {
  title: string;
  description?: string;
  /** State names (rows). */
  states: readonly string[];
  /** One label per time step (the observed symbol). */
  steps: readonly string[];
  /** log δ_t(i): T × N, the log-probability of the best path ending in state i at time t. */
  logDelta: ReadonlyArray<readonly number[]>;
  /** ψ_t(i): T × N, the best predecessor of state i at time t (row 0 is ignored). */
  backPointers: ReadonlyArray<readonly number[]>;
  /** The most likely state path, T state indices. */
  path: readonly number[];
}

/** δ as a probability when it is representable, else its logarithm, for the node label. */
function nodeLabel(logDelta: number): string {
  const p = Math.exp(logDelta);
  return p > 0 ? displayNumber(p, 3) : `log ${displayNumber(logDelta, 3)}`;
}

/** Draw a trellis; the result is `<div class="mlpost-chart mlpost-chart-trellis">`. */
export function trellis(options: TrellisOptions): Element {
  const T = options.steps.length;
  const N = options.states.length;
  const labelWidth = Math.max(40, ...options.states.map((name) => name.length * 7 + 12));
  const columnGap = Math.max(40, Math.min(110, Math.floor(600 / Math.max(1, T))));
  const rowGap = 64;
  const radius = Math.min(12, columnGap / 4);
  const showValues = columnGap >= 70;
  const left = labelWidth + radius + 8;
  const top = 36;
  const width = left + (T - 1) * columnGap + radius + 40;
  const height = top + (N - 1) * rowGap + radius + 30;
  const x = (t: number): number => left + t * columnGap;
  const y = (i: number): number => top + i * rowGap;

  const survivors: Element[] = [];
  for (let t = 1; t < T; t++) {
    for (let j = 0; j < N; j++) {
      const from = options.backPointers[t]?.[j];
      if (from === undefined || !Number.isFinite(options.logDelta[t]?.[j] ?? NaN)) continue;
      survivors.push(s('line', { x1: coordinate(x(t - 1)), y1: coordinate(y(from)), x2: coordinate(x(t)), y2: coordinate(y(j)) }));
    }
  }
  const best: Element[] = [];
  for (let t = 1; t < options.path.length; t++) {
    best.push(s('line', { x1: coordinate(x(t - 1)), y1: coordinate(y(options.path[t - 1]!)), x2: coordinate(x(t)), y2: coordinate(y(options.path[t]!)) }));
  }

  const nodes: Element[] = [];
  const values: Element[] = [];
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < N; i++) {
      const onPath = options.path[t] === i;
      const logDelta = options.logDelta[t]?.[i] ?? -Infinity;
      nodes.push(
        s('circle', {
          cx: coordinate(x(t)), cy: coordinate(y(i)), r: coordinate(radius),
          stroke: 'currentColor', strokeWidth: onPath ? '2' : '1',
          style: onPath ? `fill:${HIGHLIGHT}` : 'fill:none', fillOpacity: onPath ? '0.6' : undefined,
        }, s('title', `t=${t + 1}, ${options.states[i]}: δ ${nodeLabel(logDelta)}`)),
      );
      if (showValues) values.push(s('text', { x: coordinate(x(t)), y: coordinate(y(i) + radius + 14), textAnchor: 'middle' }, nodeLabel(logDelta)));
    }
  }

  const labels: Element[] = [
    ...options.states.map((name, i) => s('text', { x: coordinate(labelWidth), y: coordinate(y(i) + 4), textAnchor: 'end' }, name)),
    ...options.steps.map((step, t) => s('text', { x: coordinate(x(t)), y: '16', textAnchor: 'middle' }, step)),
  ];

  const svg = s(
    'svg',
    {
      role: 'img',
      viewBox: `0 0 ${coordinate(width)} ${coordinate(height)}`,
      width: coordinate(width),
      height: coordinate(height),
      style: 'max-width:100%;height:auto',
      className: ['mlpost-chart-svg'],
    },
    [
      s('title', options.title),
      s('desc', options.description ?? `Viterbi trellis over ${T} steps and ${N} states; the highlighted path is ${options.path.map((i) => options.states[i]).join(', ')}.`),
      s('g', { className: ['mlpost-chart-survivors'], stroke: 'currentColor', strokeOpacity: '0.35', strokeWidth: '1' }, survivors),
      s('g', { className: ['mlpost-chart-best-path'], style: `stroke:${HIGHLIGHT}`, strokeWidth: '3', strokeLinecap: 'round' }, best),
      s('g', { className: ['mlpost-chart-nodes'] }, nodes),
      s('g', { className: ['mlpost-chart-labels'], fill: 'currentColor', ...FONT }, [...labels, ...values]),
    ],
  );
  const rows: TableValue[][] = options.steps.map((step, t) => [
    t + 1,
    step,
    ...options.states.map((_, i) => options.logDelta[t]?.[i]),
    options.states[options.path[t]!] ?? '',
  ]);
  const table = dataTable(
    [{ header: 't' }, { header: 'observed' }, ...options.states.map((name) => ({ header: `log δ ${name}`, kind: 'log-probability' as const })), { header: 'best path' }],
    rows,
    options.title,
  );
  return h('div', { className: ['mlpost-chart', 'mlpost-chart-trellis'] }, [svg, dataDetails(`Data: ${options.title}`, table)]);
}
