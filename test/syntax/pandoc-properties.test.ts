import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { render } from './pandoc-pipeline.js';

// Pieces that exercise the span/header grammar: brackets, braces, quotes, escapes, markup.
const piece = fc.constantFrom(
  '[', ']', '{', '}', '#', '.', '=', '"', "'", '\\', '*', '`', '-', ' ', '\n', '> ', '# ',
  'a', 'x y', '.c', '#i', 'k=v', 'k="v w"', '[]', ']{', '{#a}', '{.b}', '[t]{.s}', '(u)', '![i](p)', '&amp;', '&#91;', '< ', '&',
);
/** The elements of `tree` named `tagName` (every element with `*`), in document order. */
function selectAll(tagName: string, tree: Root): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (element: Element) => {
    if (tagName === '*' || element.tagName === tagName) found.push(element);
  });
  return found;
}

const markdown = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

// Tags the pandoc plugins and plain Markdown may produce from these pieces (`< ` never opens raw HTML).
const ALLOWED_TAGS = new Set(['p', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'em', 'strong', 'code', 'a', 'img', 'blockquote', 'br', 'pre', 'ul', 'ol', 'li', 'hr', 'figure', 'figcaption', 'del']);

describe('pandoc attribute syntax: properties', () => {
  it('never throws, emits well-formed HTML with only known tags and places messages inside the input', () => {
    fc.assert(
      fc.property(markdown, (input) => {
        const { html, messages } = render(input);
        const tree = fromHtml(html, { fragment: true });
        // Well-formed: parsing and writing again changes nothing.
        expect(toHtml(tree)).toBe(html);
        for (const element of selectAll('*', tree)) expect(ALLOWED_TAGS.has(element.tagName), element.tagName).toBe(true);
        const lines = input.split('\n');
        for (const message of messages) {
          const [line, column] = message.place.split(':').map(Number) as [number, number];
          expect(line).toBeGreaterThanOrEqual(1);
          expect(line).toBeLessThanOrEqual(lines.length);
          expect(column).toBeLessThanOrEqual(lines[line - 1]!.length + 1);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('carries any author text through span and heading attributes as escaped values', () => {
    const valueChar = fc.constantFrom(...'abcXYZ019 "\'.,;:%/=>+-?!', '& ', '< ', '\\');
    const value = fc.array(valueChar, { maxLength: 16 }).map((chars) => chars.join(''));
    const quoted = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    fc.assert(
      fc.property(value, value, (title, label) => {
        const input = `# Head {#h title=${quoted(title)}}\n\nsee [it]{#s title=${quoted(label)}}`;
        const { html, messages } = render(input);
        expect(messages).toEqual([]);
        const tree = fromHtml(html, { fragment: true });
        const heading = selectAll('h1', tree)[0] as Element;
        const span = selectAll('span', tree)[0] as Element;
        expect(heading.properties).toMatchObject({ id: 'h', title });
        expect(span.properties).toMatchObject({ id: 's', title: label });
      }),
      { numRuns: 1500 },
    );
  });

  it('turns every generated span into a span with its text and attributes', () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), word, fc.array(word, { maxLength: 3 }), (text, id, classes) => {
        const input = `x [${text.join(' ')}]{#${id} ${classes.map((name) => `.${name}`).join(' ')}} y`;
        const tree = fromHtml(render(input).html, { fragment: true });
        const spans = selectAll('span', tree);
        expect(spans).toHaveLength(1);
        expect(spans[0]!.properties.id).toBe(id);
        expect(spans[0]!.properties.className ?? []).toEqual(classes);
        expect(toHtml(spans[0]!.children)).toBe(text.join(' '));
      }),
      { numRuns: 300 },
    );
  });
});
