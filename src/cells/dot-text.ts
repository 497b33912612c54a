/** Safe DOT text: quoted strings and HTML-like labels from author names. */

/** A DOT double-quoted string (`"…"`) holding `text` literally. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** `text` escaped for a DOT HTML-like label (`<…>`). */
export function dotHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
