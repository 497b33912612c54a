/**
 * Diagnostics: every problem is a vfile message with the author's place, a rule id and
 * the name of the part of mlpost that found it (`source`), as unified plugins do.
 */
import type { VFile } from 'vfile';
import type { Point, Position } from 'unist';
import type { VFileMessage } from 'vfile-message';

export type Severity = 'error' | 'warning' | 'info';

export interface Place {
  line: number;
  column: number;
}

/** Where and what a reported problem is, besides its severity and reason. */
export interface ReportOptions {
  /** The author's place (line and column in the post); absent: the post as a whole. */
  place?: Place | Point | Position | undefined;
  /** The rule (`graph-syntax`, `nesting-too-deep` …). */
  ruleId: string;
  /** The part of mlpost that found it (`mlpost:graph`, `mlpost:hexo-tag` …). */
  source: string;
  /** What went wrong underneath (an exception), kept whole on the message. */
  cause?: unknown;
}

/**
 * Report a problem on `file`. Errors are vfile messages with `fatal = true` but never
 * thrown: the build decides from the messages whether it failed.
 */
export function report(file: VFile, severity: Severity, reason: string, options: ReportOptions): VFileMessage {
  const { place, ruleId, source, cause } = options;
  const error = cause === undefined || cause instanceof Error ? cause : new Error(String(cause));
  const message = file.message(reason, { place: place as Point | Position | undefined, ruleId, source, ...(error ? { cause: error } : {}) });
  if (severity === 'error') message.fatal = true;
  else if (severity === 'info') message.fatal = undefined;
  else message.fatal = false;
  return message;
}

/** The text of a message's cause (an error's stack), for printing under the message. */
export function causeText(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined;
  if (cause instanceof Error) return cause.stack ?? `${cause.name}: ${cause.message}`;
  return String(cause);
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
