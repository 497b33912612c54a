/**
 * MathJax 3 (`mathjax-full` 3.2.2) on the server, for the formulas KaTeX cannot typeset.
 *
 * - Loaded lazily and synchronously (`require` of its CommonJS build) on the first formula
 *   KaTeX fails on: a post whose formulas KaTeX typesets never pays its ~200 ms start-up,
 *   and the pipeline stays synchronous for Hexo's `renderSync`.
 * - The TeX packages of MathJax's browser build and those it autoloads, as the blogs had
 *   them; `\require{…}` is accepted and does nothing (everything is loaded).
 * - SVG output, `fontCache: 'none'`: each formula is one self-contained SVG of glyph paths
 *   (`currentColor`, so dark themes work) with no font files and no ids that two formulas on
 *   one page could share. The few rules of MathJax's stylesheet a formula needs (display
 *   math centred on its own line, the accessible MathML hidden but read aloud) are written
 *   on its elements, so a page, a Hexo theme or an Astro layout needs no CSS for it.
 * - One `MathJaxPage` per post: MathJax's macro definitions live in its TeX input, so they
 *   hold for the rest of that post and never leak into the next one.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The packages MathJax's browser build has (`input/tex`) or loads on first use (`autoload`). */
const PACKAGES = [
  ['base', 'BaseConfiguration'], ['ams', 'AmsConfiguration'], ['amscd', 'AmsCdConfiguration'], ['action', 'ActionConfiguration'],
  ['bbox', 'BboxConfiguration'], ['boldsymbol', 'BoldsymbolConfiguration'], ['braket', 'BraketConfiguration'], ['cancel', 'CancelConfiguration'],
  ['cases', 'CasesConfiguration'], ['centernot', 'CenternotConfiguration'], ['color', 'ColorConfiguration'], ['colortbl', 'ColortblConfiguration'],
  ['empheq', 'EmpheqConfiguration'], ['enclose', 'EncloseConfiguration'], ['extpfeil', 'ExtpfeilConfiguration'], ['gensymb', 'GensymbConfiguration'],
  ['html', 'HtmlConfiguration'], ['mathtools', 'MathtoolsConfiguration'], ['mhchem', 'MhchemConfiguration'], ['newcommand', 'NewcommandConfiguration'],
  ['upgreek', 'UpgreekConfiguration'], ['unicode', 'UnicodeConfiguration'], ['verb', 'VerbConfiguration'], ['configmacros', 'ConfigMacrosConfiguration'],
] as const;

// The parts of mathjax-full's API used here (its CommonJS build has no ESM types to import lazily).
interface LiteNode {
  kind: string;
}
interface Adaptor {
  outerHTML(node: LiteNode): string;
  childNodes(node: LiteNode): LiteNode[];
  allAttributes(node: LiteNode): { name: string; value: string }[];
  removeAttribute(node: LiteNode, name: string): void;
  firstChild(node: LiteNode): LiteNode | null;
  next(node: LiteNode): LiteNode | null;
  kind(node: LiteNode): string;
  getAttribute(node: LiteNode, name: string): string | null;
  setAttribute(node: LiteNode, name: string, value: string): void;
}
interface MathDocument {
  convert(tex: string, options: { display: boolean; em?: number; ex?: number; containerWidth?: number }): LiteNode;
}
interface MathJaxModules {
  adaptor: Adaptor;
  createDocument(): MathDocument;
}

let modules: MathJaxModules | undefined;

/** The installed MathJax's version (cached pages are keyed on it). */
export function mathJaxVersion(): string {
  return (require('mathjax-full/package.json') as { version: string }).version;
}

/** Whether MathJax has been loaded in this process (for the test that it is loaded lazily). */
export function isMathJaxLoaded(): boolean {
  return modules !== undefined;
}

function load(): MathJaxModules {
  if (modules) return modules;
  const { mathjax } = require('mathjax-full/js/mathjax.js') as { mathjax: { document(html: string, options: object): MathDocument } };
  const { TeX } = require('mathjax-full/js/input/tex.js') as { TeX: new (options: object) => object };
  const { SVG } = require('mathjax-full/js/output/svg.js') as { SVG: new (options: object) => object };
  const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js') as { liteAdaptor(): Adaptor };
  const { RegisterHTMLHandler } = require('mathjax-full/js/handlers/html.js') as { RegisterHTMLHandler(adaptor: Adaptor): object };
  const { AssistiveMmlHandler } = require('mathjax-full/js/a11y/assistive-mml.js') as { AssistiveMmlHandler(handler: object): object };
  for (const [folder, file] of PACKAGES) require(`mathjax-full/js/input/tex/${folder}/${file}.js`);
  const adaptor = liteAdaptor();
  AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
  const createDocument = (): MathDocument =>
    mathjax.document('', {
      InputJax: new TeX({
        packages: PACKAGES.map(([name]) => name),
        macros: { require: ['', 1] },
        // An error is a failure to report, not a red box to show.
        formatError: (_jax: unknown, error: Error) => {
          throw error;
        },
      }),
      OutputJax: new SVG({ fontCache: 'none' }),
    });
  modules = { adaptor, createDocument };
  return modules;
}

