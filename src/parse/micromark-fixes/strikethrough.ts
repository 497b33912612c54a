/**
 * Strikethrough (`~~`) as micromark-extension-gfm-strikethrough 2 resolves it (its
 * `resolveAllStrikethrough`), in linear time. Like emphasis (`attention.ts`), the original
 * walks back over the whole paragraph from every closing run and remakes the event list
 * for every strikethrough: 80 kB of `a~~ ` took 5.8 s, `~~` nested 4 000 deep 11 s.
 *
 * The same pairing, made with a stack of the runs that may open and groups kept whole
 * (`span-groups.ts`); the rest is the original's (MIT, © Titus Wormer): a closing run pairs
 * with the nearest opening run of the same length, both become `strikethroughSequence`,
 * the span resolvers run on the text between, runs left over are text.
 */
import type { Event, Token, TokenizeContext } from 'micromark-util-types';
import { OpenerStack, isEvent, makeGroup, resolveInsideSpan, resolveWithGroups, type Item } from './span-groups.js';

const TEMPORARY = 'strikethroughSequenceTemporary';

/** `resolveAll` of the strikethrough construct, in linear time. */
export function resolveAllStrikethroughLinear(events: Event[], context: TokenizeContext): Event[] {
  return resolveWithGroups(events, (items) => pairStrikethrough(items, context));
}

function pairStrikethrough(items: readonly Item[], context: TokenizeContext): Item[] {
  const out: Item[] = [];
  const openers = new OpenerStack();
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    if (!isEvent(item) || item[1].type !== TEMPORARY || item[0] === 'exit' || !item[1]._close) {
      out.push(item);
      if (isEvent(item) && item[0] === 'exit' && item[1].type === TEMPORARY && item[1]._open) openers.push(out.length - 1);
      continue;
    }
    const closer = item[1];
    const exit = items[++index] as Event;
    const size = length(closer);
    const found = openers.find(String(size), (position) => length((out[position] as Event)[1]) === size);
    if (found === undefined) {
      out.push(item, exit);
      if (closer._open) openers.push(out.length - 1);
      continue;
    }
    const position = openers.positions[found]!;
    const opener = (out[position] as Event)[1];
    openers.cutAt(found);
    closer.type = 'strikethroughSequence';
    opener.type = 'strikethroughSequence';
    const strikethrough: Token = { type: 'strikethrough', start: { ...opener.start }, end: { ...closer.end } };
    const text: Token = { type: 'strikethroughText', start: { ...opener.end }, end: { ...closer.start } };
    const inner = out.slice(position + 1);
    out.length = position - 1;
    // Without span resolvers the original leaves the text between out.
    const between = context.parser.constructs.insideSpan.null ? resolveInsideSpan(inner, context) : [];
    out.push(
      makeGroup([
        ['enter', strikethrough, context],
        ['enter', opener, context],
        ['exit', opener, context],
        ['enter', text, context],
        ...between,
        ['exit', text, context],
        ['enter', closer, context],
        ['exit', closer, context],
        ['exit', strikethrough, context],
      ]),
    );
  }
  for (const item of out) if (isEvent(item) && item[1].type === TEMPORARY) item[1].type = 'data';
  return out;
}

function length(token: Token): number {
  return token.end.offset - token.start.offset;
}
