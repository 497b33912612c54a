/**
 * Where the text Hexo hands the renderer sits in the author's file, so diagnostics name
 * the file's own lines: Hexo strips a post's front matter before rendering, replaces each
 * tag and comment by a one-line placeholder (`<!--swig￼3-->`, so the lines after a
 * five-line `{% blockquote %}` move up by four), and hands tag bodies
 * (`{% note %}…{% endnote %}`) alone to `renderSync`.
 */
import { relative, sep } from 'node:path';

/** A text being rendered: its file, and the file's line of each of its lines. */
export interface SourcePlace {
  /** Path for messages, relative to the blog (`source/_posts/x.md`). */
  file: string;
  /** The file's full path (Hexo's `full_source`). */
  source: string;
  /** The line of the file that line `line` (1-based) of the rendered text came from. */
  lineOf(line: number): number;
  /** A tag body rather than a whole post. */
  tagBody: boolean;
}

/** Hexo's placeholders for tags, comments and code blocks (`hexo/lib/hexo/post.ts`). */
const PLACEHOLDER = /<!--(?:swig|comment|code)\uFFFC\d+-->/g;

/** Remembers, per post file, the lines before its body, and the post whose tags are being rendered. */
export class SourcePlaces {
  private readonly bodies = new Map<string, { offset: number; body: string }>();
  /** The post whose Nunjucks tags are being rendered right now (set around Hexo's tag pass). */
  current: { fullSource: string; raw: string } | undefined;

  constructor(private readonly baseDir: string) {}

  /** Record a post's body as Hexo split it from its front matter (before its tags become placeholders). */
  rememberBody(fullSource: string, raw: string | undefined, body: string | undefined): void {
    if (raw === undefined || body === undefined || !raw.endsWith(body)) return;
    this.bodies.set(fullSource, { offset: countLines(raw.slice(0, raw.length - body.length)), body });
  }

  /** A post's body as written (before Hexo's tag pass replaced its tags), when remembered. */
  bodyOf(fullSource: string): string | undefined {
    return this.bodies.get(fullSource)?.body;
  }

  /** The place of a post body rendered from `fullSource` as `rendered` (placeholders and all). */
  ofBody(fullSource: string | undefined, rendered: string): SourcePlace | undefined {
    if (!fullSource) return undefined;
    const known = this.bodies.get(fullSource);
    const inBody = known ? placeholderLines(known.body, rendered) : (line: number) => line;
    return { file: this.display(fullSource), source: fullSource, lineOf: (line) => inBody(line) + (known?.offset ?? 0), tagBody: false };
  }

  /**
   * The place of a tag body rendered synchronously while the tags of {@link current} are
   * rendered: found by its text in the post's file when it occurs there exactly once.
   */
  ofTagBody(text: string): SourcePlace | undefined {
    const post = this.current;
    if (!post) return undefined;
    const at = post.raw.indexOf(text);
    const unique = at >= 0 && post.raw.indexOf(text, at + 1) < 0 && text.trim() !== '';
    const offset = unique ? countLines(post.raw.slice(0, at)) : 0;
    return { file: this.display(post.fullSource), source: post.fullSource, lineOf: (line) => line + offset, tagBody: true };
  }

  /** `source/_posts/x.md` for a file under the blog, the path as given otherwise. */
  display(path: string): string {
    const inside = relative(this.baseDir, path);
    return inside.startsWith('..') ? path : inside.split(sep).join('/');
  }
}

/**
 * Map lines of `rendered` (the body with Hexo's placeholders) to lines of `original`: the
 * text between placeholders is the author's, found in order in `original`.
 */
export function placeholderLines(original: string, rendered: string): (line: number) => number {
  const anchors: Array<{ rendered: number; original: number }> = [{ rendered: 1, original: 1 }];
  let searchFrom = 0;
  let segmentStart = 0;
  const segments: Array<[number, number]> = [];
  for (const match of rendered.matchAll(PLACEHOLDER)) {
    segments.push([segmentStart, match.index]);
    segmentStart = match.index + match[0].length;
  }
  if (segments.length === 0) return (line) => line;
  segments.push([segmentStart, rendered.length]);
  const lineAt = (text: string, offset: number) => countLines(text.slice(0, offset)) + 1;
  for (const [start, end] of segments) {
    const text = rendered.slice(start, end);
    const at = original.indexOf(text, searchFrom);
    if (at < 0) break;
    // A placeholder's line is the line its tag starts on; the segment after it counts
    // from its first whole line (its first, partial line is the placeholder's).
    if (start > 0) anchors.push({ rendered: lineAt(rendered, start), original: lineAt(original, searchFrom) });
    const newline = start > 0 ? text.indexOf('\n') : -1;
    const skip = start > 0 ? newline + 1 : 0;
    if (start === 0 || newline >= 0) anchors.push({ rendered: lineAt(rendered, start + skip), original: lineAt(original, at + skip) });
    searchFrom = at + text.length;
  }
  return (line) => {
    let anchor = anchors[0]!;
    for (const candidate of anchors) if (candidate.rendered <= line) anchor = candidate;
    return line - anchor.rendered + anchor.original;
  };
}

function countLines(text: string): number {
  let lines = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) lines++;
  return lines;
}
