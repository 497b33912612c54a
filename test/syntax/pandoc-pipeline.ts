/**
 * A small unified pipeline with the pandoc plugins in the order the preset uses them
 * (see the report of the pandoc task): Markdown → HTML string plus messages.
 */
import { unified } from 'unified';
import { remarkMlpostParse } from '../../src/parse/parser.js';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { remarkPandocAttributes, remarkCodeAttributes, rehypeMarkAuthorIds, rehypeUniqueIds } from '../../src/syntax/pandoc/index.js';
import { remarkImplicitFigures } from '../../src/syntax/implicit-figures.js';
import { rehypeHighlightCode } from '../../src/code/highlight/index.js';

const processor = unified()
  .use(remarkMlpostParse)
  .use(remarkGfm, { singleTilde: false })
  .use(remarkPandocAttributes)
  .use(remarkImplicitFigures)
  .use(remarkCodeAttributes)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeMarkAuthorIds)
  .use(rehypeSlug)
  .use(rehypeUniqueIds)
  .use(rehypeHighlightCode)
  .use(rehypeStringify)
  .freeze();

/** A diagnostic as `line:column severity [rule] reason`. */
export interface Seen {
  place: string;
  severity: 'error' | 'warning' | 'info';
  ruleId: string | undefined;
  reason: string;
}

/** Render `markdown` with the pandoc plugins. */
export function render(markdown: string): { html: string; messages: Seen[] } {
  const file = new VFile({ value: markdown, path: 'post.md' });
  const html = String(processor.processSync(file));
  const messages = file.messages.map((message) => ({
    place: `${message.line}:${message.column}`,
    severity: message.fatal === true ? ('error' as const) : message.fatal === false ? ('warning' as const) : ('info' as const),
    ruleId: message.ruleId ?? undefined,
    reason: message.reason,
  }));
  return { html, messages };
}

/** Only the HTML. */
export function html(markdown: string): string {
  return render(markdown).html;
}
