/**
 * Display math that starts a line (`$$`, `\[`, `\\[` or `\begin{env}` of a math
 * environment) and ends on a later line, wherever its closing delimiter is
 * (`\end{aligned}$$` included), by the rules of `delimiters.ts`:
 *
 * - closing delimiter at the end of its line: a block of its own (`texMathFlow`), its lines
 *   opaque to Markdown (a line `- x` or `# y` inside is TeX, as pandoc reads it);
 * - text after the closing delimiter: a paragraph that starts with the display, as pandoc
 *   reads it (`paragraph` > `chunkText`; the inline tokenizer finds the formula in it).
 *   The paragraph ends at that line; `remarkPandocMath` joins it to the text around it;
 * - closed on its first line (`$$x$$`): not ours, the paragraph's inline math;
 * - never closed before a blank line, the end of its container or of the document: not
 *   math; the paragraph's `$$` is then reported.
 *
 * After a line of text (no blank line between) the display interrupts the paragraph when
 * its first line does not close it, as `$$` blocks did before.
 */
import { blankLine } from 'micromark-core-commonmark';
import { factorySpace } from 'micromark-factory-space';
import { markdownLineEnding } from 'micromark-util-character';
import { codes, constants, types } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, Token, TokenizeContext } from 'micromark-util-types';
import { MATH_ENVIRONMENTS, type DelimiterKind } from './delimiters.js';
import { openFormulas, type ReadBudget } from './open-formula.js';
import { contentScanner } from './content-scanner.js';
import { CLOSING, closersOf, closingDelimiter, environmentEnd, environmentName, literal } from './delimiter-constructs.js';

/** The micromark flow construct (keyed on `$` and `\`). */
export const mathFlow: Construct = { name: 'texMathFlow', tokenize: tokenizeMathFlow, concrete: true };

const flowClosers = {
  dollars: [closingDelimiter(CLOSING.dollars, 'texMathFlowDelimiter')],
  bracket: closersOf('bracket', 'texMathFlowDelimiter'),
  doubleBracket: closersOf('doubleBracket', 'texMathFlowDelimiter'),
};

/** What the look-ahead found: where the display closes and what follows it. */
interface Extent {
  closingLine: number;
  textAfter: boolean;
}

function tokenizeMathFlow(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  const extent: Extent = { closingLine: 0, textAfter: false };
  // The display as a paragraph: its lines as linked text chunks, up to the end of the line
  // it closes on; the inline tokenizer reads the formula again from them.
  let previous: Token | undefined;
  return start;

  function start(code: Code): State | undefined {
    // Deciding whether to interrupt a paragraph sees one line: the display may start here
    // when that line does not close it, and no formula of the paragraph is open (`where $$`
    // / `a = b` / `$$`: the line is inside that formula, or closes it).
    if (self.interrupt) {
      // (A `$` left open is money far more often than a formula running into this line.)
      // Past the paragraph's read budget: no display interrupts it (its lines stay text,
      // read by the inline tokenizer), which keeps a hostile paragraph linear.
      const paragraph = paragraphSoFar(self);
      const open = paragraph && openFormulas(paragraph.text, paragraph.budget);
      if (!open || open.outside) return nok(code);
      return effects.check({ tokenize: tokenizeFirstLineOpen, partial: true }, ok, nok)(code);
    }
    return effects.check({ tokenize: tokenizeLookAhead, partial: true }, decide, nok)(code);
  }

  function decide(code: Code): State | undefined {
    if (!extent.textAfter) return displayTokenizer(self, effects, ok, nok, undefined)(code);
    return paragraphStart(code);
  }

  function tokenizeLookAhead(this: TokenizeContext, effects: Effects, found: State, notFound: State): State {
    return displayTokenizer(this, effects, found, notFound, extent);
  }

  function paragraphStart(code: Code): State | undefined {
    // Wrapped so that a `---` or `===` line after it is not its setext underline (micromark
    // builds setext headings from paragraphs of its own `content` only).
    effects.enter('texMathParagraph');
    effects.enter(types.paragraph);
    return chunkStart(code);
  }

  function chunkStart(code: Code): State | undefined {
    const chunk = effects.enter(types.chunkText, { contentType: constants.contentTypeText, previous });
    if (previous) previous.next = chunk;
    previous = chunk;
    return chunkInside(code);
  }

  function chunkInside(code: Code): State | undefined {
    if (code === codes.eof || (markdownLineEnding(code) && self.now().line >= extent.closingLine)) {
      effects.exit(types.chunkText);
      effects.exit(types.paragraph);
      effects.exit('texMathParagraph');
      return ok(code);
    }
    effects.consume(code);
    if (!markdownLineEnding(code)) return chunkInside;
    effects.exit(types.chunkText);
    return chunkStart;
  }
}

