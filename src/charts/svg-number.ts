/** Fixed-precision coordinates: identical bytes on every run, no float noise in the SVG. */

/** A coordinate with at most two decimals, no trailing zeros, never `-0`. */
export function coordinate(x: number): string {
  const rounded = Math.round(x * 100) / 100;
  return Object.is(rounded, -0) || rounded === 0 ? '0' : String(rounded);
}

/** `M x y L x y …` for a polyline through `points` (already in SVG units). */
export function polylinePath(points: ReadonlyArray<readonly [number, number]>): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${coordinate(x)} ${coordinate(y)}`).join(' ');
}
