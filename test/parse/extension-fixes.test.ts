/**
 * Speed fixes for the constructs of mlpost's syntax extensions
 * (src/parse/micromark-fixes/{footnote-call,attention,strikethrough}.ts): found in the
 * parser's extension list, the same events as the extensions' own code on generated text
 * full of the characters they read, and linear where the originals were quadratic.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unified } from 'unified';
import { mlpost } from '../../src/pipeline/index.js';
import { micromarkFixStatus, withMicromarkFixes } from '../../src/parse/micromark-fixes/index.js';
import { planExtensionFixes } from '../../src/parse/micromark-fixes/extension-fixes.js';
import { loadMicromarkBuilds } from '../../src/parse/micromark-fixes/micromark-files.js';
import { cannotEndFootnoteLabel } from '../../src/parse/micromark-fixes/footnote-call.js';

const SEED = 23;
const build = loadMicromarkBuilds()[0]!;
const extensions = unified().use(mlpost()).freeze().data().micromarkExtensions ?? [];
const { patches, statuses } = planExtensionFixes(extensions, build.parseEvents);

type Target = Record<string, unknown>;
const shape = (events: unknown[]) =>
  events.map((event) => {
    const [kind, token] = event as [string, { type: string; start: { offset: number }; end: { offset: number } }];
    return `${kind} ${token.type} ${token.start.offset}-${token.end.offset}`;
  });
const withPatches = <T>(run: () => T): T => {
  for (const patch of patches) (patch.target as Target)[patch.key] = patch.replacement;
  try {
    return run();
  } finally {
    for (const patch of patches) (patch.target as Target)[patch.key] = patch.original;
  }
};

describe('speed fixes of extension constructs', () => {
  it('are found in mlpost’s extension list and applied', () => {
    expect(statuses).toEqual([
      { name: 'footnote call scan', applied: true },
      { name: 'emphasis resolveAll', applied: true },
      { name: 'strikethrough resolveAll', applied: true },
    ]);
    expect(micromarkFixStatus(extensions).filter((status) => !status.applied)).toEqual([]);
  });

  // Text made of what emphasis, strikethrough, links and footnote calls read, with footnote
  // definitions (the footnote fix answers at once when there are none).
  const piece = fc.constantFrom('*', '**', '***', '_', '__', '~', '~~', '~~~', '[', ']', '![', '[^', '^', 'a', 'b', ' ', '  ', '\\', '\n', '中', 'テ', '。', '`', '(u)', '.', '!');
  const paragraphs = fc.tuple(fc.array(piece, { maxLength: 40 }), fc.boolean(), fc.boolean()).map(([pieces, definitions, blank]) => {
    const text = pieces.join('').replace(/^[ \t]*[-+*>#=_~`]/gm, 'w').replace(/^ {4,}/gm, '');
    return text + (definitions ? '\n\n[^a]: one\n[^b]: two\n' : '') + (blank ? '\n\n*a* b\n' : '');
  });

  it('tokenize generated text as the extensions’ own code does', () => {
    fc.assert(
      fc.property(paragraphs, (text) => {
        const upstream = shape(build.parseEvents(text, extensions));
        expect(withPatches(() => shape(build.parseEvents(text, extensions)))).toEqual(upstream);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it('agree on the probe-like texts that decide pairings', () => {
    for (const text of ['*a **b* c**', '***a** b*', 'a****b****c', '~~a ~~b~~ c~~', '*a ~~b* c~~', '中文**强调**中文', '![^a] [^a]\n\n[^a]: x\n', 'x ![^a\\]b] y\n\n[^a\\]b]: z\n']) {
      expect(withPatches(() => shape(build.parseEvents(text, extensions)))).toEqual(shape(build.parseEvents(text, extensions)));
    }
  });

  it('footnote labels: what cannot end one', () => {
    expect(cannotEndFootnoteLabel('^a', 1)).toBe(false);
    expect(cannotEndFootnoteLabel(' ^a ', 1)).toBe(false);
    expect(cannotEndFootnoteLabel('x ^a', 1)).toBe(true);
    expect(cannotEndFootnoteLabel('^abc', 2)).toBe(true);
    expect(cannotEndFootnoteLabel('^a]b', 4)).toBe(true);
    expect(cannotEndFootnoteLabel('^a\\]b', 4)).toBe(false);
  });

  // Hostile paragraphs: sizes at which the extensions' own code takes minutes (measured on
  // 20 kB: 3.9 s, 6.7 s, 18 s, 11 s, 7.7 s, quadratic; `a* ` 0.95 s and `a~~ ` 0.52 s at
  // 20 kB, so 2 min at 200 kB and 300 kB); with the fixes about 1 s each. The bound is
  // generous: it fails only if the quadratic walk is back.
  const rep = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length));
  const hostile: Array<[string, string]> = [
    ['`a]` after a footnote definition', rep('a]', 100_000) + '\n\n[^a]: x\n'],
    ['`\\[` then `]`', rep('\\[', 50_000) + rep(']', 50_000) + '\n\n[^a]: x\n'],
    ['`*` × 50 000, `x`, `*` × 50 000', rep('*', 50_000) + 'x' + rep('*', 50_000)],
    ['emphasis nested 16 000 deep', rep('*a ', 50_000) + rep(' a*', 50_000)],
    ['strikethrough nested 12 000 deep', rep('~~a ', 50_000) + rep(' a~~', 50_000)],
    ['`a* ` × 66 000', rep('a* ', 200_000)],
    ['`a~~ ` × 75 000', rep('a~~ ', 300_000)],
  ];
  for (const [name, text] of hostile) {
    it(`parse ${name} (${Math.round(text.length / 1000)} kB) in well under the minutes it took`, { timeout: 60_000 }, () => {
      const started = performance.now();
      const events = withMicromarkFixes(() => build.parseEvents(text, extensions), extensions);
      expect(events.length).toBeGreaterThan(0);
      expect(performance.now() - started).toBeLessThan(15_000);
    });
  }
});
