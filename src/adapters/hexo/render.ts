/**
 * mlpost's renderers for Hexo: an asynchronous one for posts and pages (`hexo.render.render`:
 * cells run in mlpost's worker pool while Hexo renders other posts), and a synchronous one
 * for what Hexo and themes render with `renderSync` (tag bodies), which refuses cells with
 * a diagnostic instead of failing the build.
 *
 * Both report mlpost's diagnostics in Hexo's log as `file:line:col: severity: message [rule]`,
 * with the author's file and lines (front matter and tag bodies accounted for), and never
 * throw for a post: a post mlpost cannot render shows its source and an error.
 */
import { unified, type Processor } from 'unified';
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { VFile } from 'vfile';
import { mlpost, remarkMlpost, type MlpostOptions } from '../../pipeline/index.js';
import { formatMessage, report, severityOf } from '../../diagnostics.js';
import { sharedGraphRenderer } from '../../engines/index.js';
import type { GraphRenderer } from '../../graph/index.js';
import type { CellRunStats } from '../../cells/execute.js';
import { mlpostData } from '../../types.js';
import type { HexoLike, HexoRenderData } from './hexo-api.js';
import { rehypeHexoHighlight, type Highlighter } from './highlight.js';
import { rehypeHexoPostAssets } from './post-assets.js';
import { hexoTagLookup } from './hexo-tags.js';
import { PostMath } from './math-session.js';
import type { PostFiles } from './post-files.js';
import type { SourcePlace, SourcePlaces } from './source-places.js';
import { escapeForNunjucks, restoreLiterals } from './swig-guard.js';
import { refuseCells } from './sync-cells.js';

type HtmlProcessor = Processor<Root, Root, Root, Root, string>;

/** What the renderers need. */
export interface RendererSetup {
  hexo: HexoLike;
  /** The pipeline's options (graph renderer and caches included). */
  pipeline: MlpostOptions;
  highlighter: Highlighter;
  places: SourcePlaces;
  files: PostFiles;
}

/** Counts over the renders of one Hexo process (for the summary in the log). */
export interface RenderTotals extends CellRunStats {
  rendered: number;
}

/** The two renderers and what they share. */
export interface MlpostRenderers {
  /** Load Graphviz and the parser fixes; the synchronous renderer needs them loaded. */
  ready(): Promise<void>;
  renderAsync(data: HexoRenderData, place?: SourcePlace): Promise<string>;
  renderSync(data: HexoRenderData, place?: SourcePlace): string;
  /** The remark side alone, for reading fences without rendering. */
  parser: Pick<Processor<Root>, 'parse'>;
  totals: RenderTotals;
}

/** Create the renderers (nothing is loaded until {@link MlpostRenderers.ready} or the first render). */
export function createRenderers(setup: Readonly<RendererSetup>): MlpostRenderers {
  const { hexo, pipeline, highlighter, places, files } = setup;
  const parser = unified().use(remarkParse).use(remarkMlpost, { ...pipeline, frontMatter: false }).freeze();
  const totals: RenderTotals = { rendered: 0, executed: 0, cached: 0, failed: 0 };
  const math = new PostMath(pipeline, (source) => places.bodyOf(source), () => hexoTagLookup(hexo));
  let loading: Promise<void> | undefined;
  let processor: HtmlProcessor | undefined;

  const ready = (): Promise<void> => {
    loading ??= Promise.resolve(pipeline.graph ?? sharedGraphRenderer()).then((graph) => {
      processor = buildProcessor(graph);
    });
    return loading;
  };

  function buildProcessor(graph: GraphRenderer): HtmlProcessor {
    const siteUrl = pipeline.siteUrl ?? (typeof hexo.config.url === 'string' ? hexo.config.url : undefined);
    const options: MlpostOptions = { ...pipeline, frontMatter: false, siteUrl, graph, highlight: highlighter === 'mlpost' };
    const built = unified().use(mlpost(options));
    if (highlighter === 'hexo') built.use(rehypeHexoHighlight, hexo);
    built.use(rehypeHexoPostAssets, hexo);
    return built.freeze() as unknown as HtmlProcessor;
  }

  /** The vfile of a render, its text restored, and where the text sits in the author's file. */
  function fileOf(data: HexoRenderData, place: SourcePlace | undefined): VFile {
    // The size and nesting limits apply in mlpost's parser.
    const text = restoreLiterals(data.text);
    const file = new VFile({ value: text, path: data.path });
    const found = place ?? (data.path ? places.ofBody(data.path, text) : places.ofTagBody(text));
    file.data.hexoPlace = found;
    if (found) file.data.authorLine = found.lineOf;
    // A post's math is one document across its body and its tags' bodies (`math-session.ts`).
    const post = data.path ?? places.current?.fullSource;
    const context = post === undefined ? undefined : data.path ? math.forPost(post, text) : math.forTagBody(post, text);
    if (context) file.data.mathContext = context;
    return file;
  }

  function finish(file: VFile, data: HexoRenderData, html: string): string {
    const place = file.data.hexoPlace;
    for (const message of file.messages) {
      const line = formatMessage({
        reason: message.reason,
        ruleId: message.ruleId,
        fatal: message.fatal,
        column: message.column,
        line: message.line === undefined || !place ? message.line : place.lineOf(message.line),
        file: place?.file ?? (data.path ? places.display(data.path) : '<hexo render>'),
      });
      const severity = severityOf(message);
      if (severity === 'error') hexo.log.error(line);
      else if (severity === 'warning') hexo.log.warn(line);
      else hexo.log.info(line);
    }
    const cells = file.data.mlpostCells;
    if (cells) {
      totals.executed += cells.executed;
      totals.cached += cells.cached;
      totals.failed += cells.failed;
    }
    totals.rendered++;
    if (data.path) files.rendered(data.path, mlpostData(file).assets);
    hexo.log.debug(`mlpost: rendered ${place ? `${place.tagBody ? 'a tag body in ' : ''}${place.file}` : 'a fragment'}`);
    return escapeForNunjucks(html);
  }

  function crashed(file: VFile, error: unknown): string {
    const first = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0];
    report(file, 'error', `mlpost could not render this (${first}); its source is shown as text`, { place: { line: 1, column: 1 }, ruleId: 'render-crashed', source: 'mlpost:render', cause: error });
    return `<pre class="mlpost-render-failed">${String(file.value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</pre>`;
  }

  async function renderAsync(data: HexoRenderData, place?: SourcePlace): Promise<string> {
    // Before waiting: a tag body's post is known only while its tag runs.
    const file = fileOf(data, place);
    await ready();
    let html: string;
    try {
      html = String(await processor!.process(file));
    } catch (error) {
      html = crashed(file, error);
    }
    return finish(file, data, html);
  }

  function renderSync(data: HexoRenderData, place?: SourcePlace): string {
    if (!processor) {
      throw new Error('mlpost: a synchronous render came before mlpost was loaded (Hexo loads it in before_generate); render asynchronously, or await the plugin first');
    }
    const file = fileOf(data, place);
    file.value = refuseCells(String(file.value), parser, file);
    let html: string;
    try {
      html = String(processor.processSync(file));
    } catch (error) {
      html = crashed(file, error);
    }
    return finish(file, data, html);
  }

  return { ready, renderAsync, renderSync, parser, totals };
}

declare module 'vfile' {
  interface DataMap {
    /** Where the rendered text sits in the author's file (Hexo adapter). */
    hexoPlace: SourcePlace | undefined;
  }
}
