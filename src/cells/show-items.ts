/**
 * `show:` lists: each item is a bare name (`viterbi`) or a one-key map with options
 * (`sample: {length: 20}`, `unroll: 4`). Unknown names get "did you mean".
 */
import type { z } from 'zod';
import type { CellProblem } from './problems.js';
import { didYouMean } from './suggest.js';
import type { BodyPlace, YamlSource } from './yaml-source.js';
import { zodProblems } from './zod-problems.js';

/** A `show` item as written: its name, its options (validated), where it is. */
export interface ShowEntry<Options = unknown> {
  name: string;
  options: Options;
  place: BodyPlace;
}

/**
 * Read `show` against `items` (name → schema of its options; the schema gets `undefined`
 * for a bare name, so give defaults).
 */
export function parseShow(
  value: unknown,
  source: YamlSource,
  items: Record<string, z.ZodType>,
): { entries: ShowEntry[]; problems: CellProblem[] } {
  const entries: ShowEntry[] = [];
  const problems: CellProblem[] = [];
  if (value === undefined) return { entries, problems };
  const list = Array.isArray(value) ? value : [value];
  const known = Object.keys(items);
  list.forEach((raw, index) => {
    const path = Array.isArray(value) ? ['show', index] : ['show'];
    const place = source.valueAt(path);
    let name: string;
    let options: unknown;
    let optionsPath: Array<string | number>;
    if (typeof raw === 'string') {
      name = raw;
      options = undefined;
      optionsPath = path;
    } else if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length === 1) {
      name = Object.keys(raw)[0]!;
      options = (raw as Record<string, unknown>)[name];
      optionsPath = [...path, name];
    } else {
      problems.push({ ruleId: 'cell-type', message: `a "show" item must be a name such as "${known[0]}" or a map with one key such as "sample: {length: 20}"`, place });
      return;
    }
    const schema = items[name];
    if (!schema) {
      problems.push({ ruleId: 'cell-unknown-show', message: `unknown "show" item "${name}"${didYouMean(name, known)}; expected one of ${known.join(', ')}`, place });
      return;
    }
    const parsed = schema.safeParse(options);
    if (!parsed.success) {
      // Re-root the issues at the item's options so they point into the author's YAML.
      const issues = parsed.error.issues.map((issue) => ({ ...issue, path: [...optionsPath, ...issue.path] }));
      problems.push(...zodProblems(wrapAt(optionsPath, schema), issues, source));
      return;
    }
    entries.push({ name, options: parsed.data, place });
  });
  return { entries, problems };
}

/** A schema that only knows `schema` at `path`, so that unknown-key hints see its keys. */
function wrapAt(path: ReadonlyArray<string | number>, schema: z.ZodType): z.core.$ZodType {
  let wrapped: z.core.$ZodType = schema;
  for (let i = path.length - 1; i >= 0; i--) {
    const part = path[i]!;
    const inner = wrapped;
    wrapped = (typeof part === 'number'
      ? { _zod: { def: { type: 'array', element: inner } } }
      : { _zod: { def: { type: 'object', shape: { [part]: inner } } } }) as unknown as z.core.$ZodType;
  }
  return wrapped;
}
