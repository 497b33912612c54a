/**
 * micromark's speed fixes (src/parse/micromark-fixes/): found in the installed micromark,
 * equal to micromark's own code (not a copy of it) on generated input, in place only while
 * mlpost parses, left off with a warning for a micromark they were not written for.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { consumeFromFirstEdit, type EditMapInternals } from '../../src/parse/micromark-fixes/edit-map.js';
import { mergeAdjacentData, type DataEvent } from '../../src/parse/micromark-fixes/text-resolver.js';
import { fixesOffWarning, micromarkFixStatus, planFixes, withMicromarkFixes } from '../../src/parse/micromark-fixes/index.js';
import { loadMicromarkBuilds } from '../../src/parse/micromark-fixes/micromark-files.js';
import { renderPost } from '../../src/pipeline/render-post.js';

const SEED = 11;
const builds = loadMicromarkBuilds();
type Consume = (this: EditMapInternals, events: unknown[]) => void;
type Resolve = (events: DataEvent[], context: unknown) => DataEvent[];
const editMapClass = (prototype: unknown) => (prototype as { constructor: new () => EditMapInternals & { add: Function; addBefore: Function } }).constructor;

describe('micromark speed fixes', () => {
  it('are found and applied in every installed build of micromark', () => {
    const statuses = micromarkFixStatus();
    expect(statuses.map((status) => status.name)).toEqual(
      builds.flatMap(({ build }) => [
        `edit-map consume (${build})`,
        ...['resolver', 'string', 'text'].map((carrier) => `text resolveAll of ${carrier} (${build})`),
        `document lazy lines (${build})`,
        `blank line (${build})`,
      ]),
    );
    expect(statuses.filter((status) => !status.applied)).toEqual([]);
    expect(builds[0]!.build).toBe('lib');
  });

  it("give the events micromark's own EditMap.consume gives", () => {
    const edit = fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 5 }), fc.array(fc.integer({ min: 100, max: 999 }), { maxLength: 4 }), fc.boolean());
    for (const { editMapPrototype } of builds) {
      const EditMap = editMapClass(editMapPrototype);
      const micromarkConsume = (editMapPrototype as { consume: Consume }).consume;
      expect(micromarkConsume).not.toBe(consumeFromFirstEdit);
      fc.assert(
        fc.property(fc.array(fc.integer(), { maxLength: 40 }), fc.array(edit, { maxLength: 8 }), (initial, edits) => {
          // Edits past the end make the original leave holes; micromark never asks for those.
          fc.pre(edits.every(([at, remove]) => at + remove <= initial.length));
          const run = (consume: Consume) => {
            const map = new EditMap();
            for (const [at, remove, add, before] of edits) (before ? map.addBefore : map.add).call(map, at, remove, [...add]);
            const events: unknown[] = [...initial];
            consume.call(map, events);
            return events;
          };
          expect(run(consumeFromFirstEdit as Consume)).toEqual(run(micromarkConsume));
        }),
        { numRuns: 300, seed: SEED },
      );
    }
  });

  it("merge data tokens as micromark's own text resolver does", () => {
    const streams = fc.array(fc.constantFrom('data', 'data', 'data', 'emphasis', 'lineEnding'), { maxLength: 60 }).map((types) => {
      const events: DataEvent[] = [];
      types.forEach((type, id) => {
        const token = { type, end: id, id };
        events.push(['enter', token, null], ['exit', token, null]);
      });
      return events;
    });
    const copy = (list: DataEvent[]): DataEvent[] => {
      const tokens = new Map<object, DataEvent[1]>();
      return list.map(([kind, token, context]) => {
        if (!tokens.has(token)) tokens.set(token, { ...token });
        return [kind, tokens.get(token)!, context];
      });
    };
    const snapshot = (events: DataEvent[]) => events.map(([kind, token]) => [kind, token.type, (token as { id?: number }).id, token.end]);
    for (const { textInitializers } of builds) {
      // `resolver` is micromark's merge alone (`string` and `text` add a line-suffix pass).
      const micromarkMerge = (textInitializers.resolver as { resolveAll: Resolve }).resolveAll;
      fc.assert(
        fc.property(streams, (events) => {
          expect(snapshot(mergeAdjacentData(copy(events)))).toEqual(snapshot(micromarkMerge(copy(events), undefined)));
        }),
        { numRuns: 300, seed: SEED },
      );
    }
  });

  it('are in place only while mlpost parses', () => {
    const prototype = builds[0]!.editMapPrototype as { consume: unknown };
    const upstream = prototype.consume;
    expect(withMicromarkFixes(() => prototype.consume)).toBe(consumeFromFirstEdit);
    expect(withMicromarkFixes(() => withMicromarkFixes(() => prototype.consume))).toBe(consumeFromFirstEdit);
    expect(prototype.consume).toBe(upstream);
    // A plain remark-parse in the same process runs micromark as published.
    unified().use(remarkParse).parse('> a\n\n- b\n');
    expect(prototype.consume).toBe(upstream);
    expect(() => withMicromarkFixes(() => { throw new Error('boom'); })).toThrow('boom');
    expect(prototype.consume).toBe(upstream);
  });

  it('leave a micromark that changed alone, and say why', () => {
    const upstream = builds[0]!;
    // An EditMap that keeps its edits elsewhere, a resolver that no longer merges.
    class ChangedEditMap {
      edits: unknown[] = [];
      add(...edit: unknown[]) { this.edits.push(edit); }
      addBefore(...edit: unknown[]) { this.edits.unshift(edit); }
      consume(events: unknown[]) { return events; }
    }
    const keepsEvents = { resolveAll: (events: DataEvent[]) => events };
    // A document tokenizer that reads nothing; a blank-line construct without a tokenizer.
    const readsNothing = { tokenize: () => () => undefined };
    const statuses = planFixes([{ ...upstream, editMapPrototype: ChangedEditMap.prototype, textInitializers: { resolver: keepsEvents, string: {}, text: upstream.textInitializers.text }, documentInitializer: readsNothing, blankLines: [{}] }]).statuses;
    expect(statuses).toEqual([
      { name: 'edit-map consume (lib)', applied: false, reason: 'consume does not do what the fix was written for' },
      { name: 'text resolveAll of resolver (lib)', applied: false, reason: 'resolveAll does not do what the fix was written for' },
      { name: 'text resolveAll of string (lib)', applied: false, reason: 'resolveAll not found' },
      { name: 'text resolveAll of text (lib)', applied: false, reason: 'resolveAll does not do what the fix was written for' },
      { name: 'document lazy lines (lib)', applied: false, reason: 'tokenize does not do what the fix was written for' },
      { name: 'blank line (lib)', applied: false, reason: 'tokenize not found' },
    ]);
    expect(fixesOffWarning(statuses)).toMatch(/^mlpost: micromark is not the version its speed fixes were written for, so they are off \(parsing is correct; .*edit-map consume \(lib\): consume does not do/);
    expect(fixesOffWarning(micromarkFixStatus())).toBeUndefined();
  });

  it('accept micromark rewritten by a loader or bundler (same behaviour, other source text)', () => {
    const upstream = builds[0]!;
    const prototype = upstream.editMapPrototype as { consume: Consume };
    class Rebuilt extends (editMapClass(prototype) as new () => object) {}
    (Rebuilt.prototype as { consume: unknown }).consume = function consume(this: EditMapInternals, events: unknown[]) { return prototype.consume.call(this, events); };
    expect(planFixes([{ ...upstream, editMapPrototype: Rebuilt.prototype }]).statuses.every((status) => status.applied)).toBe(true);
  });

  // Lines that open, continue and lazily continue quotes and lists, with tabs, blank lines,
  // fences and tables: the places where the document tokenizer and the blank-line check matter.
  const line = fc.tuple(
    fc.constantFrom('', ' ', '  ', '   ', '    ', '\t', ' \t', '      '),
    fc.array(fc.constantFrom('> ', '>', '- ', '* ', '1. ', '2) ', '-\t', '> - '), { maxLength: 3 }),
    fc.constantFrom('text', 'more text', '', '  ', '\t', '~~~', '```js', '| a | b |', '| - | - |', '# h', '---', '<div>', 'x *y*', '[a]: b', '    code'),
  ).map(([indent, markers, rest]) => indent + markers.join('') + rest);
  const posts = fc.array(line, { maxLength: 14 }).map((lines) => lines.join('\n'));

  it("tokenize as micromark's own document tokenizer and blank-line check do", () => {
    type Target = Record<string, unknown>;
    const shape = (events: unknown[]) => events.map((event) => {
      const [kind, token] = event as [string, { type: string; start: { offset: number }; end: { offset: number } }];
      return `${kind} ${token.type} ${token.start.offset}-${token.end.offset}`;
    });
    for (const build of builds) {
      const { patches } = planFixes([build]);
      const mine = patches.filter((patch) => patch.target === build.documentInitializer || build.blankLines.includes(patch.target));
      expect(mine).toHaveLength(2);
      fc.assert(
        fc.property(posts, (text) => {
          const upstream = shape(build.parseEvents(text));
          for (const patch of mine) (patch.target as Target)[patch.key] = patch.replacement;
          try {
            expect(shape(build.parseEvents(text))).toEqual(upstream);
          } finally {
            for (const patch of mine) (patch.target as Target)[patch.key] = patch.original;
          }
        }),
        { numRuns: 500, seed: SEED },
      );
    }
  });

  it('make a paragraph of many bracket pairs linear (60 kB of `[a]` took 1.8 s)', async () => {
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
