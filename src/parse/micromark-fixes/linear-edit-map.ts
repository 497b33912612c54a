/**
 * micromark 4's `EditMap.consume` (micromark-util-edit-map 1.0.0) copies the whole event
 * list of the document every time it applies an edit, and the document tokenizer applies
 * one each time a quote or list closes — so parsing is quadratic in the number of those
 * blocks: a 1 MB post of short lists took 43 s, three quarters of it in `consume`.
 *
 * The same edits applied from the first edited index onwards give the same events (the
 * result is `events[0:a₁] + add₁ + events[a₁+r₁:a₂] + add₂ + … + events[aₖ+rₖ:]`, as the
 * original builds it), in time proportional to the part after the first edit, which is
 * the last few lines. The replacement is installed once, process-wide, on the class that
 * micromark imports; test/hostile/linear-edit-map.test.ts checks it against the original
 * on random edits.
 */
import { EditMap } from 'micromark-util-edit-map';

type Events = Parameters<EditMap['consume']>[0];
type Change = [at: number, remove: number, add: Events];
interface EditMapInternals {
  map: Change[];
  index: Map<number, Change>;
}

/** `consume` with the original's result, touching only the events from the first edit on. */
export function consumeFromFirstEdit(this: EditMap, events: Events): undefined {
  const self = this as unknown as EditMapInternals;
  if (self.map.length === 0) return undefined;
  self.map.sort((a, b) => a[0] - b[0]);
  const start = self.map[0]![0];
  const tail: Events = [];
  let cursor = start;
  for (const [at, remove, add] of self.map) {
    for (let index = cursor; index < at && index < events.length; index++) tail.push(events[index]!);
    for (const event of add) tail.push(event);
    cursor = at + remove;
  }
  for (let index = cursor; index < events.length; index++) tail.push(events[index]!);
  if (events.length > start) events.length = start;
  for (const event of tail) events.push(event);
  self.map.length = 0;
  self.index.clear();
  return undefined;
}

/** The original `consume`, kept for the equivalence test. */
export const originalConsume: EditMap['consume'] = EditMap.prototype.consume;

/** Install {@link consumeFromFirstEdit} (idempotent). */
export function installLinearEditMap(): void {
  EditMap.prototype.consume = consumeFromFirstEdit;
}

installLinearEditMap();
