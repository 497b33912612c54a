import { micromark } from 'micromark';
import { fromMarkdown } from 'mdast-util-from-markdown';
const kind = process.argv[2];
for (const n of process.argv.slice(3).map(Number)) {
  const text = kind === 'lazy' ? '> quote\n' + 'lazy line\n'.repeat(n) : Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n') + '\n';
  let t = performance.now();
  micromark(text);
  const a = performance.now() - t; t = performance.now();
  fromMarkdown(text);
  console.log(kind, n, 'len', text.length, 'micromark ms', a.toFixed(0), 'fromMarkdown ms', (performance.now() - t).toFixed(0));
}
