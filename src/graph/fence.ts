/**
 * Which code fences are graphs, and what their attributes ask for.
 *
 * ` ```{.graph .center caption="…" fileName="…" prog=neato} ` (pandoc attributes, any
 * order), ` ```dot ` and ` ```graphviz `. Indented code blocks have no info string and
 * are never graphs.
 */
import { infoOfCode, parseFenceAttributes, type FenceAttributeProblem } from '../syntax/fence-attributes.js';

/** What a graph fence asks for. */
export interface GraphFence {
  /** Layout engine from `prog=` or `engine=`. */
  engine: string | undefined;
  caption: string | undefined;
  /** Classes to put on the figure (`center`, …), without `graph`/`dot`/`graphviz`. */
  classes: string[];
  id: string | undefined;
  /** `fileName`, when given (validated by {@link checkFileName}). */
  fileName: string | undefined;
  /** `latex="true"`: labels written as TeX between dollars. */
  tex: boolean;
  /** Other attributes, as `data-*` properties of the figure (`startFrom` → `data-start-from`). */
  data: Record<string, string>;
  /** Attribute problems, with offsets into the info string. */
  problems: Array<FenceAttributeProblem | { message: string; offset: number; ruleId: string }>;
}

const GRAPH_CLASSES = new Set(['graph', 'dot', 'graphviz']);
const HANDLED = new Set(['caption', 'fileName', 'prog', 'engine', 'latex']);
const DATA_KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`).replace(/_/g, '-');
}

/** The graph request of a code node, or `undefined` when the fence is not a graph. */
export function graphFenceOf(node: { lang?: string | null; meta?: string | null }): GraphFence | undefined {
  const info = infoOfCode(node);
  if (info === '') return undefined;
  const attributes = parseFenceAttributes(info);
  const braced = info.trimStart().startsWith('{');
  const isGraph = braced ? attributes.classes.includes('graph') : GRAPH_CLASSES.has(attributes.classes[0] ?? '');
  if (!isGraph) return undefined;

  const values = attributes.attributes;
  const problems: GraphFence['problems'] = [...attributes.problems];
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (HANDLED.has(key)) continue;
    if (!DATA_KEY.test(key)) {
      problems.push({ message: `fence attribute \`${key}\` cannot be an HTML attribute name; it is dropped`, offset: Math.max(0, info.indexOf(key)), ruleId: 'graph-attribute' });
      continue;
    }
    data[`data-${kebab(key)}`] = value;
  }
  if (values.latex !== undefined) data['data-latex'] = values.latex;
  return {
    engine: values.prog ?? values.engine,
    caption: values.caption,
    classes: attributes.classes.filter((name) => !GRAPH_CLASSES.has(name)),
    id: attributes.id,
    fileName: values.fileName,
    tex: values.latex !== undefined && values.latex.toLowerCase() !== 'false',
    data,
    problems,
  };
}

/** Why `fileName` cannot name a file next to the page, or `undefined` when it can. */
export function checkFileName(fileName: string): string | undefined {
  if (fileName.trim() === '') return 'is empty';
  if (/[/\\]/.test(fileName)) return 'contains a slash (the file is written next to the page)';
  if (fileName === '.' || fileName === '..' || fileName.includes('..')) return 'contains `..`';
  if (/[\u0000-\u001f<>:"|?*]/.test(fileName)) return 'contains a character that is not allowed in file names';
  return undefined;
}
