/**
 * The figure around a cell's output, and the visible error box that replaces it when the
 * cell is invalid, fails or times out.
 */
import { h } from 'hastscript';
import type { Element } from 'hast';
import type { CellKind } from './problems.js';
import { translate } from '../i18n/strings.js';

/** What the figure needs from the fence. */
export interface FigureFrame {
  kind: CellKind;
  id: string;
  /** Fence classes other than the language (`center`). */
  classes: readonly string[];
  caption: string | undefined;
  /** The YAML body, shown collapsed when `echo=true` (and always in an error box). */
  source: string | undefined;
  /** The post's language, for the words around the results ("Cell source"). */
  language?: string | undefined;
}

function sourceDetails(source: string, language: string | undefined): Element {
  return h('details', { className: ['mlpost-cell-source'] }, [
    h('summary', translate(language, 'cell_source')),
    h('pre', h('code', { className: ['language-yaml'] }, source)),
  ]);
}

/** `<figure class="mlpost-cell mlpost-hmm …" id=…>` [source] parts [figcaption]. */
export function cellFigure(frame: FigureFrame, parts: Element[]): Element {
  return h('figure', { className: ['mlpost-cell', `mlpost-${frame.kind}`, ...frame.classes], id: frame.id }, [
    ...(frame.source !== undefined ? [sourceDetails(frame.source, frame.language)] : []),
    ...parts,
    ...(frame.caption ? [h('figcaption', frame.caption)] : []),
  ]);
}

/**
 * The same figure holding `<div class="mlpost-error" role="alert">` with every message
 * (escaped: they are text nodes), then the cell source for reference.
 */
export function errorFigure(frame: FigureFrame, messages: readonly string[]): Element {
  const box = h('div', { className: ['mlpost-error'], role: 'alert' }, [
    h('p', h('strong', `This ${frame.kind} cell was not executed:`)),
    h('ul', messages.map((message) => h('li', message))),
  ]);
  return h('figure', { className: ['mlpost-cell', `mlpost-${frame.kind}`, 'mlpost-cell-failed', ...frame.classes], id: frame.id }, [
    box,
    ...(frame.source !== undefined ? [sourceDetails(frame.source, frame.language)] : []),
    ...(frame.caption ? [h('figcaption', frame.caption)] : []),
  ]);
}
