/**
 * Hexo front matter: the YAML block between `---` lines at the top of a post (blank
 * lines inside are fine), or any form hexo-front-matter accepts (no leading `---`, `;;;`
 * JSON: see `front-matter-split.ts`). Reads the fields mlpost uses and reports malformed
 * ones at the author's line; unknown fields are kept in `extra` for themes and adapters.
 */
import type { VFile } from 'vfile';
import { LineCounter, parseDocument } from 'yaml';
import { placeInText, resolveYaml, yamlLimitProblem } from '../limits/yaml.js';
import { report } from '../diagnostics.js';
import { parsePostDate, type PostDate } from './date.js';
import { indentTabs, type FrontMatterBlock } from './front-matter-split.js';

/** What a post says about itself. */
export interface PostFrontMatter {
  title: string | undefined;
  date: PostDate | undefined;
  updated: PostDate | undefined;
  tags: string[];
  categories: string[];
  /** Every field as written, for themes. */
  extra: Record<string, unknown>;
}

const SOURCE = 'mlpost:front-matter';

/** Options for reading front matter. */
export interface FrontMatterOptions {
  /** IANA time zone for dates without an offset (Hexo's `timezone`); default UTC. */
  timezone?: string;
}

/** Read the front matter that mlpost's parser found in `file` (an empty record when it has none). */
export function readFrontMatter(file: VFile, options: FrontMatterOptions = {}): PostFrontMatter {
  const block = file.data.frontMatter;
  return block ? readFrontMatterBlock(block, file, options) : emptyFrontMatter();
}

function emptyFrontMatter(): PostFrontMatter {
  return { title: undefined, date: undefined, updated: undefined, tags: [], categories: [], extra: {} };
}

/** Read a front-matter block found by `splitFrontMatter`. */
export function readFrontMatterBlock(block: FrontMatterBlock, file: VFile, options: FrontMatterOptions = {}): PostFrontMatter {
  const empty = emptyFrontMatter();
  const firstLine = block.line;
  const lineCounter = new LineCounter();
  // JSON members are read as a YAML flow mapping (JSON is YAML): one brace before them,
  // so columns on the first line are one to the right, corrected below.
  const yaml = block.kind === 'json' ? `{${block.data}\n}` : indentTabs(block.data);
  const columnShift = (line: number) => (block.kind === 'json' && line === 1 ? 1 : 0);
  const tooMuch = yamlLimitProblem(yaml);
  if (tooMuch) {
    const at = placeInText(yaml, tooMuch.offset);
    report(file, 'error', `front matter is not read: ${tooMuch.message}`, { place: { line: firstLine + at.line - 1, column: Math.max(1, at.column - columnShift(at.line)) }, ruleId: 'front-matter-yaml', source: SOURCE });
    return empty;
  }
  const document = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  for (const error of document.errors) {
    const at = lineCounter.linePos(errorOffset(yaml, error));
    report(file, 'error', `front matter is not valid ${block.kind === 'json' ? 'JSON' : 'YAML'}: ${firstSentence(error.message)}`, { place: { line: firstLine + at.line - 1, column: Math.max(1, at.col - columnShift(at.line)) }, ruleId: 'front-matter-yaml', source: SOURCE });
  }
  if (document.errors.length > 0) return empty;
  // Aliases are resolved here: one to a missing anchor, or a billion-laughs expansion, is refused.
  const resolved = resolveYaml(document, yaml);
  if ('problem' in resolved) {
    const at = lineCounter.linePos(resolved.problem.offset);
    report(file, 'error', `front matter is not valid YAML: ${resolved.problem.message}`, { place: { line: firstLine + at.line - 1, column: at.col }, ruleId: 'front-matter-yaml', source: SOURCE });
    return empty;
  }
  const value = resolved.value;
  if (value === null || value === undefined) return empty;
  if (typeof value !== 'object' || Array.isArray(value)) {
    report(file, 'error', 'front matter must be a mapping of `key: value` lines', { place: { line: firstLine, column: 1 }, ruleId: 'front-matter-type', source: SOURCE });
    return empty;
  }
  const record = value as Record<string, unknown>;
  const placeOf = (key: string) => {
    const pair = document.get(key, true) as { range?: [number, number, number] } | undefined;
    const offset = pair?.range?.[0];
    if (offset === undefined) return { line: firstLine, column: 1 };
    const at = lineCounter.linePos(offset);
    return { line: firstLine + at.line - 1, column: Math.max(1, at.col - columnShift(at.line)) };
  };

  const result: PostFrontMatter = { ...empty, extra: record };
  if (record.title !== undefined && record.title !== null) {
    if (typeof record.title === 'string' || typeof record.title === 'number') result.title = String(record.title);
    else report(file, 'error', '`title` must be text', { place: placeOf('title'), ruleId: 'front-matter-title', source: SOURCE });
  }
  for (const key of ['date', 'updated'] as const) {
    const raw = record[key];
    if (raw === undefined || raw === null) continue;
    const date = parsePostDate(raw, options.timezone ?? 'UTC');
    if (date) result[key] = date;
    else report(file, 'error', `\`${key}\` must be a date like 2019-09-12 13:52:48, got ${JSON.stringify(raw)}`, { place: placeOf(key), ruleId: 'front-matter-date', source: SOURCE });
  }
  result.tags = readNames(record.tags, 'tags', file, placeOf);
  result.categories = readNames(record.categories, 'categories', file, placeOf);
  return result;
}

/** Tags and categories: a list, a nested list (Hexo category paths) or one name. */
function readNames(raw: unknown, key: string, file: VFile, placeOf: (key: string) => { line: number; column: number }): string[] {
  if (raw === undefined || raw === null) return [];
  const names: string[] = [];
  const visit = (value: unknown): boolean => {
    if (typeof value === 'string' || typeof value === 'number') {
      const name = String(value).trim();
      if (name !== '' && !names.includes(name)) names.push(name);
      return true;
    }
    if (Array.isArray(value)) return value.every(visit);
    return false;
  };
  if (!visit(raw)) report(file, 'error', `\`${key}\` must be a name or a list of names`, { place: placeOf(key), ruleId: `front-matter-${key}`, source: SOURCE });
  return names;
}

/**
 * Where to point for a YAML error: its start, except for a quote that is never closed,
 * which YAML notices at the end of the text but the author must fix where it opens.
 */
function errorOffset(yaml: string, error: { code: string; message: string; pos: [number, number] }): number {
  const quote = /Missing closing (["'])quote/.exec(error.message);
  if (error.code !== 'MISSING_CHAR' || !quote) return error.pos[0];
  const opening = yaml.lastIndexOf(quote[1]!, error.pos[0] - 1);
  return opening >= 0 ? opening : error.pos[0];
}

function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
}
