/**
 * Hexo's `{% include_code [title] [lang:language] [from:line] [to:line] path/to/file %}`
 * (alias `include-code`), read as Hexo 8's `lib/plugins/tag/include_code.ts` reads it: the
 * options are cut out of the joined arguments, the last word is the path, what precedes it
 * the title (default: the file name); the language defaults to the file's extension; lines
 * `from`…`to` (1-based, inclusive) are kept and the result trimmed.
 *
 * The file is read from the code folder (see `TagSiteOptions.codeDir`) and never from
 * outside it. Hexo's "view raw" link points at a copy of the file that the page ships
 * under `code/<path>`.
 */
import { basename, extname } from 'node:path';
import type { TagHandler } from '../tags.js';
import { mlpostData } from '../../../types.js';
import { captionElement, codeFigure } from './codeblock.js';
import { encodePathForUrl, readContainedFile } from './contained-file.js';
import { tagProblem } from './nodes.js';
import { codeFolderOf, shownFolder } from './site.js';

const LANG = /\s*lang:(\w+)/i;
const FROM = /\s*from:(\d+)/i;
const TO = /\s*to:(\d+)/i;
const TITLE_AND_FILE = /(.*)?(?:\s+|^)(\/*\S+)/;

/** What the arguments of `include_code` say. */
export interface IncludeCodeArguments {
  title: string | undefined;
  path: string;
  lang: string | undefined;
  /** 0-based first line kept. */
  from: number;
  /** 1-based last line kept (`Infinity`: to the end). */
  to: number;
}

/** Read `include_code` arguments as Hexo 8 does; `undefined` when no path is given. */
export function parseIncludeCodeArguments(args: readonly string[]): IncludeCodeArguments | undefined {
  let text = args.join(' ');
  let lang: string | undefined;
  let from = 0;
  let to = Infinity;
  text = text.replace(LANG, (_match, value: string) => ((lang = value), ''));
  text = text.replace(FROM, (_match, value: string) => ((from = Number(value) - 1), ''));
  text = text.replace(TO, (_match, value: string) => ((to = Number(value)), ''));
  const match = TITLE_AND_FILE.exec(text);
  if (!match) return undefined;
  const path = match[2]!;
  return { title: match[1] || undefined, path, lang: lang || extname(path).slice(1) || undefined, from: Math.max(0, from), to };
}

/** Folder (inside the page's folder) where included files are shipped for "view raw". */
export const INCLUDED_CODE_FOLDER = 'code';

/** `{% include_code %}`. */
export const includeCodeHandler: TagHandler = (tag, context) => {
  const { file } = context;
  if (!context.flow) return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` makes a block of code: put it on its own line`, 'hexo-tag-inline');
  const parsed = parseIncludeCodeArguments(tag.args);
  if (!parsed) return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` names no file`, 'hexo-tag-argument');
  const folder = codeFolderOf(context.site, file);
  if (!folder) return tagProblem(tag, context, 'warning', `\`{% ${tag.name} ${parsed.path} %}\`: the post has no path and no code folder is configured, so the file cannot be found`, 'hexo-tag-no-folder');
  const read = readContainedFile(folder, parsed.path, file);
  if (!read.ok) {
    if (read.problem === 'outside') {
      return tagProblem(tag, context, 'error', `\`{% ${tag.name} %}\`: \`${parsed.path}\` is outside the code folder ${shownFolder(folder)} (${read.detail}); nothing was read`, 'hexo-tag-path-outside');
    }
    return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\`: cannot read \`${parsed.path}\` in ${shownFolder(folder)} (${read.detail})`, 'hexo-tag-file-missing');
  }
  const lines = read.contents.toString('utf8').split('\n');
  const code = lines.slice(parsed.from, parsed.to).join('\n').trim();
  const shipped = `${INCLUDED_CODE_FOLDER}/${read.relativePath}`;
  const assets = mlpostData(file).assets;
  if (!assets.some((asset) => asset.path === shipped)) assets.push({ path: shipped, contents: read.contents });
  const caption = captionElement({ title: parsed.title ?? basename(parsed.path), url: undefined, linkText: 'view raw' }, encodePathForUrl(shipped));
  return [codeFigure(code, parsed.lang, undefined, caption, tag)];
};
