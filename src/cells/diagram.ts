/**
 * Diagrams of cells (HMM state diagram, unrolled RNN) go through the same Graphviz
 * renderer as `graph` fences; its SVG string is parsed into hast here, so the cell's
 * output stays a tree (no raw HTML).
 */
import { fromHtml } from 'hast-util-from-html';
import { h } from 'hastscript';
import type { Element } from 'hast';
import type { GraphRenderer } from '../graph/renderer.js';

/** Render `dot` as a `<div class="mlpost-diagram">` holding the SVG; problems come back as text. */
export function renderDiagram(dot: string, graph: GraphRenderer | undefined, idPrefix: string, title: string): { element: Element; problems: string[] } {
  if (!graph) {
    return { element: h('div', { className: ['mlpost-diagram'] }, h('pre', dot)), problems: ['no graph renderer was given: the diagram is shown as DOT'] };
  }
  const result = graph.render(dot, { idPrefix, title });
  const tree = fromHtml(result.svg, { fragment: true, space: 'html' });
  const children = tree.children.filter((child): child is Element => child.type === 'element');
  const problems = result.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message);
  return { element: h('div', { className: ['mlpost-diagram'] }, children), problems };
}
