/**
 * DOT → polished SVG, synchronously, on a Graphviz-WASM instance loaded once per process.
 *
 * Each instance runs in a worker thread of its own (`worker-engine.ts`) so that a layout
 * has a wall-clock limit: past it the thread is stopped and the graph gets a
 * `graph-timeout` error. Graphviz-WASM can also crash (the module aborts and is unusable
 * afterwards). After a crash or a timeout a new instance starts loading at once (render
 * stays synchronous: a layout asked before it is ready waits for it); a crashed graph is
 * tried once more on it (a timed-out one is not: it would time out again). A graph that
 * crashes both instances gets an error, never a lost build. (In-thread engines, which
 * tests inject, keep a loaded spare instead.)
 */
import type { EngineMessage, EngineOutput, LayoutEngine } from './engine.js';
import { LayoutTimeoutError, startWorkerEngine, type WorkerLayoutEngine } from './worker-engine.js';
import { canWidenCjk, restoreCjk, widenCjk } from './cjk-width.js';
import { errorBoxSvg } from './error-box.js';
import { problemsFromMessages, type GraphProblem } from './problems.js';
import { polishSvg, svgToString } from './svg-polish.js';

/** Our own output version: bump it when the SVG we produce changes, so caches refresh. */
export const GRAPH_RENDERER_VERSION = 'mlpost-graph-1';

/** Default wall-clock limit of one layout, in milliseconds (the corpus' largest graph takes 40 ms). */
export const DEFAULT_LAYOUT_TIMEOUT_MS = 10_000;

/** Layout engines an author may pick with `prog=`/`engine=`. */
export const LAYOUT_ENGINES: readonly string[] = ['dot', 'neato', 'fdp', 'sfdp', 'circo', 'twopi', 'osage', 'patchwork'];

/** Options of {@link GraphRenderer.render}. */
export interface RenderGraphOptions {
  /** Layout engine, `dot` by default. */
  engine?: string | undefined;
  /** Prefix for every id in the SVG (`g1-`), unique per page. */
  idPrefix: string;
  /** Accessible name of the SVG (the caption); defaults to the graph's label. */
  title?: string | undefined;
  /** Wall-clock limit of the layout in milliseconds; the renderer's default when absent. */
  timeoutMs?: number | undefined;
}

/** The SVG (or a visible error box) and every problem, located in the DOT source. */
export interface GraphResult {
  svg: string;
  problems: GraphProblem[];
}

/** A loaded Graphviz that renders DOT synchronously. */
export interface GraphRenderer {
  /** The engine build, part of cache keys. */
  readonly build: string;
  /** {@link GRAPH_RENDERER_VERSION}, part of cache keys. */
  readonly version: string;
  /** Milliseconds it took to load the first instance. */
  readonly loadMs: number;
  /** Renders done, crashes survived and layouts stopped at their time limit so far. */
  readonly stats: { renders: number; crashes: number; timeouts?: number };
  /** Render `dot` to SVG. Never throws for bad input: problems come back in the result. */
  render(dot: string, options: RenderGraphOptions): GraphResult;
  /** Resolves when no spare instance is loading (for tests and clean shutdown). */
  idle(): Promise<void>;
  /** Stop the Graphviz threads (a later render starts a new one). */
  close?(): Promise<void>;
}

/** Options of {@link createGraphRenderer}. */
export interface GraphRendererOptions {
  /**
   * Loads one engine instance in this thread (tests inject crashing fakes; such engines
   * have no time limit). By default each instance is the pinned viz-js build in a worker thread.
   */
  loadEngine?: () => Promise<LayoutEngine>;
  /** Keep a spare instance for crash recovery (default true). */
  spare?: boolean;
  /** Default wall-clock limit of a layout, in milliseconds ({@link DEFAULT_LAYOUT_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/**
 * Lay out `dot` with CJK characters sized 1 em (see `cjk-width.ts`) and give them back
 * in the SVG and messages. The raw SVG keeps Graphviz's titles: tests compare it with
 * the published SVGs.
 */
export function layoutWithCjk(layout: LayoutEngine['layout'], dot: string, engine: string): EngineOutput {
  const output = layout(canWidenCjk(dot) ? widenCjk(dot) : dot, engine);
  const messages: EngineMessage[] = output.messages.map((entry) => ({ ...entry, message: restoreCjk(entry.message) }));
  return { svg: output.svg === undefined ? undefined : restoreCjk(output.svg), messages };
}

const ID_PREFIX = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** What a layout came to: the engine's output, or a stop at the time limit. */
type PoolOutput = EngineOutput & { timedOut?: boolean; crashed?: boolean };

/** Active instance + spare; swaps on a crash or a timeout. */
class EnginePool {
  crashes = 0;
  timeouts = 0;
  private loading: Promise<void> = Promise.resolve();

  constructor(
    private active: LayoutEngine | undefined,
    private spare: LayoutEngine | undefined,
    private readonly load: () => Promise<LayoutEngine>,
    /** Starts a worker engine at once (it loads in the background); absent for in-thread engines. */
    private readonly start: (() => WorkerLayoutEngine) | undefined,
    private readonly keepSpare: boolean,
  ) {}

