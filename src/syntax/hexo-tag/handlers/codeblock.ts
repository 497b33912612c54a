/**
 * Hexo's `{% codeblock %}` (alias `code`):
 *
 *     {% codeblock [title] [lang:language] [url] [link text] [line_number:(true|false)]
 *        [highlight:(true|false)] [first_line:(number)] [mark:#,#-#] [wrap:(true|false)] %}
 *
 * Arguments are read as Hexo 8's `lib/plugins/tag/code.ts` reads them: `key:value` options,
 * the rest joined with spaces into a caption (`title url link-text`, `title url` → link text
 * `link`, or a bare title). The result is an mdast `code` node (so the build-time
 * highlighter handles it) inside `<figure class="highlight LANG">` with Hexo's
 * `<figcaption><span>title</span><a href="url">link text</a></figcaption>`. The options the
 * highlighter needs travel in `meta` as pandoc attributes: `.numberLines`, `startFrom`,
 * `mark`, `wrap`. `highlight:false` gives a plain `<pre><code>`, as in Hexo.
 */
import type { Code, RootContent } from 'mdast';
import type { ElementContent } from 'hast';
import type { TagContext, TagHandler } from '../tags.js';
import { elementNode, hastElement, hastText, reportTag, tagProblem, wrapperNode } from './nodes.js';
import { verbatimBody } from './raw-body.js';

/** What a codeblock's arguments say. */
export interface CodeblockOptions {
  lang: string | undefined;
  /** `line_number:` — `undefined` when not given (the highlighter's default applies). */
  lineNumbers: boolean | undefined;
  firstLine: number | undefined;
  /** Marked lines as sorted, merged ranges `[from, to]`. */
  mark: Array<[number, number]>;
  wrap: boolean | undefined;
  highlight: boolean;
  caption: CodeCaption | undefined;
  /** Arguments Hexo would silently misread, with why. */
  problems: string[];
}

/** The caption of a code figure. */
export interface CodeCaption {
  title: string;
  url: string | undefined;
  linkText: string | undefined;
}

const CAPTION_URL_TITLE = /(\S[\S\s]*)\s+(https?:\/\/\S+)\s+(.+)/i;
const CAPTION_URL = /(\S[\S\s]*)\s+(https?:\/\/\S+)/i;
const CAPTION = /\S[\S\s]*/;

/** Hexo's caption rules: title, URL and link text (`link` when only a URL is given). */
export function parseCodeCaption(text: string): CodeCaption | undefined {
  let match = CAPTION_URL_TITLE.exec(text);
  if (match) return { title: match[1]!, url: match[2]!, linkText: match[3]! };
  match = CAPTION_URL.exec(text);
  if (match) return { title: match[1]!, url: match[2]!, linkText: 'link' };
  match = CAPTION.exec(text);
  return match ? { title: match[0], url: undefined, linkText: undefined } : undefined;
}

function parseBoolean(key: string, value: string, problems: string[]): boolean {
  if (value !== 'true' && value !== 'false') problems.push(`\`${key}:${value}\` is neither true nor false; read as false, as Hexo does`);
  return value === 'true';
}

/** Read a codeblock's arguments as Hexo 8 does. */
export function parseCodeblockArguments(input: readonly string[]): CodeblockOptions {
  const args = [...input];
  const problems: string[] = [];
  let highlight = true;
  // Hexo takes the first `highlight:` out before anything else; a second one is caption text.
  const highlightIndex = args.findIndex((item) => item.startsWith('highlight:'));
  if (highlightIndex !== -1) {
    highlight = parseBoolean('highlight', args[highlightIndex]!.slice('highlight:'.length), problems);
    args.splice(highlightIndex, 1);
  }
  const rest: string[] = [];
  const options: CodeblockOptions = { lang: undefined, lineNumbers: undefined, firstLine: undefined, mark: [], wrap: undefined, highlight, caption: undefined, problems };
  for (const item of args) {
    const colon = item.indexOf(':');
    if (colon === -1) {
      rest.push(item);
      continue;
    }
    const key = item.slice(0, colon);
    const value = item.slice(colon + 1);
    switch (key) {
      case 'lang':
        options.lang = value === '' ? undefined : value;
        break;
      case 'line_number':
        options.lineNumbers = parseBoolean(key, value, problems);
        break;
      case 'wrap':
        options.wrap = parseBoolean(key, value, problems);
        break;
      case 'language_attr':
        parseBoolean(key, value, problems);
        break;
      case 'first_line':
      case 'line_threshold': {
        const number = Number(value);
        if (value.trim() === '' || !Number.isInteger(number)) problems.push(`\`${item}\` is not a whole number; ignored`);
        else if (key === 'first_line') options.firstLine = number;
        break;
      }
      case 'mark':
        options.mark = parseMark(value, problems);
        break;
      default:
        rest.push(item);
    }
  }
  options.caption = parseCodeCaption(rest.join(' '));
  return options;
}

