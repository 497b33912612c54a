/** Render Markdown with remarkCells the way the mlpost pipeline does (parse → cells → rehype). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { remarkCells, type RemarkCellsOptions } from '../../src/cells/index.js';
import { formatMessage } from '../../src/diagnostics.js';

/** A fresh, empty cache folder. */
export function freshCacheDir(): string {
  return mkdtempSync(join(tmpdir(), 'mlpost-cells-'));
}

/** HTML, the formatted messages and the file of a render. */
export async function renderCells(markdown: string, options: RemarkCellsOptions = {}, path = '/virtual/post.md'): Promise<{ html: string; messages: string[]; file: VFile }> {
  const file = new VFile({ path, value: markdown });
  const output = await unified()
    .use(remarkParse)
    .use(remarkCells, { cacheDir: freshCacheDir(), ...options })
    .use(remarkRehype)
    .use(rehypeStringify)
    .process(file);
  return { html: String(output), messages: file.messages.map((message) => formatMessage(message).replace(/^[^:]*\/(?=[^/:]*:)/, '')), file };
}

/** The `<data value>` strings inside the part with `data-show="item"`. */
export function dataValuesOf(html: string, item: string): string[] {
  const start = html.indexOf(`data-show="${item}"`);
  if (start < 0) throw new Error(`no data-show="${item}"`);
  const next = html.indexOf('data-show="', start + 10);
  const part = html.slice(start, next < 0 ? undefined : next);
  return [...part.matchAll(/<data value="([^"]*)"/g)].map((match) => match[1]!);
}

/** The texts of the `<li>`s of the first `mlpost-seq` inside the part `item`. */
export function sequenceOf(html: string, item: string): string[] {
  const start = html.indexOf(`data-show="${item}"`);
  const list = html.slice(html.indexOf('<ol class="mlpost-seq"', start));
  const body = list.slice(0, list.indexOf('</ol>'));
  return [...body.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, ''));
}
