/**
 * Bounds on YAML, for every place mlpost reads it (front matter, cell bodies, `mlpost.yml`):
 *
 * - size: past {@link YAML_LIMITS.bytes} the text is refused before parsing;
 * - depth: the `yaml` package parses and resolves nested collections recursively; 2 000
 *   levels (`- - - … x`, or `[[[…]]]`) do not just throw a stack overflow, they can abort
 *   the whole process from inside V8 ("RegExpCompiler Allocation failed"), which no
 *   `try` catches. So the nesting is estimated from the text before parsing (indentation
 *   columns, compact `- `/`? ` markers, open `[`/`{`, all counted generously) and refused
 *   past {@link YAML_LIMITS.depth};
 * - aliases: a billion-laughs expansion is refused past {@link YAML_LIMITS.aliases}
 *   aliases when the document is resolved.
 *
 * Each refusal is a problem at an offset of the text, for the caller to place.
 */
import type { Document } from 'yaml';

export const YAML_LIMITS = {
  /** Characters of one YAML text. */
  bytes: 1_000_000,
  /** Nesting, as estimated by {@link yamlDepthProblem}. */
  depth: 100,
  /** Aliases resolved in one document. */
  aliases: 100,
} as const;

/** Why a YAML text is refused, and where (an offset into it). */
export interface YamlLimitProblem {
  message: string;
  offset: number;
}

/** A problem with the text's size or nesting, before it is parsed; `undefined` when within the limits. */
export function yamlLimitProblem(text: string): YamlLimitProblem | undefined {
  if (text.length > YAML_LIMITS.bytes) return { message: `YAML longer than ${YAML_LIMITS.bytes} characters (${text.length}): not read`, offset: 0 };
  return yamlDepthProblem(text);
}

const BLOCK_SCALAR = /(?:^|[\s:-])[|>][-+0-9]*[ \t]*(?:#.*)?$/;
const COMPACT_MARKER = /[-?][ \t]+/y;

/**
 * The first place where the nesting estimate passes {@link YAML_LIMITS.depth}. The estimate
 * is never below the real depth: one for the line's collection, plus its indentation in
 * columns (every block level indents at least one column more), plus the compact markers
 * that open it (`- - x`), plus
 * the `[` and `{` opened and not closed so far anywhere outside block scalars (quoted
 * text and comments included, so it can only count too many).
 */
export function yamlDepthProblem(text: string): YamlLimitProblem | undefined {
  let flow = 0;
  let offset = 0;
  /** Indentation of a line ending in a block scalar indicator: deeper lines are its text. */
  let scalarIndent: number | undefined;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const indent = line.length - line.trimStart().length;
    if (line.trim() === '') continue;
    if (scalarIndent !== undefined && indent > scalarIndent) continue;
    scalarIndent = undefined;
    // The line's own collection is one level; each deeper block level indents a column more.
    let depth = indent + 1;
    COMPACT_MARKER.lastIndex = indent;
    while (COMPACT_MARKER.exec(line)) depth++;
    for (let index = indent; index < line.length; index++) {
      const char = line[index];
      if (char === '[' || char === '{') flow++;
      else if ((char === ']' || char === '}') && flow > 0) flow--;
      if (depth + flow > YAML_LIMITS.depth) return { message: `YAML nested more than ${YAML_LIMITS.depth} levels deep: not read`, offset: start + index };
    }
    if (depth + flow > YAML_LIMITS.depth) return { message: `YAML nested more than ${YAML_LIMITS.depth} levels deep: not read`, offset: start + indent };
    // Block scalars exist only outside flow collections (inside one, `>` is text).
    if (flow === 0 && BLOCK_SCALAR.test(line)) scalarIndent = indent;
  }
  return undefined;
}

/**
 * The plain value of a parsed document with at most {@link YAML_LIMITS.aliases} aliases
 * resolved, or why it has none (too many aliases, an alias to no anchor) and where.
 */
export function resolveYaml(document: Document, text: string): { value: unknown } | { problem: YamlLimitProblem } {
  try {
    return { value: document.toJS({ maxAliasCount: YAML_LIMITS.aliases }) };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    const alias = /: (\S+)$/.exec(reason);
    const at = alias ? text.indexOf(`*${alias[1]}`) : -1;
    return { problem: { message: reason, offset: Math.max(0, at) } };
  }
}

/** Line and column (1-based) of `offset` in `text`. */
export function placeInText(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