  layout(dot: string, engine: string, timeoutMs: number): PoolOutput {
    const failures: string[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!this.active && this.start) this.active = this.start();
      const current = this.active;
      if (!current) break;
      try {
        return (current as WorkerLayoutEngine).layout(dot, engine, timeoutMs);
      } catch (error) {
        this.active = this.spare;
        this.spare = undefined;
        this.refill();
        if (error instanceof LayoutTimeoutError) {
          this.timeouts++;
          return { svg: undefined, messages: [{ level: 'error', message: `${error.message}: stopped` }], timedOut: true };
        }
        this.crashes++;
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    const why = failures.length > 0 ? `Graphviz crashed on this graph (${failures[0]})` : 'Graphviz is not available (it crashed and is still reloading)';
    return { svg: undefined, messages: [{ level: 'error', message: `${why}; the graph is not drawn` }], crashed: true };
  }

  private refill(): void {
    // A worker engine starts loading at once, in the background, to be the next active one.
    if (this.start) {
      this.active ??= this.start();
      return;
    }
    if (!this.keepSpare && this.active) return;
    this.loading = this.loading
      .then(() => this.load())
      .then((engine) => {
        if (!this.active) this.active = engine;
        else this.spare ??= engine;
      })
      .catch(() => undefined);
  }

  idle(): Promise<void> {
    const spare = this.spare as Partial<WorkerLayoutEngine> | undefined;
    return Promise.all([this.loading, spare?.ready?.catch(() => undefined)]).then(() => undefined);
  }

  async close(): Promise<void> {
    const engines = [this.active, this.spare] as Array<Partial<WorkerLayoutEngine> | undefined>;
    this.active = undefined;
    this.spare = undefined;
    await Promise.all(engines.map((engine) => engine?.close?.()));
  }
}

/** Load Graphviz (once; keep the renderer for the whole process) and return a synchronous renderer. */
export async function createGraphRenderer(options: GraphRendererOptions = {}): Promise<GraphRenderer> {
  const start = options.loadEngine ? undefined : startWorkerEngine;
  const load =
    options.loadEngine ??
    (async () => {
      const engine = startWorkerEngine();
      await engine.ready;
      return engine;
    });
  const keepSpare = options.spare ?? true;
  const defaultTimeout = options.timeoutMs ?? DEFAULT_LAYOUT_TIMEOUT_MS;
  const started = performance.now();
  const first = await load();
  const loadMs = performance.now() - started;
  // Worker engines need no spare (a replacement starts loading the moment one is lost, and
  // a layout that comes first waits ~60 ms for it); an in-thread spare is loaded now.
  const spare = keepSpare && !start ? await load() : undefined;
  const pool = new EnginePool(first, spare, load, start, keepSpare);
  const stats = { renders: 0, crashes: 0 };

  return {
    build: first.build,
    version: GRAPH_RENDERER_VERSION,
    loadMs,
    get stats() {
      return { ...stats, crashes: pool.crashes, timeouts: pool.timeouts };
    },
    render(dot, renderOptions) {
      if (!ID_PREFIX.test(renderOptions.idPrefix)) throw new TypeError(`idPrefix must be a letter then letters, digits, _ or -: ${JSON.stringify(renderOptions.idPrefix)}`);
      stats.renders++;
      const problems: GraphProblem[] = [];
      let engine = renderOptions.engine ?? 'dot';
      if (!LAYOUT_ENGINES.includes(engine)) {
        problems.push({ severity: 'warning', message: `unknown layout engine \`${engine}\` (use one of ${LAYOUT_ENGINES.join(', ')}); drawn with dot`, ruleId: 'graph-engine-unknown' });
        engine = 'dot';
      }
      const timeoutMs = renderOptions.timeoutMs ?? defaultTimeout;
      let stopped: Pick<PoolOutput, 'timedOut' | 'crashed'> = {};
      const output = layoutWithCjk(
        (text, name) => {
          const result = pool.layout(text, name, timeoutMs);
          stopped = { timedOut: result.timedOut, crashed: result.crashed };
          return result;
        },
        dot,
        engine,
      );
      if (stopped.timedOut || stopped.crashed) {
        const reason = output.messages[0]?.message ?? 'Graphviz failed';
        const problem: GraphProblem = { severity: 'error', message: reason, ruleId: stopped.timedOut ? 'graph-timeout' : 'graph-layout', transient: true };
        return { svg: errorBoxSvg([reason]), problems: [...problems, problem] };
      }
      // Graphviz reports some errors and still draws (sfdp without its triangulation
      // library): when there is a drawing, they are warnings to the author.
      const messages = output.svg === undefined ? output.messages : output.messages.map((entry) => ({ ...entry, level: 'warning' as const }));
      problems.push(...problemsFromMessages(messages, dot));
      if (output.svg === undefined) {
        const errors = problems.filter((problem) => problem.severity === 'error');
        if (errors.length === 0) problems.push({ severity: 'error', message: 'Graphviz produced no drawing', ruleId: 'graph-layout' });
        const reasons = problems.filter((problem) => problem.severity === 'error').map((problem) => (problem.line ? `line ${problem.line}: ` : '') + problem.message);
        return { svg: errorBoxSvg(reasons), problems };
      }
      const polished = polishSvg(output.svg, { idPrefix: renderOptions.idPrefix, title: renderOptions.title }, dot);
      problems.push(...polished.problems);
      return { svg: svgToString(polished.svg), problems };
    },
    idle: () => pool.idle(),
    close: () => pool.close(),
  };
}
