import { fromMarkdown } from 'mdast-util-from-markdown';
const kind = process.argv[2]; const n = Number(process.argv[3]);
const text = kind === 'lazy' ? '> quote\n' + 'lazy line\n'.repeat(n) : Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n') + '\n';
fromMarkdown(text);
