/**
 * Deterministic SVG charts returned as hast: a line chart, a heat map and a Viterbi
 * trellis. No randomness, no dates, fixed-precision coordinates; themed through
 * `currentColor` and `--mlpost-chart-*` custom properties.
 */
export { lineChart } from './line-chart.js';
export type { LineChartOptions, LineSeries } from './line-chart.js';
export { heatMap, heatDomain, heatFill } from './heat-map.js';
export type { HeatMapOptions } from './heat-map.js';
export { trellis } from './trellis.js';
export type { TrellisOptions } from './trellis.js';
export { linearScale, logScale, niceStep } from './scale.js';
export type { Scale } from './scale.js';
export { dataElement, displayNumber, valueString, superscript } from './number-format.js';
export type { NumberKind } from './number-format.js';
export { dataTable, dataDetails } from './data-table.js';
export type { TableColumn, TableValue } from './data-table.js';
export { coordinate } from './svg-number.js';
