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

/**
 * Posts that exercise the document tokenizer and the blank-line check: lazy lines in
 * quotes and lists (ending in a new block, a fence, a table), nested lists with blank and
 * indented lines, tabs, containers closed at the end of the text.
 */
export const TOKENIZER_PROBES: readonly string[] = [
  '',
  '> a\nb\nc\n\nd\n',
  '> a\n> b\nc\n- d\ne\n',
  '- a\n  - b\n    - c\nlazy\n\n      code\n  back\n',
  '> ~~~\nx\n> ~~~\n> | a |\n| - |\n',
  '1. one\n\n   two\n\n3) three\n   - x\n\t- y\n  \n-\n  z',
  '> > deep\nlazy\n> # heading\n>\n> - item\n  cont\n',
  '* a\n\n\n* b\n    indented\n  *  c\n     d\n',
  '    code\n> quote\n    lazy code?\n---\n',
];

/** One event as the probes compare it: kind, type and where it starts and ends. */
function eventShape(event: unknown): string {
  const [kind, token] = event as [string, { type: string; start: { offset: number }; end: { offset: number } }];
  return `${kind} ${token.type} ${token.start.offset}-${token.end.offset}`;
}

/**
 * Posts for the fixes of extension constructs: footnote calls written `![^name]` (defined,
 * undefined, escaped, spaced, after links and brackets), and emphasis and strikethrough
 * in every arrangement that decides a pairing (nesting, the rule of 3, runs left over,
 * both markers, CJK flanking, links and code inside, unpaired runs).
 */
export const FOOTNOTE_PROBES: readonly string[] = [
  '![^a] ![^b] ![^a](u) [^a] ![x ![^a] ![^a\\]b] ![ ^a ] ![^a\n] ![^A]\n\n[^a]: one\n[^a\\]b]: two\n',
  'a] ![^a] b] [x] ![^a ![^a]] ![y][^a] `![^a]` ![^a]]\n\n[^a]: x\n',
  '> ![^a]\n> ![^a\n\n[^a]: x\n',
];
export const SPAN_PROBES: readonly string[] = [
  '*a* **b** ***c*** _d_ __e__ *a **b* c** ~~d *e~~ f*\n',
  '***a** b* *a **b*** a* b_ *c _d **a*b*c** *a**b**c* x****y****z ____a____\n',
  '[*a*](u) *[b*](v) ~~[c~~](w) *`a*`* ~~a `~~` b~~\n',
  '中文**强调**中文 *テスト*です **「引用」**あ ~~删除~~线\n',
  '~a~ ~~b~~ ~~~c~~~ ~~d~ e~~ ~~a ~~b~~ c~~ *a ~~b* c~~ ~~a *b~~ c*\n',
  '*a _b* c_ **d __e** f__ *a\nb* **a\n\nb** _a_b_ *a*b*\n',
];

/**
 * Whether parsing every one of `texts` (with `parse`, the build's parser given the
 * extensions) gives the same events with `target[key]` replaced by `replacement` as with
 * its own function (which is put back either way), and really calls the replacement (so
 * `target` is the object the parser uses).
 */
export function behavesAlike(parse: (text: string) => unknown[], target: Record<string, unknown>, key: string, replacement: unknown, texts: readonly string[]): boolean {
  const original = target[key];
  if (typeof replacement !== 'function') return false;
  let calls = 0;
  const counted = function (this: unknown, ...args: unknown[]) {
    calls++;
    return (replacement as (...args: unknown[]) => unknown).apply(this, args);
  };
  const run = (text: string, value: unknown) => {
    target[key] = value;
    try {
      return parse(text).map(eventShape).join('\n');
    } finally {
      target[key] = original;
    }
  };
  try {
    return texts.every((text) => run(text, original) === run(text, counted)) && calls > 0;
  } catch {
    return false;
  }
}

/** {@link behavesAlike} on the document probes ({@link TOKENIZER_PROBES}). */
export function tokenizesAlike(parseEvents: (text: string) => unknown[], target: Record<string, unknown>, key: string, replacement: unknown): boolean {
  return behavesAlike(parseEvents, target, key, replacement, TOKENIZER_PROBES);
}
