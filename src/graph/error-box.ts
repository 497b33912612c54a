/**
 * The visible trace a graph that could not be drawn leaves in the page: a dashed box
 * with the reason, as SVG so that every caller of `render` (figures, cells) can place
 * it where the graph would have been.
 */
import { s } from 'hastscript';
import type { ElementContent } from 'hast';
import { hasCjk } from './cjk-width.js';
import { svgToString } from './svg-polish.js';

const FONT_SIZE = 12;
const LINE_HEIGHT = 16;
const PADDING = 10;
const MAX_COLUMNS = 80;

/** Approximate width in px of monospace text: CJK characters count double. */
function textWidth(text: string): number {
  let columns = 0;
  for (const char of text) columns += hasCjk(char) ? 2 : 1;
  return columns * FONT_SIZE * 0.6;
}

/** Split `text` into lines of at most {@link MAX_COLUMNS} characters. */
function wrap(text: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/(\s+)/)) {
      if ((line + word).length > MAX_COLUMNS && line.trim() !== '') {
        lines.push(line.trimEnd());
        line = word.trimStart();
      } else line += word;
      while (line.length > MAX_COLUMNS) {
        lines.push(line.slice(0, MAX_COLUMNS));
        line = line.slice(MAX_COLUMNS);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** An SVG box saying the graph was not drawn and why (text escaped by the serializer). */
export function errorBoxSvg(reasons: readonly string[]): string {
  const lines = ['Graph not drawn:', ...reasons.flatMap(wrap)];
  const width = Math.ceil(Math.max(...lines.map(textWidth)) + 2 * PADDING);
  const height = lines.length * LINE_HEIGHT + 2 * PADDING;
  const texts: ElementContent[] = lines.map((line, index) =>
    s('text', { x: PADDING, y: PADDING + (index + 1) * LINE_HEIGHT - 4 }, line),
  );
  const box = s(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'mlpost-graph-error',
      role: 'img',
      ariaLabel: `Graph not drawn: ${reasons.join(' ')}`,
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      fill: 'currentColor',
      fontFamily: 'monospace',
      fontSize: FONT_SIZE,
    },
    [
      s('rect', { x: 1, y: 1, width: width - 2, height: height - 2, fill: 'none', stroke: '#c00', strokeWidth: 2, strokeDasharray: '6 3' }),
      ...texts,
    ],
  );
  return svgToString(box);
}
