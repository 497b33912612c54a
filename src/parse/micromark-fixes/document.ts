/**
 * micromark 4's document tokenizer (`initialize/document.js`) checks every lazy line —
 * a line that continues a paragraph of a quote or list without the quote's `>` or the
 * item's indent — by scanning the flow's events backwards for a token still open at the
 * line's start. In a paragraph that token is the paragraph itself, opened on its first
 * line, so each lazy line scans the whole paragraph so far: a `>` line followed by
 * 20 000 lazy lines took 25 s.
 *
 * This is micromark's tokenizer with one change: the token that answered the scan is
 * remembered, and the next lazy line asks it first. A token open at an earlier line's
 * start that is still in the events (at the same index) and still open is an answer for
 * this line too, since it started before; only when it is not does the scan run, as
 * upstream. Everything else is micromark's code as published (MIT, © Titus Wormer),
 * in TypeScript; `probes.ts` checks at start-up that the original still tokenizes as this
 * copy does, and `test/parse/micromark-fixes.test.ts` compares the two on generated posts.
 */
import { factorySpace } from 'micromark-factory-space';
import { markdownLineEnding } from 'micromark-util-character';
import type { Code, Construct, ContainerState, Effects, Event, InitialConstruct, Point, State, Token, TokenizeContext } from 'micromark-util-types';

/** What the tokenizer needs of micromark-util-edit-map's `EditMap` (the build's own class). */
export interface EditMapLike {
  add(index: number, remove: number, add: Event[]): void;
  consume(events: Event[]): void;
}

type StackItem = [Construct, ContainerState];

