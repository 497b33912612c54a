/**
 * Diagnostics: every problem is a vfile message with the author's place, a rule id and
 * the name of the part of mlpost that found it (`source`), as unified plugins do.
 */
import type { VFile } from 'vfile';
import type { Point, Position } from 'unist';

export type Severity = 'error' | 'warning' | 'info';

export interface Place {
  line: number;
  column: number;
}

/**
 * Report a problem on `file` at `place`.
 * `source` names the subsystem (`mlpost:graph`, `mlpost:hexo-tag` …), `ruleId` the rule.
 * Errors are marked `fatal: false`-style vfile messages with `fatal = true` but never thrown:
 * the build decides from the messages whether it failed.
 */
export function report(
  file: VFile,
  severity: Severity,
  reason: string,
  place: Place | Point | Position | undefined,
  ruleId: string,
  source: string,
): void {
  const message = file.message(reason, { place: place as Point | Position | undefined, ruleId, source });
  if (severity === 'error') message.fatal = true;
  else if (severity === 'info') message.fatal = undefined;
  else message.fatal = false;
}

/** The severity of a vfile message. */
export function severityOf(message: { fatal?: boolean | null | undefined }): Severity {
  if (message.fatal === true) return 'error';
  if (message.fatal === false) return 'warning';
  return 'info';
}

/**
 * Move a place inside an embedded source (the DOT of a fence, the YAML of a cell) to the
 * author's file: `innerLine` 1 of the body is the line after the fence's opening line.
 */
export function placeInFence(fenceStart: Point | undefined, innerLine: number, innerColumn = 1, bodyIndent = 0): Place | undefined {
  if (!fenceStart) return undefined;
  return { line: fenceStart.line + innerLine, column: innerColumn + bodyIndent };
}

/** `file:line:col: severity: message [rule-id]`, the CLI's format. */
export function formatMessage(message: {
  file?: string | undefined;
  line?: number | undefined | null;
  column?: number | undefined | null;
  reason: string;
  ruleId?: string | undefined | null;
  source?: string | undefined | null;
  fatal?: boolean | null | undefined;
}, fallbackPath = '<input>'): string {
  const where = `${message.file || fallbackPath}:${message.line ?? 1}:${message.column ?? 1}`;
  const rule = message.ruleId ? ` [${message.ruleId}]` : '';
  return `${where}: ${severityOf(message)}: ${message.reason}${rule}`;
}