/** Characters the interrupt checks of one paragraph may read: this, and 16 per character of the paragraph. */
const READ_BASE = 65_536;
const READS_PER_CHARACTER = 16;

/** What the interrupt checks know of a paragraph: its text so far, and what they may still read of it. */
interface ParagraphSoFar {
  text: string;
  budget: ReadBudget;
}

/** Paragraphs, by the last chunk (line) their text includes. */
const paragraphsByLastChunk = new WeakMap<Token, ParagraphSoFar>();

/**
 * The text of the paragraph being continued (its lines so far, without container
 * prefixes), with the read budget of its interrupt checks. Kept per paragraph: a check
 * reads back only to the line the check before it saw last.
 */
function paragraphSoFar(self: TokenizeContext): ParagraphSoFar | undefined {
  const chunks: Token[] = [];
  // The line before the one checked: micromark's continuation check ended its chunk
  // before the line ending, which it gets back afterwards, so its text is read each time
  // and never kept.
  let open: Token | undefined;
  let paragraph: ParagraphSoFar | undefined;
  for (let index = self.events.length - 1; index >= 0; index--) {
    const [kind, token] = self.events[index]!;
    if (kind !== 'enter') continue;
    if (token.type === types.content) break;
    if (token.type !== types.chunkContent) continue;
    if (open === undefined) {
      open = token;
      continue;
    }
    paragraph = paragraphsByLastChunk.get(token);
    if (paragraph) break;
    chunks.push(token);
  }
  const budget = paragraph?.budget ?? { left: READ_BASE };
  let text = paragraph?.text ?? '';
  const last = chunks[0];
  if (last) {
    const added = chunks.reverse().map((chunk) => self.sliceSerialize(chunk)).join('');
    budget.left += READS_PER_CHARACTER * added.length;
    text += added;
    // A new record: the one found stays the text up to its own last line (a check may
    // run there again); the budget is the paragraph's, shared.
    paragraphsByLastChunk.set(last, { text, budget });
  }
  const line = open ? self.sliceSerialize(open) : '';
  budget.left += READS_PER_CHARACTER * line.length;
  // A check reads the paragraph from its start: one the budget cannot pay for in full
  // gets no text (joining it would cost its length again: V8 flattens a joined string
  // on first read).
  if (budget.left < text.length + line.length) return undefined;
  return { text: text + line, budget };
}

/** In a paragraph's interrupt check: a display opens here and its first line does not close it. */
function tokenizeFirstLineOpen(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  return opening(effects, nok, (kind, name, markedEscape) =>
    contentScanner(self, effects, nok, {
      dataType: 'texMathFlowValue',
      closesWith: kind === 'dollars' ? codes.dollarSign : codes.backslash,
      unescape: markedEscape,
      close: (code, asContent) => effects.attempt(closerOf(kind, name), nok, asContent)(code),
      lineEnding: (code) => ok(code),
    }),
  );
}

/**
 * The display from its opening delimiter to its closing one, as `texMathFlow` tokens. With
 * `extent` (the look-ahead) it records where the display closes and accepts text after it.
 */