/** `1,4-7,10` → merged ranges; reversed ranges are swapped (Hexo), bad parts reported. */
function parseMark(value: string, problems: string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const part of value.split(',')) {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!match) {
      problems.push(`\`mark:\` part \`${part}\` is not a line number or range; ignored`);
      continue;
    }
    const a = Number(match[1]);
    const b = match[2] === undefined ? a : Number(match[2]);
    ranges.push(a <= b ? [a, b] : [b, a]);
  }
  ranges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** The highlighter options as pandoc attributes for `code.meta`, or `undefined`. */
export function codeMeta(options: CodeblockOptions): string | undefined {
  const items: string[] = [];
  if (options.lineNumbers === true) items.push('.numberLines');
  if (options.firstLine !== undefined) items.push(`startFrom="${options.firstLine}"`);
  if (options.mark.length > 0) items.push(`mark="${options.mark.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')}"`);
  if (options.wrap !== undefined) items.push(`wrap="${options.wrap}"`);
  return items.length > 0 ? `{${items.join(' ')}}` : undefined;
}

/** Strip the indentation common to every non-blank line (hexo-util's `stripIndent`). */
export function stripIndent(text: string): string {
  const indents = text.match(/^[ \t]*(?=\S)/gm);
  if (!indents) return text;
  const indent = Math.min(...indents.map((item) => item.length));
  return indent === 0 ? text : text.replace(new RegExp(`^[ \\t]{${indent}}`, 'gm'), '');
}

// Fence languages that a build step of mlpost claims (graphs, executable cells). A Hexo
// codeblock is always a listing, so these are emitted as finished HTML, not `code` nodes.
const CLAIMED_LANGUAGES = new Set(['graph', 'dot', 'graphviz', 'hmm', 'rnn']);

/** The caption element of a code figure, with author text as escaped text nodes. */
export function captionElement(caption: CodeCaption, href = caption.url): ElementContent {
  const children: ElementContent[] = [hastElement('span', {}, [hastText(caption.title)])];
  if (href !== undefined) children.push(hastElement('a', { href }, [hastText(caption.linkText ?? 'link')]));
  return hastElement('figcaption', {}, children);
}

/** A code listing as Hexo lays it out: `<figure class="highlight LANG">`, caption, code. */
export function codeFigure(value: string, lang: string | undefined, meta: string | undefined, caption: ElementContent | undefined, tag: { position?: Code['position'] }): RootContent {
  const code: RootContent =
    lang !== undefined && CLAIMED_LANGUAGES.has(lang.toLowerCase())
      ? elementNode('hexoCodeListing', 'pre', {}, [hastElement('code', { className: [`language-${lang}`] }, [hastText(value)])])
      : ({ type: 'code', lang: lang ?? null, meta: meta ?? null, value, position: tag.position } satisfies Code);
  const children = caption ? [elementNodeOf(caption), code] : [code];
  return wrapperNode('hexoCodeFigure', 'figure', { className: lang ? ['highlight', lang] : ['highlight'] }, children);
}

function elementNodeOf(element: ElementContent): RootContent {
  if (element.type !== 'element') return { type: 'text', value: '' };
  return elementNode('hexoCodeCaption', element.tagName, element.properties, element.children) as unknown as RootContent;
}

function reportProblems(tag: Parameters<TagHandler>[0], context: TagContext, problems: readonly string[]): void {
  for (const problem of problems) reportTag(tag, context, 'warning', `\`{% ${tag.name} %}\`: ${problem}`, 'hexo-tag-argument');
}

/** `{% codeblock %}` / `{% code %}`. */
export const codeblockHandler: TagHandler = (tag, context) => {
  if (tag.type !== 'hexoTagBlock') {
    return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` needs its own line, a body and \`{% end${tag.name} %}\`; shown as written`, 'hexo-tag-no-body');
  }
  const options = parseCodeblockArguments(tag.args);
  reportProblems(tag, context, options.problems);
  const value = stripIndent(verbatimBody(tag, context));
  if (!options.highlight) return [{ type: 'code', lang: null, meta: null, value, position: tag.position }];
  const caption = options.caption ? captionElement(options.caption) : undefined;
  return [codeFigure(value, options.lang, codeMeta(options), caption, tag)];
};
