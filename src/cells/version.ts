/**
 * Version of the cells' output markup and result format. Part of every cache key: bump it
 * when the results a cell stores or the HTML it renders change.
 */
export const CELLS_RENDERER_VERSION = 'mlpost-cells-1';
