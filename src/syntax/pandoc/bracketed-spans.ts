/**
 * Pandoc's `bracketed_spans` and `link_attributes` on mdast.
 *
 * `[text]{#id .class}` is a span and `[]{#anchor}` an empty anchor. CommonMark leaves
 * `[text]` without a link definition as literal text, so the spans are found after
 * parsing: brackets are matched across the phrasing children of a parent (the text may
 * hold emphasis, code or math), escaped brackets (`\[`) never count, and the `{…}` must
 * follow the `]` at once. Pandoc prefers a span to a shortcut reference, so a
 * `[defined]{.x}` becomes a span as well. An attribute block right after a link or an
 * image (`[a](u){.cls}`, `![](i.png){.center width=50%}`) goes onto that link or image.
 */
import type { Properties } from 'hast';
import type { Image, ImageReference, Link, LinkReference, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { attributeBlockEnd, readAttributeBlock } from './attribute-block.js';
import { attributesToProperties, type AttributeTarget } from './properties.js';
import { SourceContext } from './source-context.js';
import type { TextSourceMap } from './source-map.js';

/** The mdast node of a bracketed span; remark-rehype turns it into a `<span>`. */
export interface PandocSpan extends Parent {
  type: 'pandocSpan';
  children: PhrasingContent[];
  data: { hName: 'span'; hProperties: Properties };
}

declare module 'mdast' {
  interface PhrasingContentMap {
    pandocSpan: PandocSpan;
  }
  interface RootContentMap {
    pandocSpan: PandocSpan;
  }
}

/** The remark plugin: bracketed spans and link/image attributes. */
export function remarkBracketedSpans() {
  return (tree: Root, file: VFile): void => {
    const context = new SourceContext(file);
    visit(tree, (node) => {
      if (!('children' in node)) return;
      const parent = node as Parent;
      if (!parent.children.some((child) => child.type === 'text')) return;
      const children = parent.children as PhrasingContent[];
      const withSpans = bracketedSpans(children, context);
      attachLinkAttributes(withSpans, context);
      parent.children = withSpans;
    });
  };
}

interface Bracket {
  child: number;
  at: number;
  open: boolean;
}

/** A place between characters of the children: before `children[child].value[at]`. */
interface Cursor {
  child: number;
  at: number;
}

function before(a: Cursor, b: Cursor): boolean {
  return a.child < b.child || (a.child === b.child && a.at < b.at);
}

function bracketedSpans(children: PhrasingContent[], context: SourceContext): PhrasingContent[] {
  const maps = new Map<number, TextSourceMap>();
  const mapOf = (index: number): TextSourceMap => {
    let map = maps.get(index);
    if (!map) maps.set(index, (map = context.mapText(children[index] as Text)));
    return map;
  };

  const brackets: Bracket[] = [];
  children.forEach((child, index) => {
    if (child.type !== 'text' || !/[[\]]/.test(child.value)) return;
    const map = mapOf(index);
    for (let at = 0; at < child.value.length; at++) {
      const char = child.value[at];
      if ((char === '[' || char === ']') && !map.literal[at]) brackets.push({ child: index, at, open: char === '[' });
    }
  });
  if (brackets.length < 2) return children;

  // Match brackets once (a stack), so finding every span is linear in the brackets.
  const closing = new Map<Bracket, Bracket>();
  const stack: Bracket[] = [];
  for (const bracket of brackets) {
    if (bracket.open) stack.push(bracket);
    else if (stack.length > 0) closing.set(stack.pop()!, bracket);
  }

  const spans: Array<{ open: Bracket; close: Bracket; end: number; properties: Properties }> = [];
  let taken: Cursor = { child: -1, at: 0 };
  for (const open of brackets) {
    const close = closing.get(open);
    if (!close || before(open, taken)) continue;
    const text = children[close.child] as Text;
    const map = mapOf(close.child);
    const end = attributeBlockEnd(text.value, close.at + 1, map.literal);
    if (end < 0) continue;
    const properties = readProperties(text.value, close.at + 1, end, 'span', map, context);
    if (!properties) continue;
    spans.push({ open, close, end, properties });
    taken = { child: close.child, at: end };
  }
  if (spans.length === 0) return children;

  const result: PhrasingContent[] = [];
  let cursor: Cursor = { child: 0, at: 0 };
  for (const { open, close, end, properties } of spans) {
    copyRange(children, cursor, open, result, mapOf, context);
    const inner: PhrasingContent[] = [];
    copyRange(children, { child: open.child, at: open.at + 1 }, close, inner, mapOf, context);
    const start = context.pointAt(mapOf(open.child).offsets[open.at]!);
    const stop = context.pointAt(mapOf(close.child).offsets[end - 1]! + 1);
    const span: PandocSpan = { type: 'pandocSpan', children: inner, data: { hName: 'span', hProperties: properties } };
    if (start && stop) span.position = { start, end: stop };
    result.push(span);
    cursor = { child: close.child, at: end };
  }
  copyRange(children, cursor, { child: children.length, at: 0 }, result, mapOf, context);
  return result;
}

/** Copy the children between two cursors into `into`, cutting text nodes where needed. */
function copyRange(
  children: PhrasingContent[],
  from: Cursor,
  to: Cursor,
  into: PhrasingContent[],
  mapOf: (index: number) => TextSourceMap,
  context: SourceContext,
): void {
  for (let index = from.child; index <= Math.min(to.child, children.length - 1); index++) {
    const child = children[index]!;
    if (child.type !== 'text') {
      if ((index > from.child || from.at === 0) && index < to.child) into.push(child);
      continue;
    }
    const start = index === from.child ? from.at : 0;
    const end = index === to.child ? to.at : child.value.length;
    if (end <= start) continue;
    into.push(sliceText(child, start, end, () => mapOf(index), context));
  }
}

/** The part `[start, end)` of a text node, with its position when it is known. */
function sliceText(node: Text, start: number, end: number, map: () => TextSourceMap, context: SourceContext): Text {
  if (start === 0 && end === node.value.length) return node;
  const slice: Text = { type: 'text', value: node.value.slice(start, end) };
  const offsets = map().offsets;
  const from = context.pointAt(offsets[start]!);
  const to = end === node.value.length ? node.position?.end : context.pointAt(offsets[end - 1]! + 1);
  if (from && to) slice.position = { start: from, end: to };
  return slice;
}

/**
 * Read the attribute block at `[start, end)` of a text value; report its problems at
 * their columns. `undefined` when the block is not attributes (pandoc keeps it as text).
 */
function readProperties(value: string, start: number, end: number, target: AttributeTarget, map: TextSourceMap, context: SourceContext): Properties | undefined {
  const { text, offsetOf } = context.written(value, map, start, end);
  const read = readAttributeBlock(text);
  if (!read.valid) return undefined;
  const converted = attributesToProperties(read.attributes, target, text);
  for (const problem of [...read.attributes.problems, ...converted.problems]) {
    context.report('warning', problem.message, offsetOf(problem.offset), problem.ruleId);
  }
  return converted.properties;
}

type Linkish = Link | Image | LinkReference | ImageReference;

function isLinkish(node: PhrasingContent): node is Linkish {
  return node.type === 'link' || node.type === 'image' || node.type === 'linkReference' || node.type === 'imageReference';
}

/** `[a](u){.x}`, `![](i.png){.center}`: move the attributes onto the link or image. */
function attachLinkAttributes(children: PhrasingContent[], context: SourceContext): void {
  for (let index = 0; index + 1 < children.length; index++) {
    const node = children[index]!;
    const next = children[index + 1]!;
    if (!isLinkish(node) || next.type !== 'text' || next.value[0] !== '{') continue;
    const map = context.mapText(next);
    const end = attributeBlockEnd(next.value, 0, map.literal);
    if (end < 0) continue;
    const shortcut = node.type === 'linkReference' && node.referenceType === 'shortcut';
    const target: AttributeTarget = shortcut ? 'span' : node.type === 'image' || node.type === 'imageReference' ? 'image' : 'link';
    const properties = readProperties(next.value, 0, end, target, map, context);
    if (!properties) continue;

    if (shortcut) {
      // Pandoc reads `[defined]{.x}` as a span, not as a link with attributes.
      const span: PandocSpan = { type: 'pandocSpan', children: (node as LinkReference).children, data: { hName: 'span', hProperties: properties } };
      const stop = context.pointAt(map.offsets[end - 1]! + 1);
      if (node.position && stop) span.position = { start: node.position.start, end: stop };
      children[index] = span;
    } else {
      const data = (node.data ??= {}) as { hProperties?: Properties };
      data.hProperties = mergeProperties(data.hProperties ?? {}, properties);
    }
    if (end === next.value.length) children.splice(index + 1, 1);
    else children[index + 1] = sliceText(next, end, next.value.length, () => map, context);
  }
}

function mergeProperties(into: Properties, extra: Properties): Properties {
  const merged: Properties = { ...into, ...extra };
  if (Array.isArray(into.className) && Array.isArray(extra.className)) merged.className = [...into.className, ...extra.className];
  return merged;
}
