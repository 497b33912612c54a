/**
 * remark plugin: graph fences → `<figure class="mlpost-graph …">` holding the inline SVG
 * (as hast, no raw HTML re-parse) and a `<figcaption>`.
 *
 * Synchronous: the renderer is loaded up front (`createGraphRenderer`), the cache is
 * synchronous too. Problems are reported at the author's line (fence line + DOT line).
 */
import type { Code, Root } from 'mdast';
import type { Element, ElementContent, Properties } from 'hast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { fromHtml } from 'hast-util-from-html';
import { visit, SKIP } from 'unist-util-visit';
import { hashKey, type DiskCache } from '../cache/disk-cache.js';
import { authorLine, placeInFence, report } from '../diagnostics.js';
import { markTransient } from '../limits/transient.js';
import { cutToBytes } from '../limits/bytes.js';
import { mlpostData } from '../types.js';
import { checkFileName, graphFenceOf, type GraphFence } from './fence.js';
import type { GraphRenderer, GraphResult } from './renderer.js';
import { quoteTexLabels } from './tex-labels.js';

const SOURCE = 'mlpost:graph';

/** Options of {@link remarkGraph}. */
export interface RemarkGraphOptions {
  /** A loaded renderer (`await createGraphRenderer()`), shared by every file. */
  renderer: GraphRenderer;
  /** Where rendered graphs are kept between builds; none by default. */
  cache?: DiskCache | undefined;
  /** Wall-clock limit of each layout in milliseconds (the renderer's default when absent). */
  timeoutMs?: number | undefined;
}

/** The mdast node a graph fence becomes; remark-rehype turns it into its `data.hName` element. */
export interface GraphFigure {
  type: 'mlpostGraph';
  data: { hName: 'figure'; hProperties: Properties; hChildren: ElementContent[] };
  position?: Code['position'];
}

declare module 'mdast' {
  interface RootContentMap {
    mlpostGraph: GraphFigure;
  }
  interface BlockContentMap {
    mlpostGraph: GraphFigure;
  }
}

declare module 'vfile' {
  interface DataMap {
    /** Graphs rendered so far in this file; numbers the id prefixes `g1-`, `g2-`. */
    mlpostGraphCount: number;
    /** SVG files graphs of this file wrote, and the line of each graph. */
    mlpostGraphFiles: Record<string, number>;
  }
}

/** Render through the cache: key = DOT, options, engine build and our version. */
function renderCached(renderer: GraphRenderer, cache: DiskCache | undefined, dot: string, engine: string | undefined, idPrefix: string, title: string | undefined, timeoutMs: number | undefined): GraphResult {
  if (!cache) return renderer.render(dot, { engine, idPrefix, title, timeoutMs });
  const key = hashKey('mlpost-graph', renderer.version, renderer.build, engine ?? 'dot', idPrefix, title ?? '', dot);
  const cached = cache.get(key);
  if (cached !== undefined) {
    try {
      const result = JSON.parse(cached) as GraphResult;
      if (typeof result.svg === 'string' && Array.isArray(result.problems)) return result;
    } catch {
      // A value that is not ours: render afresh and overwrite it.
    }
  }
  const result = renderer.render(dot, { engine, idPrefix, title, timeoutMs });
  if (!result.problems.some((problem) => problem.transient)) cache.set(key, JSON.stringify(result));
  return result;
}

