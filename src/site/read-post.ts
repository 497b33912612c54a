/**
 * Reading a post from disk: UTF-8 text or a clear reason why not (missing, a folder,
 * binary, invalid UTF-8), never an exception.
 */
import { readFileSync, statSync } from 'node:fs';

/** A post's text, or why it has none and where in the file the problem is (1-based). */
export type ReadPostResult = { ok: true; text: string } | { ok: false; reason: string; ruleId: string; line: number; column: number };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Read `path` as a post. */
export function readPostFile(path: string): ReadPostResult {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) return { ok: false, reason: 'is a folder, not a Markdown file', ruleId: 'read-folder', line: 1, column: 1 };
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(error)})`, ruleId: 'read-failed', line: 1, column: 1 };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'looks like a binary file (it contains NUL bytes), not Markdown', ruleId: 'read-binary', line: 1, column: 1 };
  try {
    // A UTF-8 byte order mark is not part of the post.
    return { ok: true, text: decoder.decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const at = placeOfByte(bytes, bad);
    const hex = bytes.subarray(bad, bad + 4).toString('hex').replace(/(..)(?!$)/g, '$1 ');
    return { ok: false, reason: `is not valid UTF-8 text: byte 0x${hex.slice(0, 2)} at offset ${bad} (${hex}) is not part of a UTF-8 character`, ruleId: 'read-encoding', ...at };
  }
}

/** `file:line:col: error: … [rule]` for a post that could not be read. */
export function formatReadFailure(shown: string, result: Extract<ReadPostResult, { ok: false }>): string {
  return `${shown}:${result.line}:${result.column}: error: ${result.reason} [${result.ruleId}]`;
}

/**
 * Offset of the first byte that does not belong to a well-formed UTF-8 sequence (as the
 * WHATWG decoder reads it: no overlongs, no surrogates, nothing past U+10FFFF).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      index++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (byte >= 0xc2 && byte <= 0xdf) length = 2;
    else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3;
      if (byte === 0xe0) low = 0xa0;
      if (byte === 0xed) high = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4;
      if (byte === 0xf0) low = 0x90;
      if (byte === 0xf4) high = 0x8f;
    } else return index;
    for (let next = 1; next < length; next++) {
      const continuation = bytes[index + next];
      const [min, max] = next === 1 ? [low, high] : [0x80, 0xbf];
      if (continuation === undefined || continuation < min || continuation > max) return index;
    }
    index += length;
  }
  return bytes.length;
}

/**
 * Line and column (1-based) of byte `offset`: lines end at `\n`, a column counts the
 * characters (code points) before it on its line, as an editor shows them.
 */
function placeOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let lineStart = 0;
  let line = 1;
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  const before = decoder.decode(bytes.subarray(lineStart, offset)).replace(line === 1 ? /^\uFEFF/ : /$^/, '');
  return { line, column: [...before].length + 1 };
}
