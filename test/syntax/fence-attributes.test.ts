import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseFenceAttributes } from '../../src/syntax/fence-attributes.js';

describe('parseFenceAttributes', () => {
  it('reads the seed graph fence', () => {
    expect(parseFenceAttributes('{.graph .center caption="隐马尔可夫链" fileName="rnn_intro_g1"}')).toEqual({
      classes: ['graph', 'center'],
      id: undefined,
      attributes: { caption: '隐马尔可夫链', fileName: 'rnn_intro_g1' },
      problems: [],
    });
  });

  it('reads ids, bare and single-quoted values in any order', () => {
    const parsed = parseFenceAttributes(`{ prog=neato #fig-1 .graph caption='a "b"' .center }`);
    expect(parsed).toMatchObject({ classes: ['graph', 'center'], id: 'fig-1', attributes: { prog: 'neato', caption: 'a "b"' }, problems: [] });
  });

  it('reads a plain language and backslash escapes', () => {
    expect(parseFenceAttributes('python').classes).toEqual(['python']);
    expect(parseFenceAttributes('{.x a="say \\"hi\\" \\\\ ok"}').attributes.a).toBe('say "hi" \\ ok');
  });

  it('warns on the corpus malformed quote and still reads the rest', () => {
    const parsed = parseFenceAttributes('{.yaml .numberLines startFrom="1}');
    expect(parsed.classes).toEqual(['yaml', 'numberLines']);
    expect(parsed.attributes.startFrom).toBe('1');
    expect(parsed.problems).toEqual([expect.objectContaining({ ruleId: 'fence-attribute-unterminated', offset: 30 })]);
  });

  it('warns on duplicate keys (last wins) and on stray words', () => {
    const parsed = parseFenceAttributes('{.graph a=1 a=2 stray}');
    expect(parsed.attributes.a).toBe('2');
    expect(parsed.problems.map((p) => [p.ruleId, p.offset])).toEqual([
      ['fence-attribute-duplicate', 12],
      ['fence-attribute-syntax', 16],
    ]);
  });

  it('never throws and round-trips generated attributes', () => {
    const word = fc.stringMatching(/^[A-Za-z][\w-]{0,8}$/);
    const value = fc.string({ maxLength: 12 }).filter((text) => !text.includes('\n'));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 4 }), fc.dictionary(word, value, { maxKeys: 4 }), (classes, attributes) => {
        const info = `{${classes.map((c) => `.${c}`).join(' ')} ${Object.entries(attributes)
          .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
          .join(' ')}}`;
        const parsed = parseFenceAttributes(info);
        expect(parsed.classes).toEqual(classes);
        expect(parsed.attributes).toEqual(attributes);
        expect(parsed.problems).toEqual([]);
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (info) => void parseFenceAttributes(info)), { numRuns: 2000 });
  });
});
