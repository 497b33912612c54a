/**
 * micromark 4 merges adjacent `data` tokens of inline text with one `Array#splice` per
 * run of them (`initialize/text.js`, "a rather boring computation"), so a paragraph with
 * many runs is quadratic: 60 kB of `[a][a]…` took 1.8 s, nearly all of it there.
 *
 * The same merge done in one pass with a write index gives the same events (each run
 * keeps its first token, extended to the end of the run's last); micromark's own resolver
 * then finds nothing left to merge and goes on to its line-suffix pass. The objects that
 * carry those resolvers are not exported, so they are reached by file URL inside the
 * installed micromark (its production and development builds) and patched once,
 * process-wide, like `linear-edit-map.ts`. test/hostile/linear-text-resolver.test.ts
 * compares the result with micromark's on generated event lists.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Event = [kind: 'enter' | 'exit', token: { type: string; end: unknown }, context: unknown];
interface Resolving {
  resolveAll?: (events: Event[], context: unknown) => Event[];
}
const PATCHED = Symbol.for('mlpost.linearTextResolver');

/** Merge runs of adjacent `data` events as micromark's text resolver does, in linear time. */
export function mergeAdjacentData<E extends Event>(events: E[]): E[] {
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

function patch(carrier: Resolving | undefined): void {
  const original = carrier?.resolveAll;
  if (!carrier || !original || (original as unknown as Record<symbol, boolean>)[PATCHED]) return;
  const linear = (events: Event[], context: unknown): Event[] => original(mergeAdjacentData(events), context);
  (linear as unknown as Record<symbol, boolean>)[PATCHED] = true;
  carrier.resolveAll = linear;
}

/**
 * Installed once the patched modules are loaded. Not a top-level `await`: Hexo loads
 * mlpost with `require()`, which cannot load a module that awaits. The patch changes
 * speed, never output, so `renderPost` waits for it and synchronous users (Hexo's
 * `renderSync`) get it from their second tick on.
 */
export const linearTextResolverInstalled: Promise<void> = install();

async function install(): Promise<void> {
  try {
    // The micromark that parses for us is mdast-util-from-markdown's (micromark is not a
    // direct dependency of mlpost).
    const fromMarkdown = createRequire(import.meta.url).resolve('mdast-util-from-markdown');
    const micromarkRoot = dirname(createRequire(fromMarkdown).resolve('micromark'));
    for (const build of ['lib', 'dev/lib']) {
      const url = pathToFileURL(join(micromarkRoot, build, 'initialize/text.js')).href;
      const module = (await import(url).catch(() => undefined)) as Record<string, Resolving> | undefined;
      patch(module?.resolver);
      patch(module?.string);
      patch(module?.text);
    }
  } catch {
    // micromark moved its files: parsing stays correct, only as slow as upstream.
  }
}
