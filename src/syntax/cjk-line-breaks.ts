/**
 * Pandoc's `east_asian_line_breaks`: a line break inside a paragraph between two East
 * Asian wide characters is dropped instead of becoming a space, so `带\n来` reads `带来`
 * and not `带 来`. Works across node boundaries (`**输出概率**\n概率`).
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

// Han, kana, Hangul, CJK punctuation and full-width forms: the characters that a line
// break between two of them must not separate with a space.
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6\u30fc]/u;

/** Whether `char` is an East Asian wide character. */
export function isEastAsianWide(char: string | undefined): boolean {
  return char !== undefined && char !== '' && WIDE.test(char);
}

/** The remark plugin. */
export function remarkCjkLineBreaks() {
  return (tree: Root): void => {
    visit(tree, (node) => {
      if (!('children' in node)) return;
      const parent = node as Parent;
      const children = parent.children as PhrasingContent[];
      children.forEach((child, index) => {
        if (child.type !== 'text' || !child.value.includes('\n')) return;
        joinWideLines(child, lastChar(children[index - 1]), firstChar(children[index + 1]));
      });
    });
  };
}

function joinWideLines(node: Text, before: string | undefined, after: string | undefined): void {
  const value = node.value;
  let result = '';
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!;
    if (char !== '\n') {
      result += char;
      continue;
    }
    const previous = index > 0 ? lastCodePoint(value.slice(0, index)) : before;
    const next = index + 1 < value.length ? String.fromCodePoint(value.codePointAt(index + 1)!) : after;
    if (!(isEastAsianWide(previous) && isEastAsianWide(next))) result += char;
  }
  node.value = result;
}

function lastCodePoint(text: string): string | undefined {
  const chars = Array.from(text.slice(-2));
  return chars[chars.length - 1];
}

function lastChar(node: PhrasingContent | undefined): string | undefined {
  if (!node || node.type === 'break') return undefined;
  return lastCodePoint(toString(node));
}

function firstChar(node: PhrasingContent | undefined): string | undefined {
  if (!node || node.type === 'break') return undefined;
  const text = toString(node);
  return text === '' ? undefined : String.fromCodePoint(text.codePointAt(0)!);
}
