/**
 * Where a post's front matter is, as hexo-front-matter (`split`, used by Hexo 8) finds it:
 *
 * - `---` (or `;;;` for JSON) on the first line, the data, then the same separator alone
 *   on a line; more than three characters are allowed as long as both lines match;
 * - or no opening line at all: the data, then the first line that starts with `---` or
 *   `;;;` (Hexo: `title: x\n---\nbody`).
 *
 * mlpost takes the second form only when the text before the separator is a YAML mapping
 * (a JSON object's members for `;;;`): Hexo takes it always and fails the post when that
 * text is not YAML, so for a post without front matter that happens to have a `---` rule
 * mlpost renders the post instead. Separator lines hold nothing else (Hexo would start the
 * body right after `---` on the same line). CRLF line ends are accepted.
 *
 * The front matter is cut out by blanking its characters (line ends kept), so every line
 * and offset of the rest of the post is unchanged for the Markdown parser and diagnostics.
 */
import { parse as parseYaml } from 'yaml';

/** A front-matter block found in a post. */
export interface FrontMatterBlock {
  /** YAML, or JSON members without the braces (`;;;`). */
  kind: 'yaml' | 'json';
  /** The data as written, without the separator lines. */
  data: string;
  /** 1-based line of the data's first line in the post. */
  line: number;
  /** Whether the post opened with a separator line (`---` first). */
  prefixSeparator: boolean;
}

/** A post split into front matter and body. */
export interface SplitPost {
  frontMatter: FrontMatterBlock | undefined;
  /** The post with the front matter blanked: same length, same lines. */
  body: string;
}

const PREFIXED = /^(-{3,}|;{3,})\r?\n([\s\S]*?)\r?\n\1[ \t]*(?:\r?\n|$)/;
const EMPTY_PREFIXED = /^(-{3,}|;{3,})\r?\n\1[ \t]*(?:\r?\n|$)/;
const STARTS_WITH_SEPARATOR = /^(-{3,}|;{3,})/;
const SEPARATOR_LINE = /\r?\n(-{3,}|;{3,})[ \t]*(?:\r?\n|$)/;

/** Find the front matter of a post and blank it out of the body. */
export function splitFrontMatter(source: string): SplitPost {
  const empty = EMPTY_PREFIXED.exec(source);
  if (empty) return found(source, empty[0].length, { kind: kindOf(empty[1]!), data: '', line: 2, prefixSeparator: true });
  const prefixed = PREFIXED.exec(source);
  if (prefixed) return found(source, prefixed[0].length, { kind: kindOf(prefixed[1]!), data: prefixed[2]!, line: 2, prefixSeparator: true });
  if (STARTS_WITH_SEPARATOR.test(source)) return { frontMatter: undefined, body: source };
  const separator = SEPARATOR_LINE.exec(source);
  if (!separator || separator.index === 0) return { frontMatter: undefined, body: source };
  const data = source.slice(0, separator.index);
  const kind = kindOf(separator[1]!);
  if (!isMapping(data, kind)) return { frontMatter: undefined, body: source };
  return found(source, separator.index + separator[0].length, { kind, data, line: 1, prefixSeparator: false });
}

function kindOf(separator: string): 'yaml' | 'json' {
  return separator.startsWith(';') ? 'json' : 'yaml';
}

/** The text before a separator reads as Hexo front matter (a mapping). */
function isMapping(data: string, kind: 'yaml' | 'json'): boolean {
  try {
    const value: unknown = kind === 'json' ? JSON.parse(`{${data}}`) : parseYaml(indentTabs(data));
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** hexo-front-matter's `escape`: a tab that indents a line counts as two spaces. */
export function indentTabs(yaml: string): string {
  return yaml.replace(/\n(\t+)/g, (_match, tabs: string) => `\n${'  '.repeat(tabs.length)}`);
}

function found(source: string, length: number, frontMatter: FrontMatterBlock): SplitPost {
  // Keep the line end that closes the block: the body's first line stays where it was.
  const end = source[length - 1] === '\n' ? length - 1 : length;
  const blanked = source.slice(0, end).replace(/[^\r\n]/g, ' ');
  return { frontMatter, body: blanked + source.slice(end) };
}
