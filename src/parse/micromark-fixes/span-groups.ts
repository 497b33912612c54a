/**
 * What the linear emphasis and strikethrough resolvers (`attention.ts`, `strikethrough.ts`)
 * share: a pairing pass over a paragraph's events that keeps the groups it made (an
 * emphasis, a strikethrough) as one item each, so that making the next group around them
 * neither copies nor re-reads their events.
 *
 * micromark's resolvers make each group by splicing it into the whole event list and by
 * running the paragraph's span resolvers (`insideSpan`: emphasis, strikethrough, the data
 * merge) again over everything between its delimiters, groups made before included: a
 * paragraph nesting 4 000 emphases deep read its events 4 000 times. A group's events,
 * once made, hold no delimiter a resolver pairs (the span resolvers turned those left over
 * into data) and no data next to data (merged), so every span resolver passes over them
 * without a change: handing the resolvers the group's two outer events instead of all of
 * them (a placeholder) gives the same result, and the group is put back whole at the end.
 */
import type { Event, Token, TokenizeContext } from 'micromark-util-types';

/** A group made by one of the linear resolvers: its events, groups inside it as items. */
export interface GroupItem {
  readonly enter: Event;
  readonly exit: Event;
  readonly events: readonly Item[];
}

/** An event, or a group made by a linear resolver during the current resolution. */
export type Item = Event | GroupItem;

export function isEvent(item: Item): item is Event {
  return Array.isArray(item);
}

/** Groups made during the current outermost resolution, by their outer token. */
let groups: Map<Token, GroupItem> | undefined;
/** How many linear resolutions are running (a resolution runs the span resolvers inside it). */
let depth = 0;

/**
 * Run a linear resolver on `events`: `resolve` gets items (placeholders turned back into
 * groups) and returns items. The outermost call returns every event, written back into
 * `events` as micromark's resolvers do; a call made from inside another (through the span
 * resolvers) returns placeholders, which the caller turns back into its groups.
 */
export function resolveWithGroups(events: Event[], resolve: (items: Item[]) => Item[]): Event[] {
  const outermost = depth === 0;
  if (outermost) groups = new Map();
  depth++;
  try {
    const items = resolve(toItems(events));
    const result = outermost ? flatten(items) : toPlaceholders(items);
    events.length = result.length;
    for (let index = 0; index < result.length; index++) events[index] = result[index]!;
    return events;
  } finally {
    depth--;
    if (outermost) groups = undefined;
  }
}

/** Keep `events` (a group's, from its enter event to its exit event) as one item. */
export function makeGroup(events: Item[]): GroupItem {
  const group: GroupItem = { enter: events[0] as Event, exit: events[events.length - 1] as Event, events };
  groups!.set(group.enter[1], group);
  return group;
}

/**
 * micromark's `resolveAll` (micromark-util-resolve-all) of the span resolvers over
 * `inner`, given the groups in it as placeholders: the resolvers find no work inside them.
 */
export function resolveInsideSpan(inner: readonly Item[], context: TokenizeContext): Item[] {
  const constructs = context.parser.constructs.insideSpan.null ?? [];
  const called: unknown[] = [];
  let events = toPlaceholders(inner);
  for (const construct of constructs) {
    const resolve = construct.resolveAll;
    if (resolve && !called.includes(resolve)) {
      events = resolve(events, context);
      called.push(resolve);
    }
  }
  return toItems(events);
}

/** Events with the groups' placeholders turned back into the groups. */
function toItems(events: readonly Event[]): Item[] {
  const items: Item[] = [];
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    const group = event[0] === 'enter' ? groups?.get(event[1]) : undefined;
    // A placeholder is the group's enter event and its exit event, side by side.
    if (group && events[index + 1]?.[1] === event[1]) {
      items.push(group);
      index++;
    } else items.push(event);
  }
  return items;
}

/** Items as events, each group as its placeholder (its enter and exit events). */
function toPlaceholders(items: readonly Item[]): Event[] {
  const events: Event[] = [];
  for (const item of items) {
    if (isEvent(item)) events.push(item);
    else events.push(item.enter, item.exit);
  }
  return events;
}

/** Items as every event, groups in groups included (without recursion: groups nest thousands deep). */
function flatten(items: readonly Item[]): Event[] {
  const events: Event[] = [];
  const stack: Array<{ items: readonly Item[]; next: number }> = [{ items, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next === top.items.length) {
      stack.pop();
      continue;
    }
    const item = top.items[top.next++]!;
    if (isEvent(item)) events.push(item);
    else stack.push({ items: item.events, next: 0 });
  }
  return events;
}

/**
 * The openers a closer may pair with, nearest last, with the CommonMark `openers_bottom`
 * bound: when a closer of some kind finds no opener, openers below the current top are
 * not tried again for closers of that kind, unless a pairing changes them (an opener's
 * length changes only when it pairs, and then everything above it is gone).
 */
export class OpenerStack {
  /** Positions (in the resolver's output) of the openers' exit events. */
  readonly positions: number[] = [];
  private readonly bottoms = new Map<string, number>();

  push(position: number): void {
    this.positions.push(position);
  }

  /** The index (in `positions`) of the nearest opener `fits` for a closer of `kind`, if any. */
  find(kind: string, fits: (position: number) => boolean): number | undefined {
    const bottom = this.bottoms.get(kind) ?? 0;
    for (let index = this.positions.length - 1; index >= bottom; index--) if (fits(this.positions[index]!)) return index;
    this.bottoms.set(kind, this.positions.length);
    return undefined;
  }

  /** After a pairing with the opener at `index`: it and every opener above it are gone. */
  cutAt(index: number): void {
    this.positions.length = index;
    for (const [kind, bottom] of this.bottoms) if (bottom > index) this.bottoms.set(kind, index);
  }
}