/** Column of the info string's first character on the fence's opening line (for attribute problems). */
function infoColumn(file: VFile, node: Code): number {
  const start = node.position?.start;
  if (!start) return 1;
  const line = String(file.value ?? '').split('\n')[start.line - 1] ?? '';
  const fence = /^\s*(`{3,}|~{3,})\s*/.exec(line);
  return fence ? fence[0].length + 1 : start.column;
}

function figureOf(fence: GraphFence, svg: Element, failed: boolean): GraphFigure['data'] {
  const className = ['mlpost-graph', ...fence.classes];
  if (failed) className.push('mlpost-graph-failed');
  const properties: Properties = { className, ...fence.data };
  if (fence.id !== undefined) properties.id = fence.id;
  const children: ElementContent[] = [svg];
  if (fence.caption !== undefined && fence.caption !== '') {
    children.push({ type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: fence.caption }] });
  }
  return { hName: 'figure', hProperties: properties, hChildren: children };
}

/**
 * Replace every graph fence (` ```{.graph …} `, ` ```dot `, ` ```graphviz `) with a
 * figure; report problems on the file; add `fileName.svg` assets.
 */
export function remarkGraph(options: RemarkGraphOptions) {
  const { renderer, cache, timeoutMs } = options;
  return function transform(tree: Root, file: VFile): void {
    visit(tree, 'code', (node: Code, index, parent) => {
      if (!parent || index === undefined) return;
      const fence = graphFenceOf(node);
      if (!fence) return;
      const start = node.position?.start;
      const column = infoColumn(file, node);
      for (const problem of fence.problems) {
        report(file, 'warning', problem.message, { place: start ? { line: start.line, column: column + problem.offset } : undefined, ruleId: problem.ruleId, source: SOURCE });
      }

      const number = (file.data.mlpostGraphCount ?? 0) + 1;
      file.data.mlpostGraphCount = number;
      const idPrefix = `g${number}-`;

      let dot = node.value;
      if (fence.tex) {
        const rewrite = quoteTexLabels(dot);
        dot = rewrite.dot;
        if (rewrite.count > 0) {
          report(file, 'warning', `latex="true": ${rewrite.count} TeX label${rewrite.count === 1 ? ' is' : 's are'} drawn as raw text; mlpost does not typeset TeX inside graphs`, { place: start, ruleId: 'graph-tex-label', source: SOURCE });
        }
      }

      const result = renderCached(renderer, cache, dot, fence.engine, idPrefix, fence.caption, timeoutMs);
      if (result.problems.some((problem) => problem.transient)) markTransient(file);
      const indent = start ? start.column - 1 : 0;
      for (const problem of result.problems) {
        const place = problem.line !== undefined ? placeInFence(start, problem.line, problem.column ?? 1, indent) : start;
        report(file, problem.severity, problem.message, { place, ruleId: problem.ruleId, source: SOURCE });
      }
      const failed = result.problems.some((problem) => problem.severity === 'error');

      const svg = fromHtml(result.svg, { fragment: true, space: 'svg' }).children.find((child): child is Element => child.type === 'element');
      if (!svg) return;
      stripPositions(svg);

      if (fence.fileName !== undefined) {
        const why = checkFileName(fence.fileName);
        if (why !== undefined) report(file, 'error', `fileName \`${fence.fileName}\` ${why}; no SVG file is written`, { place: start, ruleId: 'graph-file-name', source: SOURCE });
        else if (!failed) {
          const path = svgFileName(file, fence.fileName, dot, start);
          mlpostData(file).assets.push({ path, contents: `<?xml version="1.0" encoding="UTF-8"?>\n${result.svg}\n` });
        }
      }

      const figure: GraphFigure = { type: 'mlpostGraph', data: figureOf(fence, svg, failed) };
      if (node.position) figure.position = node.position;
      parent.children[index] = figure;
      return SKIP;
    });
  };
}

/** Longest SVG file name written next to a page, in bytes (a path segment may have 255). */
export const MAX_FILE_NAME_BYTES = 200;

/**
 * The file a graph's `fileName` names: `NAME.svg`, capped in bytes (with a hash of the
 * name) and, when an earlier graph or file of the post already has that name, given a hash
 * of this graph's DOT; each is a warning at the fence naming the other graph's line.
 */
function svgFileName(file: VFile, fileName: string, dot: string, start: Point | undefined): string {
  let name = fileName;
  if (Buffer.byteLength(`${name}.svg`) > MAX_FILE_NAME_BYTES) {
    name = `${cutToBytes(name, MAX_FILE_NAME_BYTES - 13)}-${hashKey('mlpost-file-name', fileName).slice(0, 8)}`;
    report(file, 'warning', `fileName is longer than ${MAX_FILE_NAME_BYTES - 4} bytes: the SVG file is \`${name}.svg\``, { place: start, ruleId: 'graph-file-name', source: SOURCE });
  }
  const written = (file.data.mlpostGraphFiles ??= {});
  const taken = (path: string) => path in written || mlpostData(file).assets.some((asset) => asset.path === path);
  if (taken(`${name}.svg`)) {
    const earlier = written[`${name}.svg`];
    const renamed = `${name}-${hashKey('mlpost-graph-file', dot).slice(0, 8)}`;
    const where = earlier === undefined ? 'another file of this post' : `the graph at line ${authorLine(file, earlier)}`;
    report(file, 'warning', `fileName \`${fileName}\` is also that of ${where}: this graph's SVG file is \`${renamed}.svg\``, { place: start, ruleId: 'graph-file-name-collision', source: SOURCE });
    name = renamed;
  }
  written[`${name}.svg`] = start?.line ?? 0;
  return `${name}.svg`;
}

function stripPositions(node: Element | ElementContent): void {
  delete node.position;
  if (node.type === 'element') for (const child of node.children) stripPositions(child);
}
