/**
 * Bounds on the source text, applied by the parser before micromark sees it (so every
 * entry — `renderPost`, `mlpost()`, the Hexo renderer, the Astro integration — has them):
 * a line that would open thousands of nested blocks, and brackets nested thousands deep,
 * made the parser's own walks overflow the stack or take quadratic time. Past each limit
 * a backslash makes the marker text, and one error names the place.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { MAX_MARKDOWN_DEPTH } from './tree.js';

const SOURCE = 'mlpost:security';

/**
 * `document` with the source limits applied; the errors for what was cut are reported on
 * `file`. The result is what the parser reads (and what positions point into).
 */
export function limitSource(document: string, file: VFile): string {
  const nested = limitSourceNesting(document);
  const limited = limitSourceBrackets(nested.text);
  if (nested.place) {
    report(file, 'error', `a line is nested more than ${MAX_SOURCE_DEPTH} quotes or lists deep (counting its indentation): the deeper markers are text`, { place: nested.place, ruleId: 'nesting-too-deep', source: SOURCE });
  }
  if (limited.place) {
    report(file, 'error', `links or images nested more than ${MAX_BRACKET_DEPTH} deep: the deeper brackets are text`, { place: limited.place, ruleId: 'nesting-too-deep', source: SOURCE });
  }
  return limited.text;
}

/**
 * Deepest block nesting a line may have before parsing, estimated as its quote and list
 * markers plus one level per two columns of indentation (an estimate between the real
 * depth and twice it, so nothing the tree limit keeps is cut here). The parser's own walks
 * recurse, and mdast-util-from-markdown prepares each list by walking every event inside
 * it, so a list nested one level per line, 1 000 deep, took 47 s: its cost grows with the
 * square of the depth.
 */
export const MAX_SOURCE_DEPTH = 2 * MAX_MARKDOWN_DEPTH;
/** One container marker at the start of a line: a quote, a bullet or an ordered item (sticky). */
const CONTAINER_MARKER = /([ \t]*)(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?/y;

/**
 * Before parsing: on each line that would open more than {@link MAX_SOURCE_DEPTH} nested
 * blocks (counting its quote and list markers and every two columns of indentation), a
 * backslash is put before the marker past the limit, so it is text and nests no deeper.
 * Returns the text and the place of the first such line, if any.
 */
export function limitSourceNesting(text: string): { text: string; place: { line: number; column: number } | undefined } {
  if (text.length < MAX_SOURCE_DEPTH) return { text, place: undefined };
  let place: { line: number; column: number } | undefined;
  const lines = text.split('\n');
  const body = frontMatterLines(lines);
  for (const [index, line] of lines.entries()) {
    if (line.length < MAX_SOURCE_DEPTH || index < body) continue;
    let depth = 0;
    CONTAINER_MARKER.lastIndex = 0;
    for (let match = CONTAINER_MARKER.exec(line); match; match = CONTAINER_MARKER.exec(line)) {
      depth += 1 + Math.floor(match[1]!.replace(/\t/g, '    ').length / 2);
      if (depth > MAX_SOURCE_DEPTH) {
        const column = match.index + match[1]!.length;
        lines[index] = `${line.slice(0, column)}\\${line.slice(column)}`;
        place ??= { line: index + 1, column: column + 1 };
        break;
      }
    }
  }
  return place ? { text: lines.join('\n'), place } : { text, place };
}

/** Deepest nesting of `[` (links, images) in one paragraph before parsing. */
export const MAX_BRACKET_DEPTH = 32;
/** A fence line: backticks (no backtick in the info string, as CommonMark says) or tildes. */
const FENCE = /^ {0,3}(?:(`{3,})[^`]*|(~{3,}).*)$/;
/** A line that starts a block of its own (list item, heading, quote): a paragraph ended above. */
const BLOCK_START = /^ {0,3}(?:[-+*][ \t]|\d{1,9}[.)][ \t]|#{1,6}(?:[ \t]|$)|>)/;

/**
 * Before parsing: micromark resolves each `]` against everything inside it, so images or
 * links nested thousands deep take quadratic time (24 kB of `![![…` took 11 s). Nothing a
 * person writes nests 32 brackets deep in a paragraph: past that, each further `[` gets a
 * backslash, so it is text (columns later on that line move by one per backslash).
 *
 * Counted like the parser would see them: fenced code is skipped, and so are `\[`, code
 * spans and `$…$` math on a line; a blank line or a line that starts a list item, heading
 * or quote starts the count afresh. Returns the text and the place of the first cut.
 */
export function limitSourceBrackets(text: string): { text: string; place: { line: number; column: number } | undefined } {
  let brackets = 0;
  for (let index = text.indexOf('['); index !== -1 && brackets <= MAX_BRACKET_DEPTH; index = text.indexOf('[', index + 1)) brackets++;
  if (brackets <= MAX_BRACKET_DEPTH) return { text, place: undefined };
  let place: { line: number; column: number } | undefined;
  const lines = text.split('\n');
  const body = frontMatterLines(lines);
  let depth = 0;
  let fence: string | undefined;
  for (const [index, line] of lines.entries()) {
    if (index < body) continue;
    const opening = FENCE.exec(line);
    const marker = opening ? (opening[1] ?? opening[2])! : undefined;
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      depth = 0;
      continue;
    }
    if (line.trim() === '' || BLOCK_START.test(line)) depth = 0;
    if (!line.includes('[')) continue;
    let cut = '';
    let from = 0;
    for (let column = 0; column < line.length; column++) {
      const char = line[column]!;
      if (char === '\\') column++;
      else if (char === '`' || char === '$') column = endOfSpan(line, column);
      else if (char === ']') depth = Math.max(0, depth - 1);
      else if (char === '[' && ++depth > MAX_BRACKET_DEPTH) {
        cut += `${line.slice(from, column)}\\`;
        from = column;
        place ??= { line: index + 1, column: column + 1 };
      }
    }
    if (from > 0) lines[index] = cut + line.slice(from);
  }
  return place ? { text: lines.join('\n'), place } : { text, place };
}

/**
 * Lines of the front matter block at the top (`---` … `---`), which is YAML, not Markdown
 * (the YAML limits of `limits/yaml.ts` bound it); 0 when there is none.
 */
function frontMatterLines(lines: readonly string[]): number {
  if (lines[0]?.trimEnd() !== '---') return 0;
  for (let index = 1; index < lines.length; index++) if (lines[index]!.trimEnd() === '---') return index + 1;
  return 0;
}

/**
 * Where a code span (a run of backticks closed by a run of the same length) or inline math
 * (`$…$` opened before a non-space, closed after one; `$$…$$`) that starts at `start` ends
 * on this line; `start` itself when nothing closes it there.
 */
function endOfSpan(line: string, start: number): number {
  const char = line[start]!;
  let run = start;
  while (line[run] === char) run++;
  const opener = line.slice(start, run);
  if (char === '$' && opener.length > 2) return run - 1;
  let search = run;
  for (;;) {
    const close = line.indexOf(opener, search);
    if (close === -1) return run - 1;
    let after = close + opener.length;
    // A longer run of the same character is not this span's end.
    if (line[after] === char || line[close - 1] === char) {
      while (line[after] === char) after++;
      search = after;
      continue;
    }
    if (char === '$' && opener.length === 1 && (/\s/.test(line[run] ?? ' ') || /\s/.test(line[close - 1]!))) return run - 1;
    return after - 1;
  }
}
