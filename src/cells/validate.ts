/**
 * A cell body (YAML text) → a validated spec, or problems placed in the body. One entry
 * point for both kinds; YAML syntax errors come first and stop validation.
 */
import { orderProblems, type CellKind, type CellProblem } from './problems.js';
import type { CellSpec } from './spec.js';
import { validateHmm } from './hmm-validate.js';
import { validateRnn, type ReadText } from './rnn-validate.js';
import { parseYamlSource } from './yaml-source.js';

/** Options of {@link parseCell}. */
export interface ParseCellOptions {
  /** Reads `file:` of an `rnn` cell, relative to the post. */
  readText?: ReadText;
}

/** Parse and validate a cell body of `kind`. Never throws. */
export function parseCell(kind: CellKind, body: string, options: ParseCellOptions = {}): { spec?: CellSpec; problems: CellProblem[] } {
  const yaml = parseYamlSource(body);
  if (!yaml.source) {
    return { problems: orderProblems(yaml.problems.map((problem) => ({ ruleId: 'cell-yaml-syntax', message: `YAML: ${problem.message}`, place: problem.place }))) };
  }
  const result = kind === 'hmm' ? validateHmm(yaml.source) : validateRnn(yaml.source, options.readText);
  return result.spec ? result : { problems: orderProblems(result.problems) };
}