function displayTokenizer(self: TokenizeContext, effects: Effects, ok: State, nok: State, extent: Extent | undefined): State {
  const tail = self.events[self.events.length - 1];
  // Lines inside lose up to the opening line's indentation, as in fenced code.
  const indent = tail && tail[1].type === types.linePrefix ? tail[2].sliceSerialize(tail[1], true).length : 0;
  const openingLine = self.now().line;
  // The look-ahead reads on past a display with text after it while that text leaves a
  // formula open (`$$ a $$ and $$` / `b` / `$$`): the paragraph goes on to those lines
  // (reading that text again at each line, within a budget: past it the paragraph ends).
  let after = '';
  const afterBudget: ReadBudget = { left: READ_BASE };
  let afterCounted = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('texMathFlow');
    return opening(effects, nok, (kind, name, markedEscape) => {
      const scan = contentScanner(self, effects, nok, {
        dataType: 'texMathFlowValue',
        closesWith: kind === 'dollars' ? codes.dollarSign : codes.backslash,
        unescape: markedEscape,
        close: (code, asContent) => effects.attempt(closerOf(kind, name), afterClosing, asContent)(code),
        lineEnding,
      });
      return kind === 'environment' ? scan : factorySpace(effects, scan, types.whitespace);
    })(code);
  }

  function lineEnding(code: Code, resume: State): State | undefined {
    effects.enter(types.lineEnding);
    effects.consume(code);
    effects.exit(types.lineEnding);
    return (next: Code) => {
      // A display never outlives its container, nor crosses a blank line.
      if (self.parser.lazy[self.now().line]) return nok(next);
      return effects.check(blankLine, nok, indent ? factorySpace(effects, resume, types.linePrefix, indent + 1) : resume)(next);
    };
  }

  function afterClosing(code: Code): State | undefined {
    // Closed on its first line: the paragraph's inline math (`$$x$$`), not a block.
    if (self.now().line === openingLine) return nok(code);
    return factorySpace(effects, atEnd, types.whitespace)(code);
  }

  function atEnd(code: Code): State | undefined {
    const textAfter = code !== codes.eof && !markdownLineEnding(code);
    if (!extent) {
      if (textAfter) return nok(code);
      effects.exit('texMathFlow');
      return ok(code);
    }
    extent.closingLine = self.now().line;
    extent.textAfter = textAfter;
    if (!textAfter) {
      effects.exit('texMathFlow');
      return ok(code);
    }
    return trailing(code);
  }

  function trailing(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      if (after.length > 0 && !after.endsWith('\n')) effects.exit(types.data);
      if (code === codes.eof) return ok(code);
      afterBudget.left += READS_PER_CHARACTER * (after.length - afterCounted);
      afterCounted = after.length;
      if (!openFormulas(after, afterBudget)?.any) return ok(code);
      effects.enter(types.lineEnding);
      effects.consume(code);
      effects.exit(types.lineEnding);
      return nextLine;
    }
    if (after.length === 0 || after.endsWith('\n')) effects.enter(types.data);
    after += code === codes.horizontalTab ? '\t' : code! < 0 ? ' ' : String.fromCharCode(code!);
    effects.consume(code);
    return trailing;
  }

  function nextLine(code: Code): State | undefined {
    if (self.parser.lazy[self.now().line]) return ok(code);
    return effects.check(blankLine, ok, (next: Code) => {
      extent!.closingLine = self.now().line;
      after += '\n';
      return trailing(next);
    })(code);
  }
}

/**
 * The opening delimiter (a `texMathFlowDelimiter`; `\begin{env}` is TeX, a value token),
 * then `next(kind, environment name, whether it is read as marked read it)`.
 */
function opening(effects: Effects, nok: State, next: (kind: DelimiterKind, name: string, markedEscape: boolean) => State): State {
  let backslashes = 0;
  let delimiter: Token | undefined;
  let name = '';
  let markedEscape = false;
  return start;

  function start(code: Code): State | undefined {
    delimiter = effects.enter('texMathFlowDelimiter');
    if (code === codes.dollarSign) {
      effects.consume(code);
      return secondDollar;
    }
    return backslash(code);
  }

  function secondDollar(code: Code): State | undefined {
    if (code !== codes.dollarSign) return nok(code);
    effects.consume(code);
    return afterDollars;
  }

  function afterDollars(code: Code): State | undefined {
    if (code === codes.dollarSign) return nok(code);
    effects.exit('texMathFlowDelimiter');
    return next('dollars', '', false)(code);
  }

  function backslash(code: Code): State | undefined {
    if (code === codes.backslash && backslashes < 2) {
      backslashes++;
      effects.consume(code);
      return backslash;
    }
    if (code === codes.leftSquareBracket) {
      effects.consume(code);
      effects.exit('texMathFlowDelimiter');
      return next(backslashes === 1 ? 'bracket' : 'doubleBracket', '', backslashes === 2);
    }
    if (code === codes.lowercaseB && backslashes === 1) {
      // `\begin{…}` is part of the TeX, not a delimiter.
      delimiter!.type = 'texMathFlowValue';
      effects.consume(code);
      return literal('egin', environmentName(effects, nok, accept, afterBegin), effects, nok);
    }
    return nok(code);
  }

  function accept(found: string, escaped: boolean): boolean {
    name = found;
    markedEscape = escaped;
    return MATH_ENVIRONMENTS.has(found);
  }

  function afterBegin(code: Code): State | undefined {
    effects.exit('texMathFlowValue');
    return next('environment', name, markedEscape)(code);
  }
}

function closerOf(kind: DelimiterKind, name: string): Construct | Construct[] {
  if (kind === 'environment') return environmentEnd(name, 'texMathFlowValue');
  if (kind === 'dollars' || kind === 'bracket' || kind === 'doubleBracket') return flowClosers[kind];
  throw new Error(`no display math opens with ${kind}`);
}
