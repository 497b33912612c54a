/**
 * Problems found in a cell, placed in its body. The plugin moves them to the author's
 * file (fence line + body line) and reports them with these rule ids.
 */
import type { BodyPlace } from './yaml-source.js';

/** The rule ids of `mlpost:cells`. */
export type CellRuleId =
  | 'cell-yaml-syntax'
  | 'cell-unknown-key'
  | 'cell-missing-key'
  | 'cell-type'
  | 'cell-limit'
  | 'cell-probability-row'
  | 'cell-shape'
  | 'cell-unknown-name'
  | 'cell-duplicate-name'
  | 'cell-unknown-show'
  | 'cell-conflict'
  | 'cell-file'
  | 'cell-fence-attribute'
  | 'cell-timeout'
  | 'cell-failed';

/** One problem, at a place in the cell body (line 1 = the line after the fence). */
export interface CellProblem {
  ruleId: CellRuleId;
  /** The message without the `hmm: ` prefix. */
  message: string;
  place: BodyPlace;
}

/** `hmm` or `rnn`. */
export type CellKind = 'hmm' | 'rnn';

/** `"learn.iterations"`, `"transition" row 2`: a path in the words an author uses. */
export function describePath(path: ReadonlyArray<PropertyKey>): string {
  let keys = '';
  let suffix = '';
  for (const part of path) {
    if (typeof part === 'number') suffix += ` item ${part + 1}`;
    else {
      if (suffix) {
        keys = `${keys}${suffix},`;
        suffix = '';
      }
      keys = keys ? `${keys}${keys.endsWith(',') ? ' ' : '.'}${String(part)}` : String(part);
    }
  }
  return keys ? `"${keys}"${suffix}` : suffix.trim() || 'the cell';
}

/** Sort problems by place, keep the first of identical ones. */
export function orderProblems(problems: readonly CellProblem[]): CellProblem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => a.place.line - b.place.line || a.place.column - b.place.column)
    .filter((problem) => {
      const key = `${problem.place.line}:${problem.place.column}:${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
