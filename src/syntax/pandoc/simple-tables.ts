/**
 * Pandoc's `simple_tables`: columns lined up under rules of dashes, no pipes.
 *
 *     -------  -------------   -------   ----        Right     Left
 *     Joan      saag paneer    medium     $11        -------   ------
 *     Sally      vindaloo        mild     $14             12   12
 *     -------  -------------   -------   ----             123  123
 *
 * CommonMark reads the rules as thematic breaks and the rows as one run-on paragraph.
 * This transform finds that shape on the tree (a headerless table between two rules, or a
 * header line with a rule under it and rows up to the blank line), cuts each row where
 * pandoc does (a column runs from its dashes' first column to the next column's), and
 * aligns each column by pandoc's rule on the header (or, headerless, the first row):
 * text flush with the dashes' right end only → right, left end only → left, neither →
 * centre, both → default. Cell text is parsed as inline Markdown with the post's syntax.
 */
import type { Root, RootContent, Parent, PhrasingContent, ThematicBreak } from 'mdast';
import type { Processor } from 'unified';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import { sourceMayMatch } from '../source-hint.js';
import { onNextLine, onePerLine } from './lines.js';

type Align = 'left' | 'right' | 'center' | undefined;

interface Column {
  /** Where the column's dashes start and end (0-based, end exclusive) on their line. */
  start: number;
  end: number;
}

/** A row of dashes groups separated by spaces: at least two columns (a line, or any line of a source). */
const RULE = /^ {0,3}-+(?: +-+)+ *\r?$/m;

/** The remark plugin. */
export function remarkPandocSimpleTables(this: Processor) {
  const data = this.data();
  return (tree: Root, file: VFile): void => {
    if (file.value === undefined || !sourceMayMatch(file, RULE)) return;
    const source = String(file.value);
    const lines = source.split('\n');
    const parseInline = (text: string): PhrasingContent[] => {
      const root = fromMarkdown(text, { extensions: data.micromarkExtensions ?? [], mdastExtensions: data.fromMarkdownExtensions?.flat() ?? [] });
      // A cell is inline: a tag alone stays a tag, block syntax (`# x`, `- x`) stays text.
      return root.children.flatMap((child): PhrasingContent[] => {
        if (child.type === 'paragraph') return child.children;
        if (child.type === 'hexoTag') return [{ ...child, type: 'hexoTagText' }];
        const { start, end } = child.position!;
        return [{ type: 'text', value: text.slice(start.offset, end.offset), position: child.position }];
      });
    };
    visit(tree, (node) => {
      if (!('children' in node) || !node.children.some((child) => child.type === 'thematicBreak')) return;
      const parent = node as Parent;
      parent.children = rewrite(parent.children as RootContent[], lines, parseInline);
    });
  };
}

function rewrite(children: RootContent[], lines: string[], parseInline: (text: string) => PhrasingContent[]): RootContent[] {
  const result: RootContent[] = [];
  for (let index = 0; index < children.length; index++) {
    const [a, b, c] = [children[index]!, children[index + 1], children[index + 2]];
    // Headerless: rule, rows, rule, each starting on the line after the last.
    if (a.type === 'thematicBreak' && b?.type === 'paragraph' && c?.type === 'thematicBreak' && onNextLine(a, b) && onNextLine(b, c)) {
      const columns = ruleColumns(a, lines);
      if (columns && isRule(c, lines)) {
        result.push(table(columns, undefined, rowsOf(b, lines), parseInline, a, c));
        index += 2;
        continue;
      }
    }
    // With a header: one header line, a rule right under it, rows right under the rule.
    // (Rows indented four spaces or more were read as indented code.)
    if (a.type === 'paragraph' && b?.type === 'thematicBreak' && (c?.type === 'paragraph' || isIndentedRows(c, lines)) && onNextLine(a, b) && onNextLine(b, c!) && lineCount(a) === 1) {
      const columns = ruleColumns(b, lines);
      if (columns) {
        const rows = rowsOf(c!, lines);
        const next = children[index + 3];
        // An optional closing rule of the same shape belongs to the table.
        const closing = next?.type === 'thematicBreak' && onNextLine(c!, next) && isRule(next, lines) ? next : undefined;
        result.push(table(columns, rowsOf(a, lines)[0], rows, parseInline, a, closing ?? c));
        index += closing ? 3 : 2;
        continue;
      }
    }
    result.push(a);
  }
  return result;
}

