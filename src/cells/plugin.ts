/**
 * remarkCells: finds ` ```hmm ` / ` ```rnn ` fences (also ` ```{.hmm …} `), validates
 * them, executes them (cache, worker, timeout) and replaces each with a figure of its
 * results, or a visible error box plus an error at the author's line.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { Element } from 'hast';
import type { Code, Parent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { hashKey } from '../cache/disk-cache.js';
import { recordRead } from '../cache/reads.js';
import { authorLine, report } from '../diagnostics.js';
import { mlpostData } from '../types.js';
import type { GraphRenderer } from '../graph/renderer.js';
import { sharedGraphRenderer } from '../engines/index.js';
import { fenceLanguage, infoOfCode, parseFenceAttributes, type FenceAttributes } from '../syntax/fence-attributes.js';
import { DiskCache, cellCacheKey, defaultCellCacheDir, executeCell, type CellRunStats } from './execute.js';
import { cellFigure, errorFigure, type FigureFrame } from './figure.js';
import { renderHmm } from './hmm-render.js';
import { CELL_LIMITS, DEFAULT_TIMEOUT_SECONDS } from './limits.js';
import type { CellKind, CellProblem } from './problems.js';
import type { RenderContext } from './render-context.js';
import { renderRnn } from './rnn-render.js';
import type { CellResult } from './run.js';
import type { CellSpec } from './spec.js';
import { parseCell } from './validate.js';

/** Options of {@link remarkCells}. */
export interface RemarkCellsOptions {
  /** Graphviz renderer for diagrams; one is loaded on first need when absent. */
  graph?: GraphRenderer;
  /** Cache folder; default `node_modules/.cache/mlpost/cells` under the working directory; `false`: no cache at all. */
  cacheDir?: string | false;
  /** Execute every cell afresh (the fresh results are still stored). */
  noCache?: boolean;
  /** Cells run at once across the process; default the number of cores. */
  concurrency?: number;
  /** Folder that `file:` paths are relative to when the vfile has no path. */
  basePath?: string;
}

/** The mdast node a cell becomes; remark-rehype turns it into its `figure`. */
export interface CellNode {
  type: 'mlpostCell';
  data: { hName: 'figure'; hProperties: Element['properties']; hChildren: Element['children'] };
  position?: Code['position'];
}

declare module 'mdast' {
  interface RootContentMap {
    mlpostCell: CellNode;
  }
  interface BlockContentMap {
    mlpostCell: CellNode;
  }
}

declare module 'vfile' {
  interface DataMap {
    /** What the cells of this file did. */
    mlpostCells: CellRunStats;
  }
}

const SOURCE = 'mlpost:cells';

