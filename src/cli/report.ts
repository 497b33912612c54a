/**
 * Printing diagnostics the way compilers do, `file:line:col: severity: message [rule-id]`,
 * and deciding the exit code from them.
 */
import type { VFileMessage } from 'vfile-message';
import { causeText, formatMessage, severityOf } from '../diagnostics.js';

/** Counts of a list of messages by severity. */
export interface MessageCounts {
  errors: number;
  warnings: number;
}

/** Print every message to `stream` with `path` as the file name; return the counts. */
export function printMessages(messages: readonly VFileMessage[], path: string, stream: NodeJS.WritableStream = process.stderr): MessageCounts {
  const counts: MessageCounts = { errors: 0, warnings: 0 };
  for (const message of messages) {
    const severity = severityOf(message);
    if (severity === 'error') counts.errors++;
    else if (severity === 'warning') counts.warnings++;
    stream.write(`${formatMessage({ ...message, reason: message.reason, file: path }, path)}\n`);
    // mlpost's own failure: the stack goes with it, for the bug report.
    const cause = causeText(message.cause);
    if (cause) stream.write(`${cause.replace(/^/gm, '    ')}\n`);
  }
  return counts;
}

/** 1 when there is an error, or a warning under `--strict`; else 0. */
export function exitCodeFor(counts: MessageCounts, strict: boolean): number {
  return counts.errors > 0 || (strict && counts.warnings > 0) ? 1 : 0;
}
