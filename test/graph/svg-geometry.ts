/**
 * Read the geometry of a Graphviz SVG (with its `<title>`s): node centres by name and the
 * edge set. Used to compare our layouts with the SVGs the original blog published.
 */
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element, Root } from 'hast';

export interface Box { x: number; y: number; width: number; height: number }
export interface Geometry {
  nodes: Map<string, Box>;
  edges: string[];
  /** Texts drawn inside each node, with their estimated extent (x = anchor). */
  texts: Map<string, Array<{ text: string; x: number; y: number; anchor: string }>>;
}

function* elements(node: Root | Element): Generator<Element> {
  for (const child of node.children) {
    if (child.type === 'element') {
      yield child;
      yield* elements(child);
    }
  }
}

function classOf(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

function boxOfShapes(group: Element): Box | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const shape of elements(group)) {
    const p = shape.properties;
    if (shape.tagName === 'ellipse') {
      const [cx, cy, rx, ry] = [p.cx, p.cy, p.rx, p.ry].map(Number) as [number, number, number, number];
      xs.push(cx - rx, cx + rx);
      ys.push(cy - ry, cy + ry);
    } else if (shape.tagName === 'polygon' || shape.tagName === 'polyline') {
      const points = String(p.points).trim().split(/\s+/).map((pair) => pair.split(',').map(Number));
      for (const [x, y] of points) {
        xs.push(x!);
        ys.push(y!);
      }
    }
  }
  if (xs.length === 0) return undefined;
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return { x: (x0 + x1) / 2, y: (y0 + y1) / 2, width: x1 - x0, height: y1 - y0 };
}

/** Node boxes, edges (`a->b` as titled, ports dropped) and node texts of a Graphviz SVG. */
export function geometryOf(svg: string): Geometry {
  const tree = fromHtml(svg, { fragment: true, space: 'svg' });
  const nodes = new Map<string, Box>();
  const texts: Geometry['texts'] = new Map();
  const edges: string[] = [];
  for (const group of elements(tree)) {
    if (group.tagName !== 'g') continue;
    const title = group.children.find((child): child is Element => child.type === 'element' && child.tagName === 'title');
    if (!title) continue;
    const name = toText(title);
    if (classOf(group).includes('node')) {
      const box = boxOfShapes(group);
      const nodeTexts = [...elements(group)].filter((element) => element.tagName === 'text').map((text) => ({
        text: toText(text),
        x: Number(text.properties.x),
        y: Number(text.properties.y),
        anchor: String(text.properties.textAnchor ?? 'start'),
      }));
      texts.set(name, nodeTexts);
      const textBox = nodeTexts[0] ? { x: nodeTexts[0].x, y: nodeTexts[0].y, width: 0, height: 0 } : undefined;
      const chosen = box ?? textBox;
      if (chosen) nodes.set(name, chosen);
    } else if (classOf(group).includes('edge')) {
      edges.push(name.replace(/:[a-z0-9_]+(?=-[->]|$)/gi, ''));
    }
  }
  return { nodes, edges: edges.sort(), texts };
}

/**
 * Reading order: nodes top to bottom, then left to right, rows grouped within `tolerance`
 * points (ranks of a TB layout; an LR layout reads the same way row by row).
 */
export function readingOrder(nodes: Map<string, Box>, tolerance = 4): string[][] {
  const sorted = [...nodes.entries()].sort((a, b) => a[1].y - b[1].y || a[1].x - b[1].x);
  const rows: Array<Array<[string, Box]>> = [];
  for (const entry of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0]![1].y - entry[1].y) <= tolerance) row.push(entry);
    else rows.push([entry]);
  }
  return rows.map((row) => row.sort((a, b) => a[1].x - b[1].x).map(([name]) => name));
}
