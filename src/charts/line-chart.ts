/**
 * A line chart: axes with nice ticks, light grid, one path per series (colour and dash),
 * a legend, and the data as a table in a `<details>` under the SVG.
 */
import { h, s } from 'hastscript';
import type { Element } from 'hast';
import { coordinate, polylinePath } from './svg-number.js';
import { linearScale, logScale, type Scale } from './scale.js';
import { dataDetails, dataTable, type TableValue } from './data-table.js';
import { FONT, seriesColour, seriesDash } from './theme.js';
import type { NumberKind } from './number-format.js';

/** One named series of (x, y) points. */
export interface LineSeries {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
  /** How the table shows the y values (a log-probability is labelled as such). */
  kind?: NumberKind;
}

/** What to draw. */
export interface LineChartOptions {
  /** Accessible name (`<title>`) and the table's caption. */
  title: string;
  /** Longer description (`<desc>`). */
  description?: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  /** `log` draws y on a base-10 log axis; points with y ≤ 0 are left out. */
  yScale?: 'linear' | 'log';
  /** x values are whole numbers (epochs, steps): ticks at whole numbers only. */
  xInteger?: boolean;
  width?: number;
  height?: number;
}

const MARGIN = { top: 12, right: 16, bottom: 44, left: 60 };
const LEGEND_HEIGHT = 20;

function drawable(y: number, log: boolean): boolean {
  return Number.isFinite(y) && (!log || y > 0);
}

