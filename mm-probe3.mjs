import { fromMarkdown } from 'mdast-util-from-markdown';
import { createRequire } from 'node:module';
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
const require = createRequire(import.meta.url);
const mm = require.resolve('micromark');
const req2 = createRequire(mm);
const { blankLine } = await import(req2.resolve('micromark-core-commonmark'));
const memo = new WeakMap();
if (process.argv[2] === 'fix') blankLine.tokenize = function (effects, ok, nok) {
  const self = this;
  let from;
  return start;
  function start(code) {
    from = self.now().offset;
    const known = memo.get(self.parser);
    if (known && known.from <= from && from <= known.to) return known.blank ? ok(code) : nok(code);
    return markdownSpace(code) ? skip(code) : after(code);
  }
  function skip(code) { if (markdownSpace(code)) { effects.enter('linePrefix'); return more(code);} return after(code); }
  function more(code) { if (markdownSpace(code)) { effects.consume(code); return more; } effects.exit('linePrefix'); return after(code); }
  function after(code) {
    const blank = code === null || markdownLineEnding(code);
    memo.set(self.parser, { from, to: self.now().offset, blank });
    return blank ? ok(code) : nok(code);
  }
};
for (const n of process.argv.slice(3).map(Number)) {
  const text = Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n') + '\n';
  const t = performance.now(); fromMarkdown(text); console.log(process.argv[2], n, 'len', text.length, 'ms', (performance.now() - t).toFixed(0));
}
