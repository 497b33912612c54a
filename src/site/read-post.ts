/**
 * Reading a post from disk: UTF-8 text (or UTF-16 with its byte order mark) or a clear
 * reason why not (missing, a folder, too large, binary, invalid UTF-8), never an exception.
 * The size is checked before anything is read: a 50 MB post used to abort V8 (heap out of
 * memory) with no location, and nothing of the site was written.
 */
import { readFileSync, statSync } from 'node:fs';
import { escapeFileName, escapeReason } from '../diagnostics.js';
import { DEFAULT_POST_BYTES } from '../limits/settings.js';

/** A post's text, or why it has none and where in the file the problem is (1-based). */
export type ReadPostResult = { ok: true; text: string } | { ok: false; reason: string; ruleId: string; line: number; column: number };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Options of {@link readPostFile}. */
export interface ReadPostOptions {
  /** Largest file read, in bytes ({@link DEFAULT_POST_BYTES}; `limits.postBytes` in `mlpost.yml`). */
  maxBytes?: number;
}

/** `16 MB`, `12.3 MB`, `4.9 kB`, `300 bytes`. */
function size(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MB'] : bytes >= 1024 ? [bytes / 1024, 'kB'] : [bytes, 'bytes'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

/** Read `path` as a post. */
export function readPostFile(path: string, options: ReadPostOptions = {}): ReadPostResult {
  const maxBytes = options.maxBytes ?? DEFAULT_POST_BYTES;
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { ok: false, reason: 'is a folder, not a Markdown file', ruleId: 'read-folder', line: 1, column: 1 };
    if (stat.size > maxBytes) {
      return { ok: false, reason: `is ${size(stat.size)}, larger than the limit of ${size(maxBytes)} for a post (limits.postBytes in mlpost.yml): not read`, ruleId: 'read-too-large', line: 1, column: 1 };
    }
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(error)})`, ruleId: 'read-failed', line: 1, column: 1 };
  }
  const utf16 = decodeUtf16(bytes);
  if (utf16) return utf16;
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
  return `${escapeFileName(shown)}:${result.line}:${result.column}: error: ${escapeReason(result.reason)} [${result.ruleId}]`;
}

/**
 * UTF-16 text with its byte order mark (what some Windows editors save), decoded; a file
 * without one that looks like UTF-16 (every other byte NUL) is an error that says so.
 * `undefined` for anything else.
 */
function decodeUtf16(bytes: Buffer): ReadPostResult | undefined {
  const little = bytes[0] === 0xff && bytes[1] === 0xfe;
  const big = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (little || big) {
    try {
      return { ok: true, text: new TextDecoder(little ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2)) };
    } catch {
      return { ok: false, reason: `is not valid UTF-16 text (it starts with a UTF-16 ${little ? 'little' : 'big'}-endian byte order mark)`, ruleId: 'read-encoding', line: 1, column: 1 };
    }
  }
  if (bytes.length >= 4 && bytes.length % 2 === 0) {
    const sample = bytes.subarray(0, Math.min(bytes.length, 512));
    const zerosAt = (parity: number) => sample.filter((byte, index) => index % 2 === parity && byte === 0).length;
    const half = sample.length / 2;
    const even = zerosAt(0);
    const odd = zerosAt(1);
    if ((odd > half * 0.9 && even === 0) || (even > half * 0.9 && odd === 0)) {
      return { ok: false, reason: 'looks like UTF-16 text without a byte order mark: save it as UTF-8', ruleId: 'read-encoding', line: 1, column: 1 };
    }
  }
  return undefined;
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
