/**
 * `latex="true"` graphs (the original blog's `ladot` fences): IDs and labels written as
 * TeX between dollars, `$v_1$(2)` with an optional width hint in parentheses, which is
 * not DOT. The original replaced each by a stub, ran `dot -Tps` and let LaTeX/psfrag
 * paint the TeX over the stubs into a PNG.
 *
 * mlpost does not typeset TeX inside graphs (KaTeX needs a browser to measure its
 * output and would put HTML inside the SVG): each `$…$` outside quoted strings, HTML
 * labels and comments becomes the quoted DOT string of its raw TeX (the hint dropped),
 * so the graph draws with readable raw labels and the author gets one warning.
 */

/** The DOT with TeX tokens quoted, and how many were found. */
export interface TexLabelRewrite {
  dot: string;
  count: number;
}

/** Quote a value as a DOT string whose label shows exactly `text` (backslashes doubled for label escapes). */
function quoteDot(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Rewrite ladot `$…$(hint)` tokens into quoted raw TeX labels. Lines are kept. */
export function quoteTexLabels(dot: string): TexLabelRewrite {
  let out = '';
  let count = 0;
  let index = 0;
  let htmlDepth = 0;
  while (index < dot.length) {
    const char = dot[index]!;
    const next = dot[index + 1];
    if (htmlDepth > 0) {
      if (char === '<') htmlDepth++;
      else if (char === '>') htmlDepth--;
      out += char;
      index++;
      continue;
    }
    if (char === '"') {
      // Quoted string: copy up to the unescaped closing quote.
      let end = index + 1;
      while (end < dot.length && dot[end] !== '"') end += dot[end] === '\\' ? 2 : 1;
      out += dot.slice(index, end + 1);
      index = end + 1;
      continue;
    }
    if ((char === '/' && next === '/') || (char === '#' && (index === 0 || dot[index - 1] === '\n'))) {
      const end = dot.indexOf('\n', index);
      const stop = end < 0 ? dot.length : end;
      out += dot.slice(index, stop);
      index = stop;
      continue;
    }
    if (char === '/' && next === '*') {
      const end = dot.indexOf('*/', index + 2);
      const stop = end < 0 ? dot.length : end + 2;
      out += dot.slice(index, stop);
      index = stop;
      continue;
    }
    if (char === '<') {
      htmlDepth = 1;
      out += char;
      index++;
      continue;
    }
    if (char === '$') {
      const token = /^\$([^$\n]+)\$(?:\(\d+\))?/.exec(dot.slice(index));
      if (token) {
        out += quoteDot(`$${token[1]}$`);
        count++;
        index += token[0].length;
        continue;
      }
    }
    out += char;
    index++;
  }
  return { dot: out, count };
}