/** What MathJax made of a formula. */
export type MathJaxResult = { html: string } | { error: string };

/**
 * The width MathJax lays out full-width displays for (`multline`, tagged rows), in pixels.
 * In a browser it is the column's; here it is unknown, and MathJax writes it as the
 * display's `min-width` (1280 px gave every `multline` a 160ex minimum: a scroll bar in
 * any blog column). A width below every formula's makes the minimum the formula's own
 * width (rows and number included); the SVG then fills the column (`width="100%"`).
 */
const CONTAINER_WIDTH = 1;

/** MathJax for one post: its macro definitions hold from formula to formula. */
export class MathJaxPage {
  private document: MathDocument | undefined;

  /** Typeset `tex`; the HTML of an `mjx-container`, or MathJax's error message (empty when it has none for the author). */
  typeset(tex: string, display: boolean): MathJaxResult {
    const { adaptor, createDocument } = load();
    this.document ??= createDocument();
    let node: LiteNode;
    try {
      node = this.document.convert(tex, { display, em: 16, ex: 8, containerWidth: CONTAINER_WIDTH });
    } catch (error) {
      // MathJax throws its `TexError`, which is not an `Error`; an `Error` is MathJax failing
      // on input it does not expect (control characters): nothing to tell the author.
      if (error instanceof Error) return { error: '' };
      const message = (error as { message?: unknown } | undefined)?.message;
      return { error: typeof message === 'string' ? message : String(error) };
    }
    styleContainer(adaptor, node, display);
    keepLinksInPage(adaptor, node);
    return { html: withTexAnnotation(adaptor.outerHTML(node), tex) };
  }

  /** Run definitions (TeX that typesets nothing) so later formulas see them. */
  define(definitions: string): void {
    this.typeset(definitions, false);
  }
}

/**
 * The author's TeX can write links and ids (`\href`, `\cssId`): keep only links within
 * the page and mlpost's equation anchors, as KaTeX's `trust` setting does (posts may come
 * from people the site does not trust, and math is inserted after sanitising).
 */
function keepLinksInPage(adaptor: Adaptor, node: LiteNode): void {
  if (node.kind === '#text' || node.kind === '#comment') return;
  for (const { name, value } of adaptor.allAttributes(node)) {
    if ((name === 'href' || name === 'xlink:href') && !value.startsWith('#')) adaptor.removeAttribute(node, name);
    else if (name === 'id' && !value.startsWith('eq-')) adaptor.removeAttribute(node, name);
    else if (/^on/i.test(name)) adaptor.removeAttribute(node, name);
  }
  for (const child of adaptor.childNodes(node)) keepLinksInPage(adaptor, child);
}

/** MathJax's stylesheet rules a formula needs, on its elements. */
function styleContainer(adaptor: Adaptor, container: LiteNode, display: boolean): void {
  const full = adaptor.getAttribute(container, 'width') === 'full';
  const own = adaptor.getAttribute(container, 'style') ?? '';
  const layout = display ? `display:${full ? 'flex' : 'block'};text-align:center;margin:1em 0;` : '';
  adaptor.setAttribute(container, 'style', `direction:ltr;${layout}${own}`);
  for (let child = adaptor.firstChild(container); child; child = adaptor.next(child)) {
    const kind = adaptor.kind(child);
    if (kind === 'svg') {
      adaptor.setAttribute(child, 'style', `overflow:visible;min-height:1px;min-width:1px;${adaptor.getAttribute(child, 'style') ?? ''}`);
    } else if (kind === 'mjx-assistive-mml') {
      adaptor.setAttribute(child, 'style', `position:absolute;top:0;left:0;clip:rect(1px,1px,1px,1px);padding:1px 0 0 0;border:0;display:block;width:${display ? '100%' : 'auto'};overflow:hidden;user-select:none`);
    }
  }
}

/** The TeX as the MathML's annotation, as KaTeX writes it (for copying and for search). */
function withTexAnnotation(html: string, tex: string): string {
  return html.replace(/(<math [^>]*>)([\s\S]*)(<\/math>)/, (_, open: string, content: string, close: string) => `${open}<semantics><mrow>${content}</mrow><annotation encoding="application/x-tex">${escapeXml(tex)}</annotation></semantics>${close}`);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
