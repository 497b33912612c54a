/**
 * Hexo's tag argument grammar: the text after the tag name is split on whitespace; a
 * quoted run (`"…"` or `'…'`) belongs to the argument it is in and loses its quotes, so
 * `"高扬" http://x "a title"` gives `高扬`, `http://x`, `a title`. This follows the
 * Nunjucks lexer that Hexo's tag parser builds its arguments from.
 */

export interface ParsedTag {
  /** The tag name (`blockquote`, `endblockquote`, `asset_img` …). */
  name: string;
  /** The arguments, quotes removed. */
  args: string[];
  /** The argument text as written, after the name. */
  rawArgs: string;
  /** Whether a quote was opened and never closed. */
  unterminatedQuote: boolean;
}

/** Parse the inside of `{% … %}` (without the delimiters). */
export function parseTag(inner: string): ParsedTag {
  const text = inner.trim();
  const nameMatch = /^\S+/.exec(text);
  const name = nameMatch ? nameMatch[0] : '';
  const rawArgs = text.slice(name.length).trim();
  const { args, unterminatedQuote } = splitArguments(rawArgs);
  return { name, args, rawArgs, unterminatedQuote };
}

/** Split tag arguments as Hexo does. */
export function splitArguments(text: string): { args: string[]; unterminatedQuote: boolean } {
  const args: string[] = [];
  let current = '';
  let inArgument = false;
  let unterminatedQuote = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      if (inArgument) args.push(current);
      current = '';
      inArgument = false;
      index++;
      continue;
    }
    inArgument = true;
    if (char === '"' || char === "'") {
      const close = findClosingQuote(text, index + 1, char);
      if (close === -1) {
        unterminatedQuote = true;
        current += text.slice(index + 1);
        index = text.length;
      } else {
        current += text.slice(index + 1, close).replace(/\\(["'\\])/g, '$1');
        index = close + 1;
      }
      continue;
    }
    current += char;
    index++;
  }
  if (inArgument) args.push(current);
  return { args, unterminatedQuote };
}

function findClosingQuote(text: string, from: number, quote: string): number {
  for (let index = from; index < text.length; index++) {
    if (text[index] === '\\') {
      index++;
      continue;
    }
    if (text[index] === quote) return index;
  }
  return -1;
}
