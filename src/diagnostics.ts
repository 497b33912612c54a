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

/**
 * The line of the author's file that line `line` of `file`'s text is: the same line,
 * unless the text is a piece of a bigger file whose host maps it (`file.data.authorLine`:
 * a Hexo post's body, without its front matter, tags replaced by one-line placeholders).
 * For line numbers written into messages and pages; a message's own place is mapped by
 * whoever prints it.
 */
export function authorLine(file: VFile, line: number): number {
  return file.data.authorLine?.(line) ?? line;
}

declare module 'vfile' {
  interface DataMap {
    /** Maps a line of the file's text to the line of the author's file it came from. */
    authorLine: (line: number) => number;
  }
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

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional controls
// that reorder what a terminal shows ("Trojan Source").
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text that came from input (a file name, a tag, a formula) made safe to print as part of
 * one line of a terminal or a CI log: every control character is written as an escape
 * (`\x1b`, `\n`, `\u202e`), so input can neither drive the terminal nor start a line.
 */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, (char) => {
    const code = char.charCodeAt(0);
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * In a message, `:line:col: error:` (or `warning:` …) written by an author, which a CI
 * problem matcher that takes the last such place on a line would read as the place: its
 * first `:` is written `\x3a`. (Times like `13:52:48` stay as they are.)
 */
const PLACE_LIKE = /:(?=\s*\d+:\d+:\s*(?:fatal\s+)?(?:error|warning|info|note)\b)/gi;

/**
 * A file name for a diagnostic line: {@link escapeForTerminal}, and every `:` written
 * `\x3a` (but a drive letter's), so that a file called `a.md:1:1: error: fake [x]` cannot
 * pass for a diagnostic of its own in a CI log.
 */
export function escapeFileName(name: string): string {
  return escapeForTerminal(name).replace(/:/g, (colon, offset: number, all: string) => (offset === 1 && /^[A-Za-z]:[\\/]/.test(all) ? colon : '\\x3a'));
}

/** `file:line:col: severity: message [rule-id]`, the CLI's format (input in it escaped, one line). */
export function formatMessage(message: {
  file?: string | undefined;
  line?: number | undefined | null;
  column?: number | undefined | null;
  reason: string;
  ruleId?: string | undefined | null;
  source?: string | undefined | null;
  fatal?: boolean | null | undefined;
}, fallbackPath = '<input>'): string {
  const where = `${escapeFileName(message.file || fallbackPath)}:${message.line ?? 1}:${message.column ?? 1}`;
  const rule = message.ruleId ? ` [${escapeForTerminal(message.ruleId)}]` : '';
  return `${where}: ${severityOf(message)}: ${escapeReason(message.reason)}${rule}`;
}

/** A message's text for a diagnostic line: escaped, and nothing in it reads as a place. */
export function escapeReason(reason: string): string {
  return escapeForTerminal(reason).replace(PLACE_LIKE, '\\x3a');
}
