/**
 * A heat map: one square per matrix entry, its magnitude as the fill's opacity over the
 * page background (so one colour variable themes light and dark), a colour scale under it.
 * Sequential for non-negative data, diverging (two colours around 0) otherwise.
 */
import { h, s } from 'hastscript';
import type { Element } from 'hast';
import { coordinate } from './svg-number.js';
import { dataDetails, dataTable, type TableValue } from './data-table.js';
import { FONT, HEAT_NEGATIVE, HEAT_POSITIVE } from './theme.js';
import { displayNumber, type NumberKind } from './number-format.js';

/** What to draw. */
export interface HeatMapOptions {
  title: string;
  description?: string;
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  /** rows × columns. */
  values: ReadonlyArray<readonly number[]>;
  /** Colour domain; default [0, max] for non-negative data and [−m, m] otherwise. */
  domain?: readonly [number, number];
  /**
   * The same numbers are in a table beside the map: hide the map from assistive
   * technology (`aria-hidden`) and leave out its own data table.
   */
  decorative?: boolean;
  /** How the data table shows the values. */
  kind?: NumberKind;
}

const STEPS = 10;
const MAX_WIDTH = 480;
const LABEL_CHAR = 7;
const MAX_TOOLTIPS = 144;

function textWidth(text: string): number {
  return Math.ceil(text.length * LABEL_CHAR);
}

/** The colour domain of `values`. */
export function heatDomain(values: ReadonlyArray<readonly number[]>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of values) for (const v of row) if (Number.isFinite(v)) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo === Infinity) return [0, 1];
  if (lo >= 0) return [0, hi > 0 ? hi : 1];
  const m = Math.max(Math.abs(lo), Math.abs(hi));
  return [-m, m];
}

/** Fill colour and opacity for `value` in `domain` (opacity in 0.05 … 0.9, rounded). */
export function heatFill(value: number, domain: readonly [number, number]): { colour: string; opacity: string } {
  const [lo, hi] = domain;
  if (!Number.isFinite(value)) return { colour: HEAT_NEGATIVE, opacity: '0' };
  let t: number;
  let colour = HEAT_POSITIVE;
  if (lo < 0) {
    const m = Math.max(-lo, hi);
    t = Math.abs(value) / m;
    if (value < 0) colour = HEAT_NEGATIVE;
  } else {
    t = (value - lo) / (hi - lo || 1);
  }
  t = Math.min(1, Math.max(0, t));
  return { colour, opacity: String(Math.round((0.05 + 0.85 * t) * 1000) / 1000) };
}

