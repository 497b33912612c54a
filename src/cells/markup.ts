/**
 * Building blocks of cell output: `data-show` parts, `<data>` numbers, `mlpost-seq`
 * sequences and labelled matrix tables. All hast, all author text escaped by construction.
 */
import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import { dataElement, type NumberKind } from '../charts/number-format.js';

/** `<div class="mlpost-show" data-show="viterbi">…</div>`: one part per `show` item. */
export function showPart(item: string, children: Array<ElementContent | string>): Element {
  return h('div', { className: ['mlpost-show', `mlpost-show-${item}`], dataShow: item }, children);
}

/** `<p class="mlpost-result">label <data>…</data></p>` — a labelled number. */
export function resultLine(parts: Array<ElementContent | string>): Element {
  return h('p', { className: ['mlpost-result'] }, parts);
}

/** A number as `<data>`. */
export function num(x: number, kind: NumberKind = 'plain'): Element {
  return dataElement(x, kind);
}

/** `<ol class="mlpost-seq">` with one `<li>` per step. */
export function sequenceList(items: ReadonlyArray<string | Element>, label: string, itemProperties?: (index: number) => Record<string, string>): Element {
  return h(
    'ol',
    { className: ['mlpost-seq'], ariaLabel: label },
    items.map((item, index) => h('li', itemProperties?.(index) ?? {}, [item])),
  );
}

/**
 * A matrix as a table: column headers, a row header per row, a `<data>` in every cell.
 * `corner` labels the top-left header cell (`from \ to`).
 */
export function matrixTable(options: {
  caption: string;
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  values: ReadonlyArray<readonly number[]>;
  corner?: string;
  kind?: NumberKind;
}): Element {
  return h('table', { className: ['mlpost-matrix'] }, [
    h('caption', options.caption),
    h('thead', h('tr', [h('td', options.corner ?? ''), ...options.columnLabels.map((label) => h('th', { scope: 'col' }, label))])),
    h(
      'tbody',
      options.values.map((row, i) =>
        h('tr', [h('th', { scope: 'row' }, options.rowLabels[i] ?? String(i + 1)), ...row.map((value) => h('td', num(value, options.kind)))]),
      ),
    ),
  ]);
}

/** A table and its (decorative) heat map side by side. */
export function tableWithHeatMap(table: Element, heat: Element): Element {
  return h('div', { className: ['mlpost-table-heat'] }, [table, heat]);
}
