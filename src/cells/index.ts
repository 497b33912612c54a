/**
 * Executable `hmm` and `rnn` cells (see `docs/cells.md`): the remark plugin, the
 * pure pieces it is made of (parse, run, render), and the worker pool's shutdown.
 */
export { remarkCells, renderParts } from './plugin.js';
export type { RemarkCellsOptions, CellNode } from './plugin.js';
export { parseCell } from './validate.js';
export type { ParseCellOptions } from './validate.js';
export { runCell, encodeResult, decodeResult } from './run.js';
export type { CellResult } from './run.js';
export { cellRunStats, resetCellRunStats, cellCacheKey, defaultCellCacheDir } from './execute.js';
export type { CellRunStats } from './execute.js';
export { cellFigure, errorFigure } from './figure.js';
export type { FigureFrame } from './figure.js';
export { CELL_LIMITS, DEFAULT_TIMEOUT_SECONDS } from './limits.js';
export { CELLS_RENDERER_VERSION } from './version.js';
export type { CellSpec, HmmCellSpec, RnnCellSpec } from './spec.js';
export type { CellProblem, CellRuleId, CellKind } from './problems.js';
