/**
 * The network unrolled over N steps as DOT: x_t → s_t → o_t per step, s_{t−1} → s_t,
 * with the shared U, W, V written on every edge (the article's BPTT figure).
 */

/** DOT for an RNN (or LSTM) unrolled over `steps` steps. */
export function unrollDot(steps: number, cell: 'rnn' | 'lstm'): string {
  const stateName = cell === 'lstm' ? 'h' : 's';
  const sub = (name: string, t: number): string => `<<i>${name}</i><sub>${t}</sub>>`;
  const lines = [
    'digraph unrolled {',
    '  graph [rankdir=BT, nodesep=0.45, ranksep=0.45, bgcolor=transparent];',
    '  node [fontname="serif", fontsize=14];',
    '  edge [fontname="serif", fontsize=12, arrowsize=0.7];',
    `  ${stateName}0 [shape=circle, style=dashed, label=${sub(stateName, 0)}];`,
  ];
  for (let t = 1; t <= steps; t++) {
    lines.push(
      `  x${t} [shape=box, label=${sub('x', t)}];`,
      `  ${stateName}${t} [shape=circle, label=${sub(stateName, t)}];`,
      `  o${t} [shape=box, label=${sub('o', t)}];`,
      `  x${t} -> ${stateName}${t} [label=<<i>U</i>>];`,
      `  ${stateName}${t} -> o${t} [label=<<i>V</i>>];`,
      `  ${stateName}${t - 1} -> ${stateName}${t} [label=<<i>W</i>>, constraint=false];`,
    );
  }
  lines.push(
    `  { rank=same; ${Array.from({ length: steps + 1 }, (_, t) => `${stateName}${t};`).join(' ')} }`,
    `  { rank=same; ${Array.from({ length: steps }, (_, t) => `x${t + 1};`).join(' ')} }`,
    `  { rank=same; ${Array.from({ length: steps }, (_, t) => `o${t + 1};`).join(' ')} }`,
    '}',
  );
  return lines.join('\n') + '\n';
}
