/**
 * micromark 4 merges adjacent `data` tokens of inline text with one `Array#splice` per
 * run of them (`initialize/text.js`, "a rather boring computation"), so a paragraph with
 * many runs is quadratic: 60 kB of `[a][a]…` took 1.8 s, nearly all of it there.
 *
 * The same merge done in one pass with a write index gives the same events (each run
 * keeps its first token, extended to the end of the run's last); micromark's own resolver
 * then finds nothing left to merge and goes on to its line-suffix pass. `index.ts` wraps
 * the resolvers with it while mlpost parses; `test/parse/micromark-fixes.test.ts`
 * compares it with micromark's own resolver on generated event lists.
 */

/** The parts of a micromark event this merge reads and writes. */
export type DataEvent = [kind: 'enter' | 'exit', token: { type: string; end: unknown }, context: unknown];

/** Merge runs of adjacent `data` events as micromark's text resolver does, in linear time. */
export function mergeAdjacentData<E extends DataEvent>(events: E[]): E[] {
  let write = 0;
  let index = 0;
  while (index < events.length) {
    if (events[index]![1].type !== 'data') {
      events[write++] = events[index++]!;
      continue;
    }
    let end = index;
    while (end < events.length && events[end]![1].type === 'data') end++;
    // micromark keeps the run's first two events (the first token's enter and exit).
    if (end - index !== 2) events[index]![1].end = events[end - 1]![1].end;
    events[write++] = events[index]!;
    if (index + 1 < end) events[write++] = events[index + 1]!;
    index = end;
  }
  events.length = write;
  return events;
}

/** A resolver that merges in linear time first, then runs micromark's `original` (now cheap). */
export function linearTextResolver<E extends DataEvent, C>(original: (events: E[], context: C) => E[]) {
  return (events: E[], context: C): E[] => original(mergeAdjacentData(events), context);
}
