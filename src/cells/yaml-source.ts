/**
 * A cell body as YAML with positions: every value and key can be traced back to its line
 * and column in the body (line 1 = the line after the fence), for diagnostics.
 */
import { LineCounter, isMap, isPair, isScalar, parseDocument, type Document } from 'yaml';
import { placeInText, resolveYaml, yamlLimitProblem } from '../limits/yaml.js';

/** A place in the cell body, 1-based. */
export interface BodyPlace {
  line: number;
  column: number;
}

/** A parsed body: the plain value and a way to find where any part of it was written. */
export interface YamlSource {
  value: unknown;
  /** Where the value at `path` starts (or, failing that, its nearest ancestor). */
  valueAt(path: ReadonlyArray<PropertyKey>): BodyPlace;
  /** Where the key `key` of the map at `path` is written. */
  keyAt(path: ReadonlyArray<PropertyKey>, key: string): BodyPlace;
}

/** A YAML syntax error at its place. */
export interface YamlProblem {
  message: string;
  place: BodyPlace;
}

function firstLinePlace(): BodyPlace {
  return { line: 1, column: 1 };
}

/** Parse a cell body; syntax errors come back as problems (the first one of each kind). */
export function parseYamlSource(body: string): { source?: YamlSource; problems: YamlProblem[] } {
  const lineCounter = new LineCounter();
  const at = (offset: number): BodyPlace => {
    const place = lineCounter.linePos(offset);
    return { line: place.line, column: place.col };
  };
  const tooMuch = yamlLimitProblem(body);
  if (tooMuch) {
    return { problems: [{ message: tooMuch.message, place: placeInText(body, tooMuch.offset) }] };
  }
  const doc: Document = parseDocument(body, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => {
        const at = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
        return { message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), place: { line: at.line, column: at.col } };
      }),
    };
  }
  const placeOf = (offset: number | undefined): BodyPlace => {
    if (offset === undefined) return firstLinePlace();
    const at = lineCounter.linePos(offset);
    return { line: at.line, column: at.col };
  };
  const nodeAt = (anyPath: ReadonlyArray<PropertyKey>): { node: unknown; depth: number } => {
    const path = anyPath.filter((part): part is string | number => typeof part !== 'symbol');
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (node && typeof node === 'object' && 'range' in node) return { node, depth };
    }
    return { node: undefined, depth: 0 };
  };
  // A billion-laughs expansion or an alias to no anchor: a problem at the alias.
  const resolved = resolveYaml(doc, body);
  if ('problem' in resolved) return { problems: [{ message: resolved.problem.message, place: at(resolved.problem.offset) }] };
  const source: YamlSource = {
    value: resolved.value,
    valueAt(path) {
      const { node } = nodeAt(path);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      return placeOf(range?.[0]);
    },
    keyAt(path, key) {
      const { node, depth } = nodeAt(path);
      // depth counts string/number parts only; zod paths never hold symbols.
      if (depth === path.length && isMap(node)) {
        for (const pair of node.items) {
          if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) return placeOf(pair.key.range?.[0]);
        }
      }
      return placeOf((node as { range?: [number, number, number] } | undefined)?.range?.[0]);
    },
  };
  return { source, problems: [] };
}
