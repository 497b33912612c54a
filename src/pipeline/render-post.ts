/**
 * `renderPost`: one post's Markdown to its body HTML, its data (title, date, tags,
 * categories, excerpt, table of contents) and the diagnostics, in one call.
 */
import { unified, type Processor } from 'unified';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { mlpost, type MlpostOptions } from './index.js';
import { readFrontMatter, type PostFrontMatter } from '../syntax/front-matter.js';
import { mlpostData } from '../types.js';
import { sharedGraphRenderer } from '../engines/index.js';
import type { LocalReference, PostAsset, TocEntry } from '../types.js';
import { report } from '../diagnostics.js';
import { hadTransientFailure, TRANSIENT_RULES } from '../limits/transient.js';
import { readsOf, type FileRead } from '../cache/reads.js';

/** Options for {@link renderPost}. */
export interface RenderPostOptions extends MlpostOptions {
  /** The post's path, used in diagnostics (`post.md:12:3: …`). */
  path?: string;
  /** IANA time zone for front-matter dates without an offset. Default UTC. */
  timezone?: string;
  /** The site's language, for the words mlpost adds (a post's own `lang` wins). Default English. */
  language?: string;
}

/** A rendered post. */
export interface RenderedPost {
  /** The article body as HTML. */
  html: string;
  data: PostData;
  /** Every diagnostic, in source order. */
  messages: VFileMessage[];
  /** Files to write next to the page (graph SVGs …). */
  assets: PostAsset[];
  /** Links and images naming local files, with their place (what a site build copies or warns about). */
  references: LocalReference[];
  /**
   * Whether something failed in a way another run may not repeat (a time limit, a crashed
   * renderer): the page is fine to show, not to cache.
   */
  transient: boolean;
  /** Files the rendering read besides the post (`include_code`, `asset_img`, a cell's `file:`), with hashes of what it read. */
  reads: FileRead[];
}

/** What the post is: front matter plus what rendering learned. */
export interface PostData extends PostFrontMatter {
  /** HTML before `<!-- more -->`, or `undefined` when the post has none. */
  excerptHtml: string | undefined;
  toc: TocEntry[];
}

type PostProcessor = Processor<Root, Root, Root, Root, string>;

// Frozen processors, so warm renders skip set-up: one per distinct option set. Objects in
// the options (graph renderer, cache, the site's post list, tag handlers) count by identity.
const processors = new Map<string, PostProcessor>();
const identities = new WeakMap<object, number>();
let nextIdentity = 0;

function identity(value: object | undefined): string {
  if (value === undefined) return '-';
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = ++nextIdentity));
  return String(id);
}

function processorFor(options: MlpostOptions): PostProcessor {
  const { graph, cache, tags, site, ...plain } = options;
  const { posts, ...siteFields } = site ?? {};
  const key = [JSON.stringify(plain), JSON.stringify(siteFields), identity(graph), identity(cache), identity(tags), identity(posts)].join('|');
  let processor = processors.get(key);
  if (!processor) {
    if (processors.size >= 64) processors.clear();
    processor = unified().use(mlpost(options)).freeze() as unknown as PostProcessor;
    processors.set(key, processor);
  }
  return processor;
}

/** Render one post. Never throws for bad input: problems are in `messages`. */
export async function renderPost(markdown: string, options: RenderPostOptions = {}): Promise<RenderedPost> {
  const { path, timezone, language, ...pipeline } = options;
  const file = new VFile({ value: markdown, path });
  // Graphviz runs in threads of its own (a layout has a time limit): start them now, so
  // they load while the post is parsed; the graph step waits for them when it needs them.
  // With a graph cache, not before a graph misses it (a post whose graphs are all cached
  // never loads Graphviz).
  if (!pipeline.graph && !pipeline.cache && MAY_DRAW.test(markdown)) void sharedGraphRenderer().catch(() => undefined);
  const processor = processorFor(pipeline);
  let html: string;
  let frontMatter: PostFrontMatter;
  try {
    const tree = processor.parse(file);
    frontMatter = readFrontMatter(file, { timezone });
    const lang = frontMatter.extra.lang;
    mlpostData(file).language = typeof lang === 'string' && lang !== '' ? lang : language;
    const hast = await processor.run(tree, file);
    html = processor.stringify(hast, file);
  } catch (error) {
    // A bug or a limit of a library (an input no guard foresaw): the post still gets a
    // page showing its source, and the build a located error instead of a crash.
    report(file, 'error', `mlpost could not render this post (${firstLine(error)}); its source is shown as text`, { place: { line: 1, column: 1 }, ruleId: 'render-crashed', source: 'mlpost:render', cause: error });
    frontMatter = { title: undefined, date: undefined, updated: undefined, tags: [], categories: [], extra: {} };
    html = `<pre class="mlpost-render-failed">${escapeHtml(String(file.value))}</pre>`;
  }
  file.messages.sort(byPlace);
  return {
    html,
    data: { ...frontMatter, excerptHtml: file.data.excerptHtml, toc: file.data.toc ?? [] },
    messages: file.messages,
    assets: mlpostData(file).assets,
    references: mlpostData(file).references ?? [],
    transient: hadTransientFailure(file) || file.messages.some((message) => TRANSIENT_RULES.has(message.ruleId ?? '')),
    reads: readsOf(file),
  };
}

/** A fence that draws a graph (a graph fence, or a cell whose diagrams are graphs). */
const MAY_DRAW = /(`{3,}|~{3,})[^\n]*\b(graph|dot|graphviz|hmm|rnn)\b/;

function firstLine(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0]!;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function byPlace(a: VFileMessage, b: VFileMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
