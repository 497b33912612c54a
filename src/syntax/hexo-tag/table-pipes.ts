/**
 * Hexo expands tags before Markdown sees a post, so the `|` in
 * `|…{% mathjax %}\pi(\cdot | s_t){% endmathjax %}…|` never splits a table row's cells. GFM
 * reads the row before any tag: so before parsing, the `|` inside such a pair on a line
 * are put out of its reach — one character for one, so no position moves — and the
 * tag's body gets them back (`rawBody`).
 *
 * Only `mathjax`/`math` pairs, whose bodies are TeX taken verbatim; a pair inside a code
 * span is left as written (the code shows what the author typed).
 */

/** What a `|` inside a shielded pair is while the post is parsed (a private-use character). */
export const SHIELDED_PIPE = '\uE000';

const PAIR = /(\{%\s*(mathjax|math)\b(?:(?!%\}).)*%\})(.*?)(\{%\s*end\2\s*%\})/g;

/** `text` with the `|` of inline `mathjax`/`math` bodies on table-like lines shielded. */
export function shieldTagPipes(text: string): string {
  if (!text.includes('{%') || !text.includes('|')) return text;
  return text.replace(/^.*\|.*$/gm, (line) =>
    line.replace(PAIR, (pair: string, open: string, _name: string, body: string, close: string, offset: number) => {
      const backticksBefore = line.slice(0, offset).split('`').length - 1;
      return backticksBefore % 2 === 1 ? pair : `${open}${body.replaceAll('|', SHIELDED_PIPE)}${close}`;
    }),
  );
}

/** A tag body as the author wrote it. */
export function unshieldPipes(text: string): string {
  return text.includes(SHIELDED_PIPE) ? text.replaceAll(SHIELDED_PIPE, '|') : text;
}
