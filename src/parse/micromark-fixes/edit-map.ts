/**
 * micromark 4's `EditMap.consume` (micromark-util-edit-map 1.0.0) copies the whole event
 * list of the document every time it applies an edit, and the document tokenizer applies
 * one each time a quote or list closes — so parsing is quadratic in the number of those
 * blocks: a 1 MB post of short lists took 43 s, three quarters of it in `consume`.
 *
 * The same edits applied from the first edited index onwards give the same events (the
 * result is `events[0:a₁] + add₁ + events[a₁+r₁:a₂] + add₂ + … + events[aₖ+rₖ:]`, as the
 * original builds it), in time proportional to the part after the first edit, which is
 * the last few lines. `index.ts` puts it in place of the original while mlpost parses;
 * `test/parse/micromark-fixes.test.ts` checks it against micromark's own `consume`.
 */
import type { Event } from 'micromark-util-types';

type Change = [at: number, remove: number, add: Event[]];
/** The fields of an `EditMap` that `consume` reads (checked at start-up, see `index.ts`). */
export interface EditMapInternals {
  map: Change[];
  index: Map<number, Change>;
}

/** `consume` with the original's result, touching only the events from the first edit on. */
export function consumeFromFirstEdit(this: EditMapInternals, events: Event[]): undefined {
  if (this.map.length === 0) return undefined;
  this.map.sort((a, b) => a[0] - b[0]);
  const start = this.map[0]![0];
  const tail: Event[] = [];
  let cursor = start;
  for (const [at, remove, add] of this.map) {
    for (let index = cursor; index < at && index < events.length; index++) tail.push(events[index]!);
    for (const event of add) tail.push(event);
    cursor = at + remove;
  }
  for (let index = cursor; index < events.length; index++) tail.push(events[index]!);
  if (events.length > start) events.length = start;
  for (const event of tail) events.push(event);
  this.map.length = 0;
  this.index.clear();
  return undefined;
}
