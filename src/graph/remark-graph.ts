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
import type { Transformer } from 'unified';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
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

/** The cache key of one graph: DOT, options, engine build and our output version. */
function graphCacheKey(build: string, version: string, job: GraphJob): string {
  return hashKey('mlpost-graph', version, build, job.fence.engine ?? 'dot', job.idPrefix, job.fence.caption ?? '', job.dot);
}

/** The cached result of `job`, if the cache holds one of ours. */
function cachedResult(cache: DiskCache, key: string): GraphResult | undefined {
  const cached = cache.get(key);
  if (cached === undefined) return undefined;
  try {
    const result = JSON.parse(cached) as GraphResult;
    if (typeof result.svg === 'string' && Array.isArray(result.problems)) return result;
  } catch {
    // A value that is not ours: render afresh and overwrite it.
  }
  return undefined;
}

/** Render `job` and keep the result (unless a problem says the next try may differ). */
function renderJob(renderer: GraphRenderer, cache: DiskCache | undefined, job: GraphJob, timeoutMs: number | undefined): GraphResult {
  const result = renderer.render(job.dot, { engine: job.fence.engine, idPrefix: job.idPrefix, title: job.fence.caption, timeoutMs });
  if (cache && !result.problems.some((problem) => problem.transient)) cache.set(graphCacheKey(renderer.build, renderer.version, job), JSON.stringify(result));
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

/** One graph fence of a file, read and numbered, waiting for its layout. */
interface GraphJob {
  node: Code;
  parent: { children: unknown[] };
  index: number;
  fence: GraphFence;
  /** The DOT handed to Graphviz (TeX labels quoted). */
  dot: string;
  /** TeX labels quoted in `dot`. */
  texLabels: number;
  idPrefix: string;
}

/** Every graph fence of `tree`, in order, numbered `g1-`, `g2-` … (reports nothing). */
function collectGraphJobs(tree: Root, file: VFile): GraphJob[] {
  const jobs: GraphJob[] = [];
  visit(tree, 'code', (node: Code, index, parent) => {
    if (!parent || index === undefined) return;
    const fence = graphFenceOf(node);
    if (!fence) return;
    const number = (file.data.mlpostGraphCount ?? 0) + 1;
    file.data.mlpostGraphCount = number;
    const rewrite = fence.tex ? quoteTexLabels(node.value) : { dot: node.value, count: 0 };
    jobs.push({ node, parent, index, fence, dot: rewrite.dot, texLabels: rewrite.count, idPrefix: `g${number}-` });
  });
  return jobs;
}

/** Put the figure of `job` in the tree; report the fence's and the layout's problems; add its SVG file. */
function applyGraphResult(file: VFile, job: GraphJob, result: GraphResult): void {
  const { node, fence, dot } = job;
  const start = node.position?.start;
  const column = infoColumn(file, node);
  for (const problem of fence.problems) {
    report(file, 'warning', problem.message, { place: start ? { line: start.line, column: column + problem.offset } : undefined, ruleId: problem.ruleId, source: SOURCE });
  }
  if (job.texLabels > 0) {
    report(file, 'warning', `latex="true": ${job.texLabels} TeX label${job.texLabels === 1 ? ' is' : 's are'} drawn as raw text; mlpost does not typeset TeX inside graphs`, { place: start, ruleId: 'graph-tex-label', source: SOURCE });
  }

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
  job.parent.children[job.index] = figure;
}

/**
 * Replace every graph fence (` ```{.graph …} `, ` ```dot `, ` ```graphviz `) with a
 * figure; report problems on the file; add `fileName.svg` assets. Synchronous: the
 * renderer is loaded up front.
 */
export function remarkGraph(options: RemarkGraphOptions) {
  const { renderer, cache, timeoutMs } = options;
  return function transform(tree: Root, file: VFile): void {
    for (const job of collectGraphJobs(tree, file)) {
      const cached = cache ? cachedResult(cache, graphCacheKey(renderer.build, renderer.version, job)) : undefined;
      applyGraphResult(file, job, cached ?? renderJob(renderer, cache, job, timeoutMs));
    }
  };
}

/** Options of {@link remarkGraphLazy}. */
export interface RemarkGraphLazyOptions {
  /** Loads the renderer; called only when a graph is not in the cache. */
  loadRenderer: () => Promise<GraphRenderer>;
  /** The build and output version the renderer will report (cache keys are looked up before it loads). */
  build: string;
  version: string;
  cache?: DiskCache | undefined;
  timeoutMs?: number | undefined;
}

/**
 * {@link remarkGraph} that loads Graphviz only when it needs it: a file without graphs,
 * or whose graphs are all in the cache, never waits for (or starts) an engine.
 */
export function remarkGraphLazy(options: RemarkGraphLazyOptions): Transformer<Root, Root> {
  const { cache, timeoutMs } = options;
  // Synchronous unless Graphviz must load, so `processSync` keeps working on posts without
  // graphs or with cached ones (Hexo renders tag bodies synchronously).
  return function transform(tree: Root, file: VFile): Promise<void> | undefined {
    const jobs = collectGraphJobs(tree, file);
    if (jobs.length === 0) return undefined;
    const cached = jobs.map((job) => (cache ? cachedResult(cache, graphCacheKey(options.build, options.version, job)) : undefined));
    if (cached.every((result) => result !== undefined)) {
      jobs.forEach((job, at) => applyGraphResult(file, job, cached[at] as GraphResult));
      return undefined;
    }
    return options.loadRenderer().then((renderer) => drawJobs(renderer, file, jobs, cached));
  };

  function drawJobs(renderer: GraphRenderer, file: VFile, jobs: GraphJob[], cached: (GraphResult | undefined)[]): void {
    // Another Graphviz than the pinned one (a test's fake, an overridden dependency): its
    // own cache entries only.
    const same = renderer.build === options.build && renderer.version === options.version;
    for (const [at, job] of jobs.entries()) {
      const hit = same ? cached[at] : cache ? cachedResult(cache, graphCacheKey(renderer.build, renderer.version, job)) : undefined;
      applyGraphResult(file, job, hit ?? renderJob(renderer, cache, job, timeoutMs));
    }
  }
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
