/**
 * Graphviz's messages → problems with a line in the DOT source and a rule id.
 */
import type { EngineMessage } from './engine.js';

/** One problem found while rendering a graph; `line`/`column` are 1-based in the DOT source. */
export interface GraphProblem {
  severity: 'error' | 'warning';
  message: string;
  line?: number;
  column?: number;
  ruleId: string;
  /**
   * A failure another run may not repeat (the engine crashed or hit the time limit, or was
   * still reloading): the same DOT may draw next time, so it is never cached or remembered.
   */
  transient?: boolean;
}

/**
 * Messages that describe our own workarounds rather than the author's graph: CJK widths
 * are handled by `cjk-width.ts`, so Graphviz's "no value for width of non-ASCII
 * character" is noise.
 */
const IGNORED = [/^no value for width of non-ASCII character/];

/** The line a message points at: `in line N`, or where an unterminated string starts. */
function lineOf(message: string, dot: string): number | undefined {
  const unterminated = /String starting:"([^\n]*)/.exec(message);
  if (unterminated) {
    const start = dot.indexOf(`"${unterminated[1]}`);
    if (start >= 0) return dot.slice(0, start).split('\n').length;
  }
  const match = /\bin line (\d+)\b/.exec(message);
  if (!match) return undefined;
  const lines = dot.split('\n').length;
  return Math.min(Number(match[1]), lines);
}

function ruleOf(entry: EngineMessage): string {
  if (/syntax error|syntax ambiguity|scanning a quoted string/.test(entry.message)) return 'graph-syntax';
  if (/Layout type: .* not recognized/.test(entry.message)) return 'graph-engine-unknown';
  return entry.level === 'error' ? 'graph-layout' : 'graph-warning';
}

/** Keep the first line of a message, trimmed, for a one-line diagnostic. */
function headline(message: string): string {
  const first = message.split('\n')[0]!.trim();
  return first.replace(/^(Error|Warning):\s*/i, '');
}

/**
 * Turn engine messages into problems: drop our own noise, point at a DOT line where the
 * message names one, and drop duplicates (Graphviz repeats a warning per edge).
 */
export function problemsFromMessages(messages: readonly EngineMessage[], dot: string): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const seen = new Set<string>();
  for (const entry of messages) {
    const message = headline(entry.message);
    if (message === '' || IGNORED.some((pattern) => pattern.test(message))) continue;
    const key = `${entry.level}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const problem: GraphProblem = { severity: entry.level, message: `Graphviz: ${message}`, ruleId: ruleOf(entry) };
    const line = lineOf(entry.message, dot);
    if (line !== undefined) problem.line = line;
    problems.push(problem);
  }
  return problems;
}
