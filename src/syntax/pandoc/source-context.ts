/**
 * The author's file as the pandoc plugins see it: its text (to map text nodes back to
 * their source) and a way to report a problem at a source offset.
 */
import type { Text } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { report, type Severity } from '../../diagnostics.js';
import { mapTextToSource, SourcePoints, type TextSourceMap } from './source-map.js';

/** The `source` of every diagnostic the pandoc plugins emit. */
export const PANDOC_SOURCE = 'mlpost:pandoc';

/** One file's source, with lazily built lookups. */
export class SourceContext {
  readonly file: VFile;
  /** The file's text, when the processor was given one (`undefined` for a bare tree). */
  readonly source: string | undefined;
  private points: SourcePoints | undefined;

  constructor(file: VFile) {
    this.file = file;
    this.source = file.value === undefined ? undefined : String(file.value);
  }

  /** Map a text node's value to its source, or `undefined` when positions are missing. */
  mapText(node: Text): TextSourceMap {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (this.source === undefined || start === undefined || end === undefined) {
      // No source: every character is plain, and places are unknown.
      return { offsets: new Array<number>(node.value.length + 1).fill(-1), literal: new Array<boolean>(node.value.length).fill(false) };
    }
    return mapTextToSource(node.value, this.source.slice(start, end), start);
  }

  /**
   * `value.slice(start, end)` as the author wrote it (escapes such as `\\"` intact, which
   * the attribute parser reads itself), with the source offset of each of its characters.
   * Falls back to the decoded value when the source is unknown or the text spans lines.
   */
  written(value: string, map: TextSourceMap, start: number, end: number): { text: string; offsetOf: (index: number) => number } {
    const from = map.offsets[start] ?? -1;
    const to = (map.offsets[end - 1] ?? -2) + 1;
    if (this.source !== undefined && from >= 0 && to > from) {
      const text = this.source.slice(from, to);
      if (!text.includes('\n')) return { text, offsetOf: (index) => from + index };
    }
    return { text: value.slice(start, end), offsetOf: (index) => map.offsets[Math.min(start + index, map.offsets.length - 1)] ?? -1 };
  }

  /** The line and column of a source offset (`undefined` for -1, an unknown place). */
  pointAt(offset: number): Point | undefined {
    if (this.source === undefined || offset < 0) return undefined;
    this.points ??= new SourcePoints(this.source);
    return this.points.pointAt(offset);
  }

  /** Report a problem at a source offset, or at `fallback` when the offset is unknown. */
  report(severity: Severity, reason: string, offset: number, ruleId: string, fallback?: Point): void {
    report(this.file, severity, reason, { place: this.pointAt(offset) ?? fallback, ruleId, source: PANDOC_SOURCE });
  }
}
