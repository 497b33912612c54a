/**
 * Zod issues → cell problems in the author's words, at the key or value they are about,
 * with "did you mean" for unknown keys and option values.
 */
import type { z } from 'zod';
import { describePath, type CellProblem } from './problems.js';
import { didYouMean, nearest } from './suggest.js';
import type { YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  element?: Schema;
  options?: readonly Schema[];
  in?: Schema;
}

function defOf(schema: Schema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The object schemas a value at `path` may be checked against (through optional, default, union, array). */
function objectShapesAt(schema: Schema, path: ReadonlyArray<PropertyKey>): Array<Record<string, Schema>> {
  const def = defOf(schema);
  if (def.innerType && (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault')) {
    return objectShapesAt(def.innerType, path);
  }
  if (def.type === 'pipe' && def.in) return objectShapesAt(def.in, path);
  if (def.type === 'union' && def.options) return def.options.flatMap((option) => objectShapesAt(option, path));
  if (path.length === 0) return def.type === 'object' && def.shape ? [def.shape] : [];
  const [head, ...rest] = path;
  if (def.type === 'array' && def.element && typeof head === 'number') return objectShapesAt(def.element, rest);
  if (def.type === 'object' && def.shape && typeof head === 'string' && def.shape[head]) return objectShapesAt(def.shape[head], rest);
  return [];
}

/** The keys a map at `path` may have. */
export function keysAt(schema: Schema, path: ReadonlyArray<PropertyKey>): string[] {
  return [...new Set(objectShapesAt(schema, path).flatMap((shape) => Object.keys(shape)))];
}

function article(expected: string): string {
  switch (expected) {
    case 'int': return 'a whole number';
    case 'number': return 'a number';
    case 'string': return 'a string';
    case 'array': return 'a list';
    case 'object': return 'a map of keys';
    case 'boolean': return 'true or false';
    default: return expected;
  }
}

function describeValue(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a map';
  if (typeof input === 'string') return `"${input}"`;
  return String(input);
}

function valueAtPath(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** Turn zod's issues for the cell's value into placed problems. */
export function zodProblems(schema: Schema, issues: readonly Issue[], source: YamlSource): CellProblem[] {
  const problems: CellProblem[] = [];
  const unknownSuggests = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = keysAt(schema, issue.path);
    for (const key of issue.keys) {
      const match = nearest(key, known);
      if (match !== undefined) unknownSuggests.add(JSON.stringify([...issue.path, match]));
      problems.push({ ruleId: 'cell-unknown-key', message: `unknown key "${key}"${didYouMean(key, known)}`, place: source.keyAt(issue.path, key) });
    }
  }
  for (const issue of issues) {
    const path = issue.path;
    const where = describePath(path);
    const input = valueAtPath(source.value, path);
    switch (issue.code) {
      case 'unrecognized_keys':
        break;
      case 'invalid_type': {
        if (input === undefined && path.length > 0) {
          // A misspelt key already says "did you mean" this one: one message is enough.
          if (unknownSuggests.has(JSON.stringify(path))) break;
          const parent = path.slice(0, -1);
          problems.push({
            ruleId: 'cell-missing-key',
            message: `missing key "${String(path[path.length - 1])}"${parent.length > 0 ? ` in ${describePath(parent)}` : ''}`,
            place: source.valueAt(parent),
          });
        } else {
          problems.push({ ruleId: 'cell-type', message: `${where} must be ${article(issue.expected)}, not ${describeValue(input)}`, place: source.valueAt(path) });
        }
        break;
      }
      case 'too_big':
      case 'too_small': {
        const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
        const exclusive = !issue.inclusive;
        const relation = issue.code === 'too_big' ? (exclusive ? 'less than' : 'at most') : exclusive ? 'more than' : 'at least';
        const isCount = issue.origin === 'array' || issue.origin === 'string';
        const actual = isCount ? `has ${(input as { length: number }).length} ${issue.origin === 'array' ? 'items' : 'characters'}` : `is ${describeValue(input)}`;
        const unit = issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : '';
        problems.push({
          ruleId: issue.code === 'too_big' ? 'cell-limit' : 'cell-type',
          message: `${where} ${actual}; it must be ${relation} ${String(bound)}${unit}`,
          place: source.valueAt(path),
        });
        break;
      }
      case 'invalid_value': {
        const options = issue.values.map(String);
        const hint = typeof input === 'string' ? didYouMean(input, options) : '';
        problems.push({
          ruleId: 'cell-type',
          message: `${where} must be ${options.length === 1 ? `"${options[0]}"` : `one of ${options.map((o) => `"${o}"`).join(', ')}`}, not ${describeValue(input)}${hint}`,
          place: source.valueAt(path),
        });
        break;
      }
      default:
        problems.push({
          ruleId: 'cell-type',
          message: issue.message.startsWith('must ') ? `${where} ${issue.message}` : `${where}: ${issue.message}`,
          place: source.valueAt(path),
        });
    }
  }
  return problems;
}
