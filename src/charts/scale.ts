/**
 * Linear and logarithmic scales with "nice" ticks (steps of 1, 2 or 5 × 10^k, or whole
 * decades), computed from integers so that tick values carry no floating-point noise.
 */
import { superscript } from './number-format.js';

/** A scale maps a data value to a position and lists its ticks. */
export interface Scale {
  kind: 'linear' | 'log';
  /** The (nice) domain the axis spans. */
  domain: readonly [number, number];
  /** Tick values inside the domain, ascending. */
  ticks: number[];
  /** Tick labels, one per tick. */
  labels: string[];
  /** Data value → position in [rangeStart, rangeEnd]. */
  map(value: number): number;
}

/** Step for about `count` ticks over [lo, hi]: 1, 2 or 5 × 10^k (d3's `tickIncrement`). */
export function niceStep(lo: number, hi: number, count: number): { power: number; multiple: number } {
  const raw = (hi - lo) / Math.max(1, count);
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const multiple = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return multiple === 10 ? { power: power + 1, multiple: 1 } : { power, multiple };
}

/** The tick value `index × multiple × 10^power`, computed without accumulating error. */
function tickValue(index: number, multiple: number, power: number): number {
  return power >= 0 ? index * multiple * 10 ** power : (index * multiple) / 10 ** -power;
}

/** Widen an empty or degenerate interval so that it can be drawn. */
function widen(lo: number, hi: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo < hi) return [lo, hi];
  const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return [lo - pad, hi + pad];
}

/**
 * A linear scale over the data extent [lo, hi], extended to whole ticks, mapped onto
 * [rangeStart, rangeEnd] (for a y axis pass the bottom first). `integer` keeps steps ≥ 1.
 */
export function linearScale(lo: number, hi: number, rangeStart: number, rangeEnd: number, count = 5, integer = false): Scale {
  const [a, b] = widen(lo, hi);
  let { power, multiple } = niceStep(a, b, count);
  // Epochs and steps are whole numbers: never put a tick between two of them.
  if (integer && power < 0) [power, multiple] = [0, 1];
  const step = multiple * 10 ** power;
  const first = Math.floor(a / step + 1e-9);
  const last = Math.ceil(b / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(tickValue(i, multiple, power));
  const decimals = Math.max(0, -power);
  const labels = ticks.map((t) => t.toFixed(decimals).replace(/^-(0\.?0*)$/, '$1').replace(/^-/, '−'));
  const domain: [number, number] = [ticks[0]!, ticks[ticks.length - 1]!];
  const span = domain[1] - domain[0];
  return {
    kind: 'linear',
    domain,
    ticks,
    labels,
    map: (value) => rangeStart + ((value - domain[0]) / span) * (rangeEnd - rangeStart),
  };
}

/**
 * A base-10 log scale over positive [lo, hi], extended to whole decades; ticks at every
 * decade (every second or third one when there are many), labelled `10⁻³`.
 */
export function logScale(lo: number, hi: number, rangeStart: number, rangeEnd: number, maxTicks = 8): Scale {
  const safeLo = lo > 0 && Number.isFinite(lo) ? lo : 1e-12;
  const safeHi = hi > 0 && Number.isFinite(hi) ? Math.max(hi, safeLo) : 1;
  let first = Math.floor(Math.log10(safeLo) + 1e-9);
  let last = Math.ceil(Math.log10(safeHi) - 1e-9);
  if (last === first) last = first + 1;
  const every = Math.ceil((last - first + 1) / maxTicks);
  first = Math.floor(first / every) * every;
  last = Math.ceil(last / every) * every;
  const exponents: number[] = [];
  for (let e = first; e <= last; e += every) exponents.push(e);
  const ticks = exponents.map((e) => Number(`1e${e}`));
  const labels = exponents.map((e) => (e === 0 ? '1' : e === 1 ? '10' : `10${superscript(e)}`));
  const domain: [number, number] = [ticks[0]!, ticks[ticks.length - 1]!];
  return {
    kind: 'log',
    domain,
    ticks,
    labels,
    map: (value) => rangeStart + ((Math.log10(value) - first) / (last - first)) * (rangeEnd - rangeStart),
  };
}
