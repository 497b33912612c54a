/**
 * Reading TeX source the way TeX groups it, for the rewrites mlpost makes before typesetting
 * (macro scope, equation numbers, KaTeX's gaps): braced groups, single-token arguments,
 * `%` comments to the end of the line, and `\` with the character or letters after it as
 * one control sequence. Offsets are string indices into the formula's TeX.
 */

/** A piece of TeX: where it starts and ends (`end` exclusive). */
export interface Span {
  start: number;
  end: number;
}

/** The end of the control sequence that starts at `at` (a `\`): `\alpha`, `\\`, `\{`. */
export function controlSequenceEnd(tex: string, at: number): number {
  let end = at + 1;
  if (/[A-Za-z]/.test(tex[end] ?? '')) {
    while (/[A-Za-z]/.test(tex[end] ?? '')) end++;
    return end;
  }
  return Math.min(end + 1, tex.length);
}

/** Skip spaces, line breaks and `%` comments from `at`. */
export function skipSpace(tex: string, at: number): number {
  for (;;) {
    while (/\s/.test(tex[at] ?? '')) at++;
    if (tex[at] !== '%') return at;
    while (at < tex.length && tex[at] !== '\n') at++;
  }
}

/** The end of the group whose `{` is at `at` (after its `}`), or -1 when it never closes. */
export function groupEnd(tex: string, at: number): number {
  let depth = 0;
  for (let index = at; index < tex.length; index++) {
    const char = tex[index];
    if (char === '\\') index = controlSequenceEnd(tex, index) - 1;
    else if (char === '%') while (index + 1 < tex.length && tex[index + 1] !== '\n') index++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return index + 1;
  }
  return -1;
}

/**
 * The argument of a command at `at` (after spaces): a braced group or one token. Returns
 * its span (braces included) and its content, or undefined at the end of the TeX.
 */
export function readArgument(tex: string, at: number): (Span & { content: string }) | undefined {
  const start = skipSpace(tex, at);
  if (start >= tex.length) return undefined;
  if (tex[start] === '{') {
    const end = groupEnd(tex, start);
    if (end === -1) return undefined;
    return { start, end, content: tex.slice(start + 1, end - 1) };
  }
  if (tex[start] === '}') return undefined;
  const end = tex[start] === '\\' ? controlSequenceEnd(tex, start) : start + 1;
  return { start, end, content: tex.slice(start, end) };
}

/** An optional `[…]` argument at `at` (after spaces), or undefined. */
export function readOptional(tex: string, at: number): (Span & { content: string }) | undefined {
  const start = skipSpace(tex, at);
  if (tex[start] !== '[') return undefined;
  let depth = 0;
  for (let index = start + 1; index < tex.length; index++) {
    const char = tex[index];
    if (char === '\\') index = controlSequenceEnd(tex, index) - 1;
    else if (char === '{') depth++;
    else if (char === '}') depth--;
    else if (char === ']' && depth === 0) return { start, end: index + 1, content: tex.slice(start + 1, index) };
  }
  return undefined;
}

/**
 * Every control sequence named `name` (without the backslash) outside comments, in order:
 * the index of its `\`.
 */
export function findCommands(tex: string, names: ReadonlySet<string>): { at: number; name: string }[] {
  const found: { at: number; name: string }[] = [];
  for (let index = 0; index < tex.length; index++) {
    const char = tex[index];
    if (char === '%') {
      while (index + 1 < tex.length && tex[index + 1] !== '\n') index++;
    } else if (char === '\\') {
      const end = controlSequenceEnd(tex, index);
      const name = tex.slice(index + 1, end);
      if (names.has(name)) found.push({ at: index, name });
      index = end - 1;
    }
  }
  return found;
}

/** A change to TeX: replace `[start, end)` with `text`. */
export interface Edit extends Span {
  text: string;
}

/** Apply edits (they must not overlap) to `tex`. */
export function applyEdits(tex: string, edits: readonly Edit[]): string {
  let out = '';
  let from = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    out += tex.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  return out + tex.slice(from);
}

/** Whether the last line of `tex` ends inside a `%` comment (so text appended to it is lost). */
export function endsInComment(tex: string): boolean {
  const lineStart = tex.lastIndexOf('\n') + 1;
  for (let index = lineStart; index < tex.length; index++) {
    if (tex[index] === '\\') index++;
    else if (tex[index] === '%') return true;
  }
  return false;
}
