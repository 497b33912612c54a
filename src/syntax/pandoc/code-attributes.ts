/**
 * Pandoc's `fenced_code_attributes` on ordinary code fences:
 * ` ```{.python .numberLines startFrom="1" #listing-1} ` becomes a `code` node whose
 * language is `python`, with `class="language-python numberLines"`, the id and
 * `data-start-from="1"` for the HTML stage (`rehypeHighlightCode` numbers the lines).
 *
 * Graph fences (`.graph`, `dot`, `graphviz`), cells (`hmm`, `rnn`) and ` ```math ` belong
 * to other plugins and are left alone. Malformed attributes (the corpus has
 * `startFrom="1}` with its quote never closed) are warnings at the author's column; the
 * fence is rendered with what could be read.
 */
import type { Properties } from 'hast';
import type { Code, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { infoOfCode, parseFenceAttributes } from '../fence-attributes.js';
import { attributesToProperties } from './properties.js';
import { SourceContext } from './source-context.js';

/** Fence languages that other plugins own. */
export const FOREIGN_FENCES: ReadonlySet<string> = new Set(['graph', 'dot', 'graphviz', 'hmm', 'rnn', 'math']);

/** Classes that are options, never the language (`{.numberLines .python}`). */
const OPTION_CLASSES = new Set(['numberLines', 'number-lines', 'lineAnchors', 'line-anchors']);

/** The remark plugin. */
export function remarkCodeAttributes() {
  return (tree: Root, file: VFile): void => {
    const context = new SourceContext(file);
    visit(tree, 'code', (node: Code) => {
      applyCodeAttributes(node, context);
    });
  };
}

function applyCodeAttributes(node: Code, context: SourceContext): void {
  if (!node.lang) return;
  const { info, offset } = infoInSource(node, context);
  const parsed = parseFenceAttributes(info);
  const braced = info.trimStart().startsWith('{');
  if (braced ? parsed.classes.some((name) => FOREIGN_FENCES.has(name)) : FOREIGN_FENCES.has(parsed.classes[0] ?? '')) return;

  const languageIndex = parsed.classes.findIndex((name) => !OPTION_CLASSES.has(name));
  const language = languageIndex === -1 ? undefined : parsed.classes[languageIndex]!.toLowerCase();
  const classes = parsed.classes.filter((_, index) => index !== languageIndex);
  const converted = attributesToProperties({ classes: language ? [`language-${language}`, ...classes] : classes, id: parsed.id, attributes: parsed.attributes }, 'code', info);

  const place = (problemOffset: number) => (offset < 0 ? -1 : offset + problemOffset);
  for (const problem of [...parsed.problems, ...converted.problems]) {
    context.report('warning', problem.message, place(problem.offset), problem.ruleId, node.position?.start);
  }
  const start = parsed.attributes.startFrom ?? parsed.attributes['start-from'];
  if (start !== undefined && !/^-?\d{1,9}$/.test(start)) {
    context.report('warning', `\`startFrom\` must be a whole number, not \`${start}\`; lines are numbered from 1`, place(Math.max(0, info.indexOf('start'))), 'code-start-from', node.position?.start);
  }

  node.lang = language ?? null;
  node.meta = null;
  const data = (node.data ??= {}) as { hProperties?: Properties };
  data.hProperties = { ...data.hProperties, ...converted.properties };
}

/**
 * The info string as the author wrote it and its source offset, so problems point at
 * their column. remark keeps only `lang` and `meta` (whitespace collapsed, escapes
 * decoded); when the source does not agree with them, they are used and places are
 * the fence's start (offset -1).
 */
function infoInSource(node: Code, context: SourceContext): { info: string; offset: number } {
  const info = infoOfCode(node);
  const start = node.position?.start.offset;
  const source = context.source;
  if (source === undefined || start === undefined) return { info, offset: -1 };
  const line = /^[ \t]*(`{3,}|~{3,})[ \t]*([^\n\r]*)/.exec(source.slice(start, source.indexOf('\n', start) === -1 ? undefined : source.indexOf('\n', start)));
  if (!line) return { info, offset: -1 };
  const written = line[2]!.trimEnd();
  const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
  if (collapse(written) !== collapse(info)) return { info, offset: -1 };
  return { info: written, offset: start + line[0].length - line[2]!.length };
}
