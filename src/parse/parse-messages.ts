/**
 * Diagnostics that syntax extensions raise while micromark parses. micromark gives its
 * tokenizers no file to report on, so mlpost's parser collects what they raise during one
 * parse (synchronous) and reports it on the post's file afterwards.
 */
import type { VFile } from 'vfile';
import { report, type Place, type Severity } from '../diagnostics.js';

/** A diagnostic raised during a parse. */
export interface ParseMessage {
  readonly severity: Severity;
  readonly reason: string;
  readonly place: Place;
  readonly ruleId: string;
  readonly source: string;
}

let collecting: ParseMessage[] | undefined;

/** Raise `message` on the post being parsed (nothing happens outside mlpost's parser). */
export function raiseParseMessage(message: ParseMessage): void {
  collecting?.push(message);
}

/** Run `parse`, then report on `file` what was raised during it. */
export function reportingParseMessages<T>(file: VFile, parse: () => T): T {
  const outer = collecting;
  const messages: ParseMessage[] = [];
  collecting = messages;
  try {
    return parse();
  } finally {
    collecting = outer;
    for (const { severity, reason, place, ruleId, source } of messages) report(file, severity, reason, { place, ruleId, source });
  }
}
