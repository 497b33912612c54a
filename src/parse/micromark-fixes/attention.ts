/**
 * Emphasis (`*`, `_`) as micromark-extension-cjk-friendly 3 resolves it (its
 * `resolveAllAttention`, micromark's own with CJK-aware flanking decided by the tokenizer),
 * in linear time. The original walks back from every closing run over the whole paragraph
 * for an opening one, and remakes the paragraph's event list and re-resolves everything
 * inside for every emphasis it makes: 60 kB of `a* ` took 9 s, `*` × 8 000, `x`, `*` × 8 000
 * took 6.4 s, emphasis nested 4 000 deep 14 s.
 *
 * The same pairing, made with a stack of the runs that may open (`OpenerStack`) and groups
 * kept whole (`span-groups.ts`). Everything else is the original's (MIT, © Titus Wormer and
 * Tatsunori Uchino): which runs pair (same marker, the rule of 3 on what is left of both
 * runs), how many markers a pairing uses, the tokens and points it makes, what is left of
 * the runs, and the span resolvers run on the text between. `index.ts` puts it in place
 * while mlpost parses, once `probes.ts` found that it resolves the probe posts as the
 * original does; `test/parse/micromark-fixes.test.ts` compares the two on generated text.
 */
import type { Event, Point, Token, TokenizeContext } from 'micromark-util-types';
import { OpenerStack, isEvent, makeGroup, resolveInsideSpan, resolveWithGroups, type Item } from './span-groups.js';

const SEQUENCE = 'attentionSequence';

/** `resolveAll` of the attention construct, in linear time. */
export function resolveAllAttentionLinear(events: Event[], context: TokenizeContext): Event[] {
  return resolveWithGroups(events, (items) => pairAttention(items, context));
}

function pairAttention(items: readonly Item[], context: TokenizeContext): Item[] {
  const out: Item[] = [];
  const openers = new OpenerStack();
  // The marker of a run: the original reads the run's first character every time.
  const markers = new Map<Token, number>();
  const markerOf = (token: Token) => {
    let marker = markers.get(token);
    if (marker === undefined) markers.set(token, (marker = context.sliceSerialize(token).charCodeAt(0)));
    return marker;
  };
  const tokenAt = (position: number) => (out[position] as Event)[1];

  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    if (!isEvent(item) || item[1].type !== SEQUENCE) {
      out.push(item);
      continue;
    }
    const token = item[1];
    if (item[0] === 'exit' || !token._close) {
      out.push(item);
      if (item[0] === 'exit' && token._open) openers.push(out.length - 1);
      continue;
    }
    // A run that may close: its exit event is next (a run has no children).
    const closer = token;
    const exit = items[++index] as Event;
    let paired = false;
    while (length(closer) > 0) {
      const marker = markerOf(closer);
      const closerLength = length(closer);
      const kind = `${marker} ${closer._open ? 1 : 0} ${closerLength % 3}`;
      const found = openers.find(kind, (position) => {
        const opener = tokenAt(position);
        if (markerOf(opener) !== marker) return false;
        // The rule of 3.
        return !((opener._close || closer._open) && closerLength % 3 && !((length(opener) + closerLength) % 3));
      });
      if (found === undefined) break;
      paired = true;
      const position = openers.positions[found]!;
      const opener = tokenAt(position);
      openers.cutAt(found);
      const use = length(opener) > 1 && closerLength > 1 ? 2 : 1;
      const start = { ...opener.end };
      const end = { ...closer.start };
      movePoint(start, -use);
      movePoint(end, use);
      const openingSequence: Token = { type: use > 1 ? 'strongSequence' : 'emphasisSequence', start, end: { ...opener.end } };
      const closingSequence: Token = { type: use > 1 ? 'strongSequence' : 'emphasisSequence', start: { ...closer.start }, end };
      const text: Token = { type: use > 1 ? 'strongText' : 'emphasisText', start: { ...opener.end }, end: { ...closer.start } };
      const group: Token = { type: use > 1 ? 'strong' : 'emphasis', start: { ...openingSequence.start }, end: { ...closingSequence.end } };
      opener.end = { ...openingSequence.start };
      closer.start = { ...closingSequence.end };
      const inner = out.slice(position + 1);
      // The opener's enter event is right before its exit event.
      out.length = position - 1;
      if (length(opener) > 0) {
        out.push(['enter', opener, context], ['exit', opener, context]);
        openers.push(out.length - 1);
      }
      out.push(
        makeGroup([
          ['enter', group, context],
          ['enter', openingSequence, context],
          ['exit', openingSequence, context],
          ['enter', text, context],
          ...resolveInsideSpan(inner, context),
          ['exit', text, context],
          ['enter', closingSequence, context],
          ['exit', closingSequence, context],
          ['exit', group, context],
        ]),
      );
    }
    if (length(closer) > 0) {
      if (paired) out.push(['enter', closer, context], ['exit', closer, context]);
      else out.push(item, exit);
      if (closer._open) openers.push(out.length - 1);
    }
  }
  // Runs left over are text.
  for (const item of out) if (isEvent(item) && item[1].type === SEQUENCE) item[1].type = 'data';
  return out;
}

function length(token: Token): number {
  return token.end.offset - token.start.offset;
}

/** The original's `movePoint`: within a line only. */
function movePoint(point: Point, offset: number): void {
  point.column += offset;
  point.offset += offset;
  point._bufferIndex += offset;
}
