/**
 * micromark-extension-gfm-footnote 2.1 reads `![^note]` as `!` and a footnote call with a
 * construct tried at every `]` that no link closed (`gfmPotentialFootnoteCall`). Before
 * anything else it scans back over the paragraph's events for the nearest label start, and
 * a paragraph with no `[` before its `]`s has none: every `]` scanned the whole paragraph,
 * so 40 kB of `a]` took 6.7 s and 16 000 `]` after escaped brackets 32 s.
 *
 * The construct can succeed only where the text between that `![` and the `]`, as
 * normalised for a label, is `^` and the name of a footnote defined in the post (names
 * have no white space, no unescaped brackets, at most 1 000 characters). This wrapper
 * answers "no" at once when no footnote is defined, and otherwise scans back as the
 * original does but stops, answering "no", where the text from the event reached to the `]`
 * cannot end such a label (`cannotEndFootnoteLabel`): every event after the label start
 * lies in that text, so no label start further back could succeed either. Where the scan
 * reaches a label start, micromark's own tokenizer decides (its scan stops at the same
 * event). `index.ts` puts it in place while mlpost parses; `probes.ts` and
 * `test/parse/micromark-fixes.test.ts` compare it with the original.
 */
import type { Effects, Event, State, TokenizeContext, Tokenizer } from 'micromark-util-types';

/** The token types at which the original's scan stops: `labelImage` is an answer, the rest end the search. */
const STOPS: ReadonlySet<string> = new Set(['labelImage', 'gfmFootnoteCall', 'labelLink', 'label', 'image', 'link']);
/** Where the text is first checked (characters back from the `]`); each check doubles it. */
const FIRST_CHECK = 16;

declare module 'micromark-util-types' {
  interface ParseContext {
    /** Footnote names defined so far (micromark-extension-gfm-footnote's list). */
    gfmFootnotes?: string[];
  }
}

/** `gfmPotentialFootnoteCall`'s tokenizer with the early answers, around micromark's own `original`. */
export function potentialFootnoteCallWithBoundedScan(original: Tokenizer): Tokenizer {
  return function tokenizePotentialFootnoteCall(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    // The original makes the list if there is none; so must a replacement.
    const defined = (this.parser.gfmFootnotes ??= []);
    if (defined.length === 0 || !labelStartMayBeBehind(this, longestName(defined))) return (code) => nok(code);
    return original.call(this, effects, ok, nok);
  };
}

/** Code points of the longest defined name (kept per list: the list only grows). */
const longest = new WeakMap<string[], { count: number; value: number }>();
function longestName(defined: string[]): number {
  const known = longest.get(defined);
  if (known && known.count === defined.length) return known.value;
  let value = known?.value ?? 0;
  for (let index = known?.count ?? 0; index < defined.length; index++) value = Math.max(value, [...defined[index]!].length);
  longest.set(defined, { count: defined.length, value });
  return value;
}

/**
 * The original's backwards scan, stopped early: `false` when it would find no label start
 * that can succeed (a stop type other than `labelImage`, nothing at all, or text between
 * that cannot end a footnote label), `true` when it reaches a `labelImage`.
 */
function labelStartMayBeBehind(self: TokenizeContext, longestName: number): boolean {
  const events: Event[] = self.events;
  const now = self.now();
  let check = now.offset - FIRST_CHECK;
  for (let index = events.length - 1; index >= 0; index--) {
    const token = events[index]![1];
    if (STOPS.has(token.type)) return token.type === 'labelImage';
    if (token.start.offset <= check) {
      if (cannotEndFootnoteLabel(self.sliceSerialize({ start: token.start, end: now }), longestName)) return false;
      check = now.offset - 2 * (now.offset - token.start.offset);
    }
  }
  return false;
}

const WHITE_SPACE = /[\t\n\r ]/;

/**
 * Whether `tail` (the text from some point to the `]`) cannot be the end of `^name` with
 * white space around it (a label's text as micromark normalises it), for any `name` of at
 * most `longestName` code points without white space in which every bracket is escaped:
 * it has white space between other characters, a bracket after an even number of
 * backslashes (all inside `tail`), or more other characters than `^` and such a name.
 */
export function cannotEndFootnoteLabel(tail: string, longestName: number): boolean {
  const text = tail.replace(/[\t\n\r ]+$/, '');
  let space = text.length - 1;
  while (space >= 0 && !WHITE_SPACE.test(text[space]!)) space--;
  // White space only before `^name`, and `^name` right after it.
  if (space >= 0 && (/[^\t\n\r ]/.test(text.slice(0, space)) || text[space + 1] !== '^')) return true;
  return codePoints(text.slice(space + 1)) > longestName + 1 || hasUnescapedBracket(text);
}

/** The number of code points of `text` (a surrogate pair is one). */
function codePoints(text: string): number {
  let count = text.length;
  for (let at = 1; at < text.length; at++) {
    if (text.charCodeAt(at) >= 0xdc00 && text.charCodeAt(at) <= 0xdfff && text.charCodeAt(at - 1) >= 0xd800 && text.charCodeAt(at - 1) <= 0xdbff) count--;
  }
  return count;
}

/** Whether `text` has `[` or `]` after an even number of backslashes that all lie in `text` after its first character. */
function hasUnescapedBracket(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!;
    if (char !== '[' && char !== ']') continue;
    let run = 0;
    while (at - run - 1 >= 0 && text[at - run - 1] === '\\') run++;
    // A run that reaches the start of `text` may go on before it: nothing is known.
    if (at - run - 1 >= 0 && run % 2 === 0) return true;
  }
  return false;
}
