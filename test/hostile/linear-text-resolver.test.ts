import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeAdjacentData } from '../../src/parse/micromark-fixes/linear-text-resolver.js';
import { renderPost } from '../../src/pipeline/render-post.js';

type Token = { type: string; end: number; id: number };
type Event = ['enter' | 'exit', Token, unknown];

/** micromark 4's merge, as written in micromark/lib/initialize/text.js (with its splices). */
function micromarkMerge(events: Event[]): Event[] {
  let index = -1;
  let enter: number | undefined;
  while (++index <= events.length) {
    if (enter === undefined) {
      if (events[index] && events[index]![1].type === 'data') {
        enter = index;
        index++;
      }
    } else if (!events[index] || events[index]![1].type !== 'data') {
      if (index !== enter + 2) {
        events[enter]![1].end = events[index - 1]![1].end;
        events.splice(enter + 2, index - enter - 2);
        index = enter + 2;
      }
      enter = undefined;
    }
  }
  return events;
}

/** Token streams of data and other tokens, as enter/exit pairs. */
const streams = fc.array(fc.constantFrom('data', 'data', 'data', 'emphasis', 'lineEnding'), { maxLength: 60 }).map((types) => {
  const events: Event[] = [];
  types.forEach((type, id) => {
    const token: Token = { type, end: id, id };
    events.push(['enter', token, null], ['exit', token, null]);
  });
  return events;
});

const snapshot = (events: Event[]) => events.map(([kind, token]) => [kind, token.type, token.id, token.end]);

describe("linear merge of micromark's inline data tokens", () => {
  it('gives the events micromark gives, on generated streams', () => {
    fc.assert(
      fc.property(streams, (events) => {
        const copy = (list: Event[]): Event[] => {
          const tokens = new Map<Token, Token>();
          return list.map(([kind, token, context]) => {
            if (!tokens.has(token)) tokens.set(token, { ...token });
            return [kind, tokens.get(token)!, context];
          });
        };
        expect(snapshot(mergeAdjacentData(copy(events)))).toEqual(snapshot(micromarkMerge(copy(events))));
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it('makes a paragraph of many bracket pairs linear (60 kB of `[a]` took 1.8 s)', async () => {
    const time = async (count: number) => {
      const started = performance.now();
      const post = await renderPost('[a]'.repeat(count));
      expect(post.html).toBe(`<p>${'[a]'.repeat(count)}</p>`);
      return performance.now() - started;
    };
    await time(1000);
    expect((await time(20_000)) / (await time(5000))).toBeLessThan(8);
  });
});
