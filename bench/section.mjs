// Replace one `## Heading` section of BENCHMARKS.md (or append it), leaving the others.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
const preamble = '# Benchmarks\n\nMeasured on this project\'s machine (2 cores, Node 20) by `npm run bench`; each section says the command that reproduces it. Medians over repeated runs; ratios are against peers measured in the same run.\n';

/** Write `body` under `## heading` in BENCHMARKS.md. */
export function writeSection(heading, body) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : preamble;
  const marker = `## ${heading}\n`;
  const section = `${marker}\n${body.trim()}\n`;
  const start = text.indexOf(marker);
  if (start === -1) {
    writeFileSync(file, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf('\n## ', start + marker.length);
  writeFileSync(file, `${text.slice(0, start)}${section}${next === -1 ? '' : text.slice(next)}`);
}

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
