/**
 * "Nothing lost": how much of the prose the blog showed is on mlpost's page. Prose is
 * compared as a bag of tokens (each Han character, each Latin word of three letters or
 * more, each number of two digits or more) after dropping TeX command names, so that TeX
 * source one side shows as text (a formula MathJax did not find, `\text{…}` debris) hardly
 * moves the measure, while text swallowed by a formula or dropped from the page does.
 */

const TOKEN = /\p{Script=Han}|[A-Za-z]{3,}|\d{2,}/gu;

/** The tokens of a page's visible text outside math. */
export function proseTokens(text: string): string[] {
  return text.replace(/\\[A-Za-z]+/g, ' ').match(TOKEN) ?? [];
}

/** The share of `expected`'s tokens (with repetition) found in `actual`; 1 when none are expected. */
export function proseCoverage(expected: readonly string[], actual: readonly string[]): number {
  if (expected.length === 0) return 1;
  const available = new Map<string, number>();
  for (const token of actual) available.set(token, (available.get(token) ?? 0) + 1);
  let found = 0;
  for (const token of expected) {
    const count = available.get(token) ?? 0;
    if (count > 0) {
      found++;
      available.set(token, count - 1);
    }
  }
  return found / expected.length;
}