/** The document initializer, using the given build's `EditMap` (so its own fix applies). */
export function documentWithLazyLineMemo(EditMap: new () => EditMapLike): InitialConstruct['tokenize'] {
  const containerConstruct: Construct = { tokenize: tokenizeContainer };

  return function initializeDocument(this: TokenizeContext, effects: Effects): State {
    const self = this;
    const stack: StackItem[] = [];
    let continued = 0;
    let childFlow: TokenizeContext | undefined;
    let childToken: Token | undefined;
    let lineStartOffset = 0;
    /** The open token that answered the last lazy-line scan, and its event's index. */
    let witness: { token: Token; index: number } | undefined;

    return start;

    function start(code: Code): State | undefined {
      if (continued < stack.length) {
        const item = stack[continued]!;
        self.containerState = item[1];
        return effects.attempt(item[0].continuation!, documentContinue, checkNewContainers)(code);
      }
      return checkNewContainers(code);
    }

    function documentContinue(code: Code): State | undefined {
      continued++;
      if (self.containerState!._closeFlow) {
        self.containerState!._closeFlow = undefined;
        if (childFlow) closeFlow();
        const indexBeforeExits = self.events.length;
        let indexBeforeFlow = indexBeforeExits;
        let point: Point | undefined;
        while (indexBeforeFlow--) {
          if (self.events[indexBeforeFlow]![0] === 'exit' && self.events[indexBeforeFlow]![1].type === 'chunkFlow') {
            point = self.events[indexBeforeFlow]![1].end;
            break;
          }
        }
        exitContainers(continued);
        let index = indexBeforeExits;
        while (index < self.events.length) {
          self.events[index]![1].end = { ...point! };
          index++;
        }
        const editMap = new EditMap();
        editMap.add(indexBeforeFlow + 1, 0, self.events.slice(indexBeforeExits));
        editMap.add(indexBeforeExits, index - indexBeforeExits, []);
        editMap.consume(self.events);
        return checkNewContainers(code);
      }
      return start(code);
    }

    function checkNewContainers(code: Code): State | undefined {
      if (continued === stack.length) {
        if (!childFlow) return documentContinued(code);
        if (childFlow.currentConstruct && childFlow.currentConstruct.concrete) return flowStart(code);
        self.interrupt = Boolean(childFlow.currentConstruct && !childFlow._gfmTableDynamicInterruptHack);
      }
      self.containerState = {};
      return effects.check(containerConstruct, thereIsANewContainer, thereIsNoNewContainer)(code);
    }

    function thereIsANewContainer(code: Code): State | undefined {
      if (childFlow) closeFlow();
      exitContainers(continued);
      return documentContinued(code);
    }

    function thereIsNoNewContainer(code: Code): State | undefined {
      self.parser.lazy[self.now().line] = continued !== stack.length;
      lineStartOffset = self.now().offset;
      return flowStart(code);
    }

    function documentContinued(code: Code): State | undefined {
      self.containerState = {};
      return effects.attempt(containerConstruct, containerContinue, flowStart)(code);
    }

    function containerContinue(code: Code): State | undefined {
      continued++;
      stack.push([self.currentConstruct!, self.containerState!]);
      return documentContinued(code);
    }

    function flowStart(code: Code): State | undefined {
      if (code === null) {
        if (childFlow) closeFlow();
        exitContainers(0);
        effects.consume(code);
        return undefined;
      }
      childFlow = childFlow || self.parser.flow(self.now());
      effects.enter('chunkFlow', { _tokenizer: childFlow, contentType: 'flow', previous: childToken });
      return flowContinue(code);
    }

    function flowContinue(code: Code): State | undefined {
      if (code === null) {
        writeToChild(effects.exit('chunkFlow'), true);
        exitContainers(0);
        effects.consume(code);
        return undefined;
      }
      if (markdownLineEnding(code)) {
        effects.consume(code);
        writeToChild(effects.exit('chunkFlow'));
        continued = 0;
        self.interrupt = undefined;
        return start;
      }
      effects.consume(code);
      return flowContinue;
    }

    /** Whether `token` is open at the start of the current line (micromark's test). */
    function openAtLineStart(token: Token): boolean {
      return token.start.offset < lineStartOffset && (!token.end || token.end.offset > lineStartOffset);
    }

    /** micromark's backwards scan, asking the last answer first (see the module comment). */
    function somethingOpen(events: Event[]): boolean {
      if (witness && events[witness.index]?.[1] === witness.token && openAtLineStart(witness.token)) return true;
      let index = events.length;
      while (index--) {
        if (openAtLineStart(events[index]![1])) {
          witness = { token: events[index]![1], index };
          return true;
        }
      }
      return false;
    }

    function writeToChild(token: Token, endOfFile?: boolean): void {
      const stream = self.sliceStream(token);
      if (endOfFile) stream.push(null);
      token.previous = childToken;
      if (childToken) childToken.next = token;
      childToken = token;
      childFlow!.defineSkip(token.start);
      childFlow!.write(stream);

      // A lazy line: if it started a new flow block, exit the containers between the two.
      if (self.parser.lazy[token.start.line]) {
        if (somethingOpen(childFlow!.events)) return;
        const indexBeforeExits = self.events.length;
        let indexBeforeFlow = indexBeforeExits;
        let seen: boolean | undefined;
        let point: Point | undefined;
        while (indexBeforeFlow--) {
          if (self.events[indexBeforeFlow]![0] === 'exit' && self.events[indexBeforeFlow]![1].type === 'chunkFlow') {
            if (seen) {
              point = self.events[indexBeforeFlow]![1].end;
              break;
            }
            seen = true;
          }
        }
        exitContainers(continued);
        let index = indexBeforeExits;
        while (index < self.events.length) {
          self.events[index]![1].end = { ...point! };
          index++;
        }
        const editMap = new EditMap();
        editMap.add(indexBeforeFlow + 1, 0, self.events.slice(indexBeforeExits));
        editMap.add(indexBeforeExits, index - indexBeforeExits, []);
        editMap.consume(self.events);
      }
    }

    function exitContainers(size: number): void {
      let index = stack.length;
      while (index-- > size) {
        const entry = stack[index]!;
        self.containerState = entry[1];
        entry[0].exit!.call(self, effects);
      }
      stack.length = size;
    }

    function closeFlow(): void {
      childFlow!.write([null]);
      childToken = undefined;
      childFlow = undefined;
      self.containerState!._closeFlow = undefined;
    }
  };

  function tokenizeContainer(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    return factorySpace(
      effects,
      effects.attempt(this.parser.constructs.document, ok, nok),
      'linePrefix',
      this.parser.constructs.disable.null?.includes('codeIndented') ? undefined : 4,
    );
  }
}
