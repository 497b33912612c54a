/** The data behind a chart as a table in a collapsed `<details>`: readable without the SVG. */
import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import { dataElement, type NumberKind } from './number-format.js';

/** One table cell: a number (rendered as `<data>`), text, or nothing (an em dash). */
export type TableValue = number | string | undefined;

/** A column of the data table. */
export interface TableColumn {
  header: string;
  kind?: NumberKind;
}

/**
 * `<td>` content for a value. Text goes in as a plain string: hastscript would read a
 * lone `{type: 'text'}` object as the element's properties.
 */
function cellContent(value: TableValue, kind: NumberKind | undefined): ElementContent | string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return dataElement(value, kind);
}

/**
 * A `<table>` with a header row and one row per entry of `rows`; the first column is a
 * row header (`<th scope="row">`).
 */
export function dataTable(columns: readonly TableColumn[], rows: ReadonlyArray<readonly TableValue[]>, caption?: string): Element {
  const head = h('thead', h('tr', columns.map((column) => h('th', { scope: 'col' }, column.header))));
  const body = h(
    'tbody',
    rows.map((row) =>
      h(
        'tr',
        row.map((value, index) =>
          index === 0 ? h('th', { scope: 'row' }, cellContent(value, columns[0]?.kind)) : h('td', cellContent(value, columns[index]?.kind)),
        ),
      ),
    ),
  );
  return h('table', { className: ['mlpost-data'] }, caption ? [h('caption', caption), head, body] : [head, body]);
}

/** `<details class="mlpost-chart-data"><summary>…</summary><table>…</table></details>`. */
export function dataDetails(summary: string, table: Element): Element {
  return h('details', { className: ['mlpost-chart-data'] }, [h('summary', summary), table]);
}
