import { fromMarkdown } from 'mdast-util-from-markdown';
const d = Number(process.argv[2]), lines = Number(process.argv[3]);
const text = Array.from({ length: d }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n') + '\n' + `${'  '.repeat(d)}more text\n`.repeat(lines);
const t = performance.now(); fromMarkdown(text); console.log(d, lines, 'len', text.length, 'ms', (performance.now() - t).toFixed(0));