/** Split a series into runs of drawable points (a gap breaks the line). */
function runs(points: ReadonlyArray<readonly [number, number]>, log: boolean): Array<Array<readonly [number, number]>> {
  const result: Array<Array<readonly [number, number]>> = [];
  let current: Array<readonly [number, number]> = [];
  for (const point of points) {
    if (Number.isFinite(point[0]) && drawable(point[1], log)) current.push(point);
    else if (current.length > 0) {
      result.push(current);
      current = [];
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

function axisGroup(x: Scale, y: Scale, left: number, right: number, top: number, bottom: number, xLabel: string, yLabel: string): Element[] {
  const grid = s(
    'g',
    { className: ['mlpost-chart-grid'], stroke: 'currentColor', strokeOpacity: '0.15', shapeRendering: 'crispEdges' },
    y.ticks.map((t) => s('line', { x1: coordinate(left), x2: coordinate(right), y1: coordinate(y.map(t)), y2: coordinate(y.map(t)) })),
  );
  const axes = s('g', { className: ['mlpost-chart-axis'], stroke: 'currentColor', shapeRendering: 'crispEdges' }, [
    s('line', { x1: coordinate(left), x2: coordinate(right), y1: coordinate(bottom), y2: coordinate(bottom) }),
    s('line', { x1: coordinate(left), x2: coordinate(left), y1: coordinate(top), y2: coordinate(bottom) }),
    ...x.ticks.map((t) => s('line', { x1: coordinate(x.map(t)), x2: coordinate(x.map(t)), y1: coordinate(bottom), y2: coordinate(bottom + 5) })),
    ...y.ticks.map((t) => s('line', { x1: coordinate(left - 5), x2: coordinate(left), y1: coordinate(y.map(t)), y2: coordinate(y.map(t)) })),
  ]);
  const labels = s('g', { className: ['mlpost-chart-labels'], fill: 'currentColor', ...FONT }, [
    ...x.ticks.map((t, i) => s('text', { x: coordinate(x.map(t)), y: coordinate(bottom + 18), textAnchor: 'middle' }, x.labels[i]!)),
    ...y.ticks.map((t, i) => s('text', { x: coordinate(left - 8), y: coordinate(y.map(t) + 4), textAnchor: 'end' }, y.labels[i]!)),
    s('text', { x: coordinate((left + right) / 2), y: coordinate(bottom + 36), textAnchor: 'middle' }, xLabel),
    s(
      'text',
      { x: '0', y: '0', textAnchor: 'middle', transform: `translate(${coordinate(14)} ${coordinate((top + bottom) / 2)}) rotate(-90)` },
      yLabel,
    ),
  ]);
  return [grid, axes, labels];
}

function legend(series: readonly LineSeries[], left: number, top: number): Element {
  let x = left;
  const items: Element[] = [];
  series.forEach((one, index) => {
    const dash = seriesDash(index);
    items.push(
      s('line', {
        x1: coordinate(x), x2: coordinate(x + 22), y1: coordinate(top), y2: coordinate(top),
        style: `stroke:${seriesColour(index)}`, strokeWidth: '2', strokeDasharray: dash,
      }),
      s('text', { x: coordinate(x + 28), y: coordinate(top + 4), fill: 'currentColor', ...FONT }, one.name),
    );
    x += 28 + 7.5 * Math.max(4, one.name.length) + 18;
  });
  return s('g', { className: ['mlpost-chart-legend'] }, items);
}

/** The table: x first, then one column per series, one row per distinct x (in order). */
function seriesTable(options: LineChartOptions): Element {
  const xs: number[] = [];
  const seen = new Set<number>();
  const bySeries = options.series.map((one) => {
    const map = new Map<number, number>();
    for (const [x, y] of one.points) {
      map.set(x, y);
      if (!seen.has(x)) {
        seen.add(x);
        xs.push(x);
      }
    }
    return map;
  });
  xs.sort((a, b) => a - b);
  const rows: TableValue[][] = xs.map((x) => [x, ...bySeries.map((map) => map.get(x))]);
  const columns = [{ header: options.xLabel }, ...options.series.map((one) => ({ header: one.name, kind: one.kind }))];
  return dataTable(columns, rows, options.title);
}

/** Draw a line chart; the result is `<div class="mlpost-chart mlpost-chart-line">`. */
export function lineChart(options: LineChartOptions): Element {
  const width = options.width ?? 560;
  const height = options.height ?? 300;
  const log = options.yScale === 'log';
  const withLegend = options.series.length > 1;
  const top = MARGIN.top + (withLegend ? LEGEND_HEIGHT : 0);
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const bottom = height - MARGIN.bottom;

  const allX: number[] = [];
  const allY: number[] = [];
  for (const one of options.series) {
    for (const [x, y] of one.points) {
      if (!Number.isFinite(x) || !drawable(y, log)) continue;
      allX.push(x);
      allY.push(y);
    }
  }
  const [x0, x1] = allX.length > 0 ? extent(allX) : [0, 1];
  const [y0, y1] = allY.length > 0 ? extent(allY) : log ? [0.1, 1] : [0, 1];
  const xScale = linearScale(x0, x1, left, right, 6, options.xInteger ?? false);
  const yScale = log ? logScale(y0, y1, bottom, top) : linearScale(y0, y1, bottom, top, 5);

  const paths: Element[] = [];
  options.series.forEach((one, index) => {
    const style = `stroke:${seriesColour(index)}`;
    for (const run of runs(one.points, log)) {
      const projected = run.map(([x, y]) => [xScale.map(x), yScale.map(y)] as const);
      paths.push(
        s('path', {
          d: polylinePath(projected),
          fill: 'none', style, strokeWidth: '2', strokeLinejoin: 'round', strokeLinecap: 'round',
          strokeDasharray: seriesDash(index), vectorEffect: 'non-scaling-stroke',
        }),
      );
      // Few points: mark each, so a single point is visible and values can be read off.
      if (run.length <= 24) {
        for (const [x, y] of projected) paths.push(s('circle', { cx: coordinate(x), cy: coordinate(y), r: '2.5', style: `fill:${seriesColour(index)}` }));
      }
    }
  });

  const svg = s(
    'svg',
    {
      role: 'img',
      viewBox: `0 0 ${width} ${height}`,
      width: String(width),
      height: String(height),
      style: 'max-width:100%;height:auto',
      className: ['mlpost-chart-svg'],
    },
    [
      s('title', options.title),
      s('desc', options.description ?? `Line chart of ${options.yLabel} against ${options.xLabel}${log ? ' (log scale)' : ''}.`),
      ...axisGroup(xScale, yScale, left, right, top, bottom, options.xLabel, options.yLabel),
      s('g', { className: ['mlpost-chart-series'] }, paths),
      ...(withLegend ? [legend(options.series, left, MARGIN.top + 6)] : []),
    ],
  );
  return h('div', { className: ['mlpost-chart', 'mlpost-chart-line'] }, [svg, dataDetails(`Data: ${options.title}`, seriesTable(options))]);
}