/** Draw a heat map; the result is `<div class="mlpost-chart mlpost-chart-heat">`. */
export function heatMap(options: HeatMapOptions): Element {
  const rows = options.values.length;
  const columns = options.columnLabels.length;
  const domain = options.domain ?? heatDomain(options.values);
  const rowLabelWidth = Math.max(0, ...options.rowLabels.map(textWidth)) + 8;
  const columnLabelWidth = Math.max(0, ...options.columnLabels.map(textWidth)) + 6;
  let cellWidth = Math.max(8, Math.min(48, Math.floor(MAX_WIDTH / Math.max(1, columns))));
  const columnLabelsFit = columns * columnLabelWidth <= MAX_WIDTH;
  if (columnLabelsFit) cellWidth = Math.max(cellWidth, Math.min(96, columnLabelWidth));
  const cellHeight = Math.max(8, Math.min(32, Math.floor(320 / Math.max(1, rows))));
  // Labels wider than their cells would run together ("h10h11h12"): label every k-th column.
  const columnLabelStep = columnLabelsFit ? 1 : Math.ceil(columnLabelWidth / cellWidth);
  const showColumnLabels = columnLabelStep <= Math.max(1, Math.floor(columns / 2));
  const showRowLabels = cellHeight >= 11;
  const left = showRowLabels ? rowLabelWidth : 4;
  const top = showColumnLabels ? 20 : 4;
  const mapWidth = cellWidth * columns;
  const mapHeight = cellHeight * rows;
  const legendTop = top + mapHeight + 14;
  const legendWidth = Math.min(200, Math.max(100, mapWidth));
  const width = Math.max(left + mapWidth, left + legendWidth + 8) + 8;
  const height = legendTop + 30;

  // Hover titles help on small maps; on large ones they would dominate the page's weight.
  const tooltips = rows * columns <= MAX_TOOLTIPS;
  const cells: Element[] = [];
  options.values.forEach((row, i) =>
    row.forEach((value, j) => {
      const fill = heatFill(value, domain);
      cells.push(
        s('rect', {
          x: coordinate(left + j * cellWidth), y: coordinate(top + i * cellHeight),
          width: coordinate(cellWidth), height: coordinate(cellHeight),
          style: `fill:${fill.colour}`, fillOpacity: fill.opacity,
        }, tooltips ? [s('title', `${options.rowLabels[i] ?? i}, ${options.columnLabels[j] ?? j}: ${displayNumber(value)}`)] : []),
      );
    }),
  );

  const labels: Element[] = [];
  if (showRowLabels) {
    options.rowLabels.forEach((label, i) =>
      labels.push(s('text', { x: coordinate(left - 6), y: coordinate(top + (i + 0.5) * cellHeight + 4), textAnchor: 'end' }, label)),
    );
  }
  if (showColumnLabels) {
    options.columnLabels.forEach((label, j) => {
      if (j % columnLabelStep !== 0) return;
      labels.push(s('text', { x: coordinate(left + (j + 0.5) * cellWidth), y: coordinate(top - 6), textAnchor: 'middle' }, label));
    });
  }

  // Colour scale: STEPS swatches from the low end to the high end, labelled at both ends.
  const legend: Element[] = [];
  const swatch = legendWidth / STEPS;
  for (let k = 0; k < STEPS; k++) {
    const value = domain[0] + ((k + 0.5) / STEPS) * (domain[1] - domain[0]);
    const fill = heatFill(value, domain);
    legend.push(s('rect', {
      x: coordinate(left + k * swatch), y: coordinate(legendTop), width: coordinate(swatch), height: '8',
      style: `fill:${fill.colour}`, fillOpacity: fill.opacity,
    }));
  }
  legend.push(
    s('text', { x: coordinate(left), y: coordinate(legendTop + 22), textAnchor: 'start', fill: 'currentColor', ...FONT }, displayNumber(domain[0])),
    s('text', { x: coordinate(left + legendWidth), y: coordinate(legendTop + 22), textAnchor: 'end', fill: 'currentColor', ...FONT }, displayNumber(domain[1])),
  );
  if (domain[0] < 0 && domain[1] > 0) {
    legend.push(s('text', { x: coordinate(left + legendWidth / 2), y: coordinate(legendTop + 22), textAnchor: 'middle', fill: 'currentColor', ...FONT }, '0'));
  }

  const svg = s(
    'svg',
    {
      role: 'img',
      viewBox: `0 0 ${coordinate(width)} ${coordinate(height)}`,
      width: coordinate(width),
      height: coordinate(height),
      style: 'max-width:100%;height:auto',
      className: ['mlpost-chart-svg'],
      ariaHidden: options.decorative ? 'true' : undefined,
    },
    [
      s('title', options.title),
      s('desc', options.description ?? `Heat map of ${rows} × ${columns} values from ${displayNumber(domain[0])} to ${displayNumber(domain[1])}.`),
      s('g', { className: ['mlpost-chart-cells'], shapeRendering: 'crispEdges' }, cells),
      s('g', { className: ['mlpost-chart-labels'], fill: 'currentColor', ...FONT }, labels),
      s('g', { className: ['mlpost-chart-scale'], shapeRendering: 'crispEdges' }, legend),
    ],
  );
  const children: Element[] = [svg];
  if (!options.decorative) {
    const table = dataTable(
      [{ header: '' }, ...options.columnLabels.map((label) => ({ header: label, kind: options.kind }))],
      options.values.map((row, i): TableValue[] => [options.rowLabels[i] ?? String(i), ...row]),
      options.title,
    );
    children.push(dataDetails(`Data: ${options.title}`, table));
  }
  return h('div', { className: ['mlpost-chart', 'mlpost-chart-heat'] }, children);
}
