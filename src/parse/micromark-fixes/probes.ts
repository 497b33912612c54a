/**
 * Start-up checks that micromark's functions are the ones the fixes were written for,
 * by what they do rather than by their source text (which bundlers and loaders such as
 * tsx rewrite): each original and its replacement run on the same fixed inputs and must
 * give the same result. A micromark whose `EditMap` keeps its edits elsewhere, or whose
 * text resolver merges differently, fails a probe and is left alone.
 */
import { consumeFromFirstEdit, type EditMapInternals } from './edit-map.js';
import { mergeAdjacentData, type DataEvent } from './text-resolver.js';

type EditMapInstance = EditMapInternals & {
  add(at: number, remove: number, add: unknown[]): void;
  addBefore(at: number, remove: number, add: unknown[]): void;
};
type Consume = (this: EditMapInternals, events: unknown[]) => unknown;

/** Edit scripts `[at, remove, add, before]` on the events `0 … 11`. */
const EDIT_PROBES: ReadonlyArray<ReadonlyArray<[number, number, number[], boolean]>> = [
  [],
  [[3, 2, [100, 101], false]],
  [[8, 0, [200], false], [2, 1, [], false], [5, 3, [300, 301, 302], false]],
  [[4, 1, [400], false], [4, 0, [401], true], [4, 0, [402], false]],
  [[0, 12, [500], false]],
  [[11, 1, [], false], [0, 0, [600, 601], true]],
];

/** Whether `consume` on `prototype`'s class gives what {@link consumeFromFirstEdit} gives on every probe. */
export function consumeMatches(prototype: unknown): boolean {
  const EditMap = (prototype as { constructor?: new () => EditMapInstance }).constructor;
  const consume = (prototype as { consume?: Consume }).consume;
  if (typeof EditMap !== 'function' || typeof consume !== 'function') return false;
  return EDIT_PROBES.every((edits) => {
    const run = (apply: Consume): unknown[] | undefined => {
      const map = new EditMap();
      if (!Array.isArray(map.map) || !(map.index instanceof Map)) return undefined;
      for (const [at, remove, add, before] of edits) (before ? map.addBefore : map.add).call(map, at, remove, [...add]);
      const events = Array.from({ length: 12 }, (_, index) => index);
      apply.call(map, events);
      return events;
    };
    const upstream = run(consume);
    return upstream !== undefined && sameJson(upstream, run(consumeFromFirstEdit as Consume));
  });
}

/** Token types of event streams with runs of `data` in every position. */
const MERGE_PROBES: ReadonlyArray<readonly string[]> = [
  [],
  ['data'],
  ['data', 'data', 'data'],
  ['emphasis', 'data', 'data', 'strong', 'data'],
  ['data', 'data', 'lineEnding', 'data', 'emphasis', 'data', 'data', 'data', 'data'],
];

/** Whether `resolveAll` merges data tokens as {@link mergeAdjacentData} does, on every probe. */
export function mergeMatches(resolveAll: unknown): boolean {
  if (typeof resolveAll !== 'function') return false;
  return MERGE_PROBES.every((types) => {
    const stream = (): DataEvent[] =>
      types.flatMap((type, id): DataEvent[] => {
        const token = { type, end: id, id };
        return [['enter', token, undefined], ['exit', token, undefined]];
      });
    const shape = (events: DataEvent[]) => events.map(([kind, token]) => [kind, token.type, (token as { id?: number }).id, token.end]);
    return sameJson(shape((resolveAll as (events: DataEvent[], context: unknown) => DataEvent[])(stream(), undefined)), shape(mergeAdjacentData(stream())));
  });
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