/** Attributes that change nothing but are still part of the key (as the spec asks). */
function canonicalAttributes(attributes: FenceAttributes): string {
  const sorted = Object.fromEntries(Object.entries(attributes.attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({ classes: attributes.classes, id: attributes.id ?? null, attributes: sorted });
}

/** An id usable in SVG ids and URLs: letters, digits, `_`, `-`, starting with a letter. */
function safeIdPrefix(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `c${cleaned}`;
}

interface Job {
  node: Code;
  parent: Parent;
  kind: CellKind;
  attributes: FenceAttributes;
}

/** The unified plugin. The transformer is async: cells run in worker threads. */
export function remarkCells(options: RemarkCellsOptions = {}) {
  const cache = options.cacheDir === false ? undefined : new DiskCache(options.cacheDir ?? defaultCellCacheDir());
  return async function transform(tree: Root, file: VFile): Promise<void> {
    const jobs: Job[] = [];
    visit(tree, 'code', (node, _index, parent) => {
      const attributes = parseFenceAttributes(infoOfCode(node));
      const kind = fenceLanguage(attributes);
      if ((kind === 'hmm' || kind === 'rnn') && parent) jobs.push({ node, parent, kind, attributes });
    });
    const fileStats: CellRunStats = { executed: 0, cached: 0, failed: 0 };
    file.data.mlpostCells = fileStats;
    if (jobs.length === 0) return;

    const usedIds = new Set<string>();
    const frames = jobs.map((job) => frameOf(job, usedIds, mlpostData(file).language));
    const needsGraph = jobs.some((job) => /\b(diagram|unroll)\b/.test(job.node.value));
    const graph = options.graph ?? (needsGraph ? await loadSharedGraph(file) : undefined);

    const figures = await Promise.all(jobs.map((job, i) => cellElement(job, frames[i]!, file, options, cache, graph, fileStats)));
    jobs.forEach((job, i) => {
      const figure = figures[i]!;
      const replacement: CellNode = {
        type: 'mlpostCell',
        data: { hName: 'figure', hProperties: figure.properties, hChildren: figure.children },
        ...(job.node.position ? { position: job.node.position } : {}),
      };
      const index = job.parent.children.indexOf(job.node);
      if (index >= 0) job.parent.children.splice(index, 1, replacement as unknown as Parent['children'][number]);
    });
  };
}

async function loadSharedGraph(file: VFile): Promise<GraphRenderer | undefined> {
  try {
    return await sharedGraphRenderer();
  } catch (error) {
    report(file, 'warning', `cells: Graphviz could not be loaded (${(error as Error).message}); diagrams are shown as DOT`, { ruleId: 'cell-failed', source: SOURCE });
    return undefined;
  }
}

function frameOf(job: Job, usedIds: Set<string>, language: string | undefined): FigureFrame {
  const echo = job.attributes.attributes.echo === 'true';
  let id = job.attributes.id ?? `cell-${hashKey(job.kind, job.node.value).slice(0, 8)}`;
  if (usedIds.has(id)) {
    let n = 2;
    while (usedIds.has(`${id}-${n}`)) n++;
    id = `${id}-${n}`;
  }
  usedIds.add(id);
  return {
    kind: job.kind,
    id,
    classes: job.attributes.classes.slice(1),
    caption: job.attributes.attributes.caption,
    source: echo ? job.node.value : undefined,
    language,
  };
}

async function cellElement(
  job: Job,
  frame: FigureFrame,
  file: VFile,
  options: RemarkCellsOptions,
  cache: DiskCache | undefined,
  graph: GraphRenderer | undefined,
  fileStats: CellRunStats,
): Promise<Element> {
  const start = job.node.position?.start;
  const indent = start ? start.column - 1 : 0;
  const at = (line: number, column: number) => (start ? { line: start.line + line, column: column + indent } : undefined);
  const fail = (messages: Array<{ text: string; ruleId: string; line: number; column: number }>): Element => {
    for (const message of messages) report(file, 'error', `${job.kind}: ${message.text}`, { place: at(message.line, message.column), ruleId: message.ruleId, source: SOURCE });
    fileStats.failed++;
    const visible = messages.map((message) => (start ? `line ${authorLine(file, start.line + message.line)}: ${message.text}` : message.text));
    return errorFigure({ ...frame, source: job.node.value }, visible);
  };

  for (const problem of job.attributes.problems) {
    report(file, 'warning', `${job.kind}: ${problem.message}`, { place: start, ruleId: 'cell-fence-attribute', source: SOURCE });
  }
  const timeout = timeoutOf(job.attributes);
  const echo = job.attributes.attributes.echo;
  if (echo !== undefined && echo !== 'true' && echo !== 'false') {
    report(file, 'warning', `${job.kind}: echo must be true or false, not "${echo}"; the source is not shown`, { place: start, ruleId: 'cell-fence-attribute', source: SOURCE });
  }
  if (typeof timeout === 'string') return fail([{ text: timeout, ruleId: 'cell-fence-attribute', line: 0, column: 1 }]);

  const folder = options.basePath ?? (file.path ? dirname(file.path) : process.cwd());
  const parsed = parseCell(job.kind, job.node.value, { readText: (path) => readInside(folder, path, file) });
  if (!parsed.spec) {
    return fail(parsed.problems.map((problem: CellProblem) => ({ text: problem.message, ruleId: problem.ruleId, line: problem.place.line, column: problem.place.column })));
  }
  const spec: CellSpec = parsed.spec;
  const key = cellCacheKey({
    kind: job.kind,
    source: job.node.value,
    attributes: canonicalAttributes(job.attributes),
    spec,
    rendererVersion: graph ? `${graph.version} ${graph.build}` : 'no-graph',
  });
  const outcome = await executeCell(spec, key, {
    cache,
    noCache: options.noCache ?? false,
    timeoutMs: timeout * 1000,
    concurrency: options.concurrency,
  });
  if (!outcome.ok) {
    return fail([{ text: outcome.message, ruleId: outcome.reason === 'timeout' ? 'cell-timeout' : 'cell-failed', line: 0, column: 1 }]);
  }
  if (outcome.fromCache) fileStats.cached++;
  else fileStats.executed++;
  try {
    return cellFigure(frame, renderParts(spec, outcome.result, frame, graph, (message) => report(file, 'warning', `${job.kind}: ${message}`, { place: start, ruleId: 'cell-failed', source: SOURCE })));
  } catch (error) {
    return fail([{ text: `could not render the results: ${(error as Error).message}`, ruleId: 'cell-failed', line: 0, column: 1 }]);
  }
}

/** Render the parts of an executed cell (pure: no I/O). */
export function renderParts(spec: CellSpec, result: CellResult, frame: FigureFrame, graph: GraphRenderer | undefined, warn: (message: string) => void = () => {}): Element[] {
  const prefix = safeIdPrefix(frame.id);
  const context: RenderContext = { graph, caption: frame.caption, idPrefix: (part) => `${prefix}-${part}-`, warn };
  if (spec.kind === 'hmm' && result.kind === 'hmm') return renderHmm(spec, result, context);
  if (spec.kind === 'rnn' && result.kind === 'rnn') return renderRnn(spec, result, context);
  throw new Error(`a ${spec.kind} cell got ${result.kind} results`);
}

/** The fence's `timeout` in seconds, or a message saying why it is invalid. */
function timeoutOf(attributes: FenceAttributes): number | string {
  const raw = attributes.attributes.timeout;
  if (raw === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(raw);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(raw) || !(seconds > 0) || seconds > CELL_LIMITS.timeoutSeconds) {
    return `timeout must be a number of seconds between 0 and ${CELL_LIMITS.timeoutSeconds}, not "${raw}"`;
  }
  return seconds;
}

/** Read `path` relative to `folder`, refusing to leave it (through `..` or a symlink); what was read is recorded for the cache. */
function readInside(folder: string, path: string, file: VFile): string {
  const requested = resolve(folder, path);
  let target: string;
  try {
    const base = realpathSync(folder);
    target = realpathSync(resolve(base, path));
    if (target !== base && !target.startsWith(base + sep)) throw new Error('the file lies outside the post\'s folder');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') recordRead(file, requested, undefined);
    throw error;
  }
  const bytes = readFileSync(target);
  recordRead(file, requested, bytes);
  return bytes.toString('utf8');
}
