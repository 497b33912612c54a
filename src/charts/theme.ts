/**
 * Colours come from CSS custom properties with fallbacks that read on light and dark
 * backgrounds alike; axes and text use `currentColor`, so a page's dark mode just works.
 * Colours go in `style` (not presentation attributes), because `var()` is only reliable there.
 */

/** Fallback colours: mid-tone, colour-blind-safe (Okabe–Ito), legible on white and black. */
const SERIES_FALLBACKS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

/** `var(--mlpost-chart-series-N, fallback)` for the N-th series (0-based index). */
export function seriesColour(index: number): string {
  const n = (index % SERIES_FALLBACKS.length) + 1;
  return `var(--mlpost-chart-series-${n}, ${SERIES_FALLBACKS[n - 1]})`;
}

/** Dash patterns so that series differ without colour too (first solid). */
export function seriesDash(index: number): string | undefined {
  return [undefined, '6 3', '2 3', '8 3 2 3'][index % 4];
}

/** Fill of positive heat-map cells (opacity carries the magnitude). */
export const HEAT_POSITIVE = 'var(--mlpost-chart-heat-positive, #d55e00)';
/** Fill of negative heat-map cells. */
export const HEAT_NEGATIVE = 'var(--mlpost-chart-heat-negative, #0072b2)';
/** Highlight of the best path in a trellis. */
export const HIGHLIGHT = 'var(--mlpost-chart-highlight, #d55e00)';

/** Shared text style of chart labels. */
export const FONT = { fontFamily: 'system-ui, sans-serif', fontSize: '12' } as const;
