/**
 * The state diagram of an HMM as DOT: hidden states as circles with their transition
 * probabilities on the edges, a start arrow per state, and the emission probabilities
 * either as dashed edges to symbol boxes (small models) or as a table in each state.
 */
import { displayNumber } from '../charts/number-format.js';
import { dotHtml, dotString } from './dot-text.js';
import type { HmmParameters } from './spec.js';

/** Draw symbol boxes when there are at most this many emission edges. */
const MAX_EMISSION_EDGES = 24;

/** DOT for the state diagram of `model`. Edges with probability 0 are left out. */
export function hmmDiagramDot(states: readonly string[], symbols: readonly string[], model: HmmParameters): string {
  const p = (x: number): string => displayNumber(x, 3);
  const lines: string[] = [
    'digraph hmm {',
    '  graph [rankdir=LR, nodesep=0.5, ranksep=0.9, bgcolor=transparent];',
    '  node [fontname="sans-serif", fontsize=12];',
    '  edge [fontname="sans-serif", fontsize=10];',
  ];
  const boxes = states.length * symbols.length <= MAX_EMISSION_EDGES;
  states.forEach((name, i) => {
    if (boxes) {
      lines.push(`  s${i} [shape=circle, label=${dotString(name)}];`);
    } else {
      const rows = symbols
        .map((symbol, k) => ({ symbol, value: model.emission[i]![k]! }))
        .filter((entry) => entry.value > 0)
        .map((entry) => `<tr><td align="left">${dotHtml(entry.symbol)}</td><td align="right">${dotHtml(p(entry.value))}</td></tr>`)
        .join('');
      lines.push(`  s${i} [shape=box, style=rounded, label=<<table border="0" cellspacing="0"><tr><td colspan="2"><b>${dotHtml(name)}</b></td></tr>${rows}</table>>];`);
    }
  });
  // One start point with an arrow to every state that can begin a sequence.
  lines.push('  start [shape=point, width=0.08, label=""];');
  states.forEach((_, i) => {
    if (model.start[i]! > 0) lines.push(`  start -> s${i} [label=${dotString(p(model.start[i]!))}, style=dotted];`);
  });
  states.forEach((_, i) =>
    states.forEach((__, j) => {
      const a = model.transition[i]![j]!;
      if (a > 0) lines.push(`  s${i} -> s${j} [label=${dotString(p(a))}];`);
    }),
  );
  if (boxes) {
    symbols.forEach((symbol, k) => lines.push(`  o${k} [shape=box, label=${dotString(symbol)}];`));
    lines.push(`  { rank=same; ${symbols.map((_, k) => `o${k};`).join(' ')} }`);
    states.forEach((_, i) =>
      symbols.forEach((__, k) => {
        const b = model.emission[i]![k]!;
        if (b > 0) lines.push(`  s${i} -> o${k} [label=${dotString(p(b))}, style=dashed, arrowsize=0.6];`);
      }),
    );
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