/** Indented code with no blank line: table rows indented like the header. */
function isIndentedRows(node: RootContent | undefined, lines: string[]): boolean {
  if (node?.type !== 'code' || !node.position) return false;
  const rows = lines.slice(node.position.start.line - 1, node.position.end.line);
  return rows.every((row) => row.trim() !== '' && !/^\s*(```|~~~)/.test(row));
}

function lineCount(node: Node): number {
  return node.position ? node.position.end.line - node.position.start.line + 1 : 0;
}

/** The source line of a one-line node (a rule), when it is a column rule. */
function ruleColumns(rule: ThematicBreak, lines: string[]): Column[] | undefined {
  const line = rule.position ? lines[rule.position.start.line - 1] : undefined;
  if (line === undefined || !RULE.test(line)) return undefined;
  return [...line.matchAll(/-+/g)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

function isRule(rule: ThematicBreak, lines: string[]): boolean {
  return ruleColumns(rule, lines) !== undefined;
}

/** A row: its source line, and where that line starts (line number and file offset). */
interface Row {
  text: string;
  line: number;
  offset: number;
}

function rowsOf(paragraph: Node, lines: string[]): Row[] {
  const start = paragraph.position!.start;
  const rows: Row[] = [];
  let offset = start.offset! - (start.column - 1);
  for (let line = start.line; line <= paragraph.position!.end.line; line++) {
    const text = lines[line - 1]!.replace(/\r$/, '');
    rows.push({ text, line, offset });
    offset += lines[line - 1]!.length + 1;
  }
  return rows;
}

/** The raw text of each column of a row: from a column's dashes to the next column's. */
function cut(row: string, columns: Column[]): string[] {
  return columns.map((column, index) => {
    const from = index === 0 ? 0 : column.start;
    const to = index === columns.length - 1 ? row.length : columns[index + 1]!.start;
    return row.slice(from, to);
  });
}

/** Pandoc's `alignType` for one column, from its raw header (or first-row) text. */
function alignOf(raw: string, column: Column, index: number): Align {
  const text = raw.replace(/\s+$/, '');
  if (text.trim() === '') return undefined;
  const leftSpace = /^[ \t]/.test(text);
  const width = column.end - (index === 0 ? 0 : column.start);
  const rightSpace = text.length < width;
  if (leftSpace && !rightSpace) return 'right';
  if (!leftSpace && rightSpace) return 'left';
  if (leftSpace && rightSpace) return 'center';
  return undefined;
}

function table(columns: Column[], header: Row | undefined, rows: Row[], parseInline: (text: string) => PhrasingContent[], first: Node, last: Node): RootContent {
  const alignFrom = header ?? rows[0]!;
  const aligns = cut(alignFrom.text, columns).map((raw, index) => alignOf(raw, columns[index]!, index));
  const row = (source: Row, cellName: 'th' | 'td'): Node => {
    let from = 0;
    const cells = cut(source.text, columns).map((raw, index) => {
      const text = raw.trim();
      const start = from + (raw.length - raw.trimStart().length);
      from += raw.length;
      const children = shift(parseInline(text), source, start);
      const align = aligns[index];
      return element(cellName, children as Node[], align ? { align } : {});
    });
    return element('tr', onePerLine(cells));
  };
  const sections = [...(header ? [element('thead', onePerLine([row(header, 'th')]))] : []), element('tbody', onePerLine(rows.map((source) => row(source, 'td'))))];
  const node = element('table', onePerLine(sections));
  node.position = { start: first.position!.start, end: last.position!.end };
  return node as unknown as RootContent;
}

/** Nodes parsed from a cell's text, moved to where the cell is in the author's file. */
function shift(nodes: PhrasingContent[], row: Row, column: number): PhrasingContent[] {
  for (const node of nodes) {
    visit(node, (inner: Node) => {
      if (!inner.position) return;
      for (const point of [inner.position.start, inner.position.end]) {
        point.line = row.line;
        point.offset = row.offset + column + (point.offset ?? point.column - 1);
        point.column = column + point.column;
      }
    });
  }
  return nodes;
}

interface ElementNode extends Parent {
  data: { hName: string; hProperties: Record<string, string> };
}

function element(tagName: string, children: Node[], properties: Record<string, string> = {}): ElementNode {
  return { type: 'pandocSimpleTable', data: { hName: tagName, hProperties: properties }, children: children as RootContent[] };
}
