/**
 * Reading a post from disk: UTF-8 text or a clear reason why not (missing, a folder,
 * binary, invalid UTF-8), never an exception.
 */
import { readFileSync, statSync } from 'node:fs';

export type ReadPostResult = { ok: true; text: string } | { ok: false; reason: string; ruleId: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Read `path` as a post. */
export function readPostFile(path: string): ReadPostResult {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) return { ok: false, reason: 'is a folder, not a Markdown file', ruleId: 'read-folder' };
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(error)})`, ruleId: 'read-failed' };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'looks like a binary file (it contains NUL bytes), not Markdown', ruleId: 'read-binary' };
  try {
    // A UTF-8 byte order mark is not part of the post.
    return { ok: true, text: decoder.decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return { ok: false, reason: 'is not valid UTF-8 text', ruleId: 'read-encoding' };
  }
}
