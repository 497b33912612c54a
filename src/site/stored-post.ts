/**
 * A rendered post in a form that survives the trip through a worker's message port and the
 * disk cache: plain JSON (messages as plain records, binary assets as base64).
 */
import { VFileMessage } from 'vfile-message';
import { causeText } from '../diagnostics.js';
import type { PostData, RenderedPost } from '../pipeline/render-post.js';
import type { LocalReference, PostAsset } from '../types.js';
import type { FileRead } from '../cache/reads.js';

/** A diagnostic without its class: enough to print and count it. */
export interface StoredMessage {
  reason: string;
  line: number | undefined;
  column: number | undefined;
  fatal: boolean | undefined;
  ruleId: string | undefined;
  source: string | undefined;
  /** The underlying error's stack, when mlpost itself failed (`render-crashed`). */
  cause?: string;
}

/** A post asset as JSON: text as is, bytes in base64. */
export type StoredAsset = { path: string; text: string } | { path: string; base64: string };

/** What the post cache holds for one post. */
export interface StoredPost {
  html: string;
  data: PostData;
  messages: StoredMessage[];
  assets: StoredAsset[];
  /** Links and images naming local files (see `links/local-references.ts`). */
  references: LocalReference[];
  /** The files the post read and their hashes (a cached copy is stale once one changed). */
  reads: FileRead[];
}

/** A rendered post as a {@link StoredPost}. */
export function toStoredPost(post: RenderedPost): StoredPost {
  return {
    html: post.html,
    data: post.data,
    messages: post.messages.map(toStoredMessage),
    references: post.references,
    assets: post.assets.map((asset) =>
      typeof asset.contents === 'string' ? { path: asset.path, text: asset.contents } : { path: asset.path, base64: Buffer.from(asset.contents).toString('base64') },
    ),
    reads: post.reads,
  };
}

function toStoredMessage(message: VFileMessage): StoredMessage {
  return {
    reason: message.reason,
    line: message.line ?? undefined,
    column: message.column ?? undefined,
    fatal: message.fatal ?? undefined,
    ruleId: message.ruleId ?? undefined,
    source: message.source ?? undefined,
    ...(message.cause === undefined ? {} : { cause: causeText(message.cause) }),
  };
}

/** Stored messages back as vfile messages (what `onPost` listeners and the CLI print). */
export function toVFileMessages(messages: readonly StoredMessage[]): VFileMessage[] {
  return messages.map((stored) => {
    const place = stored.line === undefined ? undefined : { line: stored.line, column: stored.column ?? 1 };
    const message = new VFileMessage(stored.reason, { place, ruleId: stored.ruleId, source: stored.source, ...(stored.cause === undefined ? {} : { cause: storedCause(stored.cause) }) });
    message.fatal = stored.fatal;
    return message;
  });
}

/** A cause read back: an error whose stack is the stored text. */
function storedCause(text: string): Error {
  const error = new Error(text.split('\n')[0]);
  error.stack = text;
  return error;
}

/** Stored assets back as files to write. */
export function toPostAssets(assets: readonly StoredAsset[]): PostAsset[] {
  return assets.map((asset) => ('text' in asset ? { path: asset.path, contents: asset.text } : { path: asset.path, contents: new Uint8Array(Buffer.from(asset.base64, 'base64')) }));
}

/** Errors and warnings among stored messages. */
export function countMessages(messages: readonly StoredMessage[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const message of messages) {
    if (message.fatal === true) errors++;
    else if (message.fatal === false) warnings++;
  }
  return { errors, warnings };
}
