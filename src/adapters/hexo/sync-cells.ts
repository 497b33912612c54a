/**
 * Cells in text that Hexo renders synchronously (`renderSync`: the body of a theme's tag
 * such as NexT's `{% note %}` or `{% tabs %}`). Cells run in worker threads, which a
 * synchronous render cannot wait for, so each such cell becomes a visible error box and
 * an error at its line that says what to do, instead of Hexo's "processSync finished async".
 */
import type { Root } from 'mdast';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../../diagnostics.js';
import { fenceLanguage, infoOfCode, parseFenceAttributes } from '../../syntax/fence-attributes.js';

/** The rule id of the error. */
export const CELL_IN_SYNC_RENDER = 'cell-in-sync-render';

/**
 * `markdown` with each `hmm`/`rnn` fence replaced by an HTML error box, the error reported
 * on `file` at the fence's place. Text without cells comes back unchanged.
 */
export function refuseCells(markdown: string, parser: Pick<Processor<Root>, 'parse'>, file: VFile): string {
  if (!/hmm|rnn/.test(markdown)) return markdown;
  const cells: Array<{ start: number; end: number; kind: string; line: number; column: number }> = [];
  visit(parser.parse(markdown), 'code', (node) => {
    const kind = fenceLanguage(parseFenceAttributes(infoOfCode(node)));
    const start = node.position?.start;
    const end = node.position?.end;
    if ((kind === 'hmm' || kind === 'rnn') && start?.offset !== undefined && end?.offset !== undefined) {
      cells.push({ start: start.offset, end: end.offset, kind, line: start.line, column: start.column });
    }
  });
  if (cells.length === 0) return markdown;
  let out = '';
  let at = 0;
  for (const cell of cells.sort((a, b) => a.start - b.start)) {
    const reason = `${cell.kind}: this cell is inside a tag whose body Hexo renders synchronously (such as a theme's {% note %} or {% tabs %}); cells run asynchronously, so it was not run: move it out of the tag`;
    report(file, 'error', reason, { place: { line: cell.line, column: cell.column }, ruleId: CELL_IN_SYNC_RENDER, source: 'mlpost:hexo' });
    out += markdown.slice(at, cell.start) + `\n\n<div class="mlpost-error" role="alert">${escapeHtml(reason)}</div>\n\n`;
    at = cell.end;
  }
  return out + markdown.slice(at);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\{/g, '&#123;');
}
