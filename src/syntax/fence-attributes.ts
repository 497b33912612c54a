/**
 * Pandoc-style fence attributes: the info string of a code fence such as
 * `{.graph .center caption="隐马尔可夫链" fileName="rnn_intro_g1"}` or a plain `python`.
 *
 * Grammar (pandoc's `fenced_code_attributes`): `{` then whitespace-separated items, each
 * `#id`, `.class` or `key=value` where value is bare, `"double quoted"` (backslash escapes
 * `\"` and `\\`) or `'single quoted'`; then `}`. A bare first word outside braces is a
 * language class (` ```python `). Malformed input never throws: the parser keeps what it
 * can and returns a problem with its offset, for a warning at the author's column.
 */

export interface FenceAttributes {
  /** Classes in order, the language first (`graph`, `center`). */
  classes: string[];
  /** The `#id`, if any. */
  id: string | undefined;
  /** `key=value` pairs in source order; a repeated key keeps its last value. */
  attributes: Record<string, string>;
  /** Problems found, with the offset into the info string where each starts. */
  problems: FenceAttributeProblem[];
}

export interface FenceAttributeProblem {
  message: string;
  /** 0-based offset into the info string. */
  offset: number;
  ruleId: 'fence-attribute-unterminated' | 'fence-attribute-duplicate' | 'fence-attribute-syntax';
}

const WHITESPACE = /\s/;

/**
 * Parse a fence info string (everything after the backticks on the opening line).
 * With remark, pass `node.lang + ' ' + node.meta` (see {@link infoOfCode}).
 */
export function parseFenceAttributes(info: string): FenceAttributes {
  const result: FenceAttributes = { classes: [], id: undefined, attributes: {}, problems: [] };
  const text = info.trim();
  const lead = info.length - info.trimStart().length;
  if (text === '') return result;

  if (!text.startsWith('{')) {
    // ` ```python ` or ` ```python {.numberLines} `: the first word is the language.
    const word = /^\S+/.exec(text)![0];
    result.classes.push(word.replace(/^\./, ''));
    const rest = text.slice(word.length);
    const brace = rest.search(/\S/);
    if (brace >= 0 && rest[brace] === '{') {
      const inner = parseFenceAttributes(rest.slice(brace));
      result.classes.push(...inner.classes);
      result.id = inner.id;
      Object.assign(result.attributes, inner.attributes);
      const shift = lead + word.length + brace;
      for (const problem of inner.problems) result.problems.push({ ...problem, offset: problem.offset + shift });
    }
    return result;
  }

  let index = 1;
  const end = text.length;
  const closed = text.endsWith('}');
  const stop = closed ? end - 1 : end;
  if (!closed) {
    result.problems.push({ message: 'fence attributes open with `{` but never close with `}`', offset: lead + end, ruleId: 'fence-attribute-unterminated' });
  }

  while (index < stop) {
    const char = text[index]!;
    if (WHITESPACE.test(char)) {
      index++;
      continue;
    }
    const start = index;
    if (char === '#' || char === '.') {
      let word = '';
      index++;
      while (index < stop && !WHITESPACE.test(text[index]!)) word += text[index++];
      if (word === '') {
        result.problems.push({ message: `empty \`${char}\` in fence attributes`, offset: lead + start, ruleId: 'fence-attribute-syntax' });
      } else if (char === '#') {
        if (result.id !== undefined) {
          result.problems.push({ message: `the fence has two ids (\`#${result.id}\` and \`#${word}\`); the last one is used`, offset: lead + start, ruleId: 'fence-attribute-duplicate' });
        }
        result.id = word;
      } else {
        result.classes.push(word);
      }
      continue;
    }

    let key = '';
    while (index < stop && !WHITESPACE.test(text[index]!) && text[index] !== '=') key += text[index++];
    if (text[index] !== '=') {
      result.problems.push({
        message: `\`${key}\` in fence attributes is neither \`.class\`, \`#id\` nor \`key=value\`; it is ignored`,
        offset: lead + start,
        ruleId: 'fence-attribute-syntax',
      });
      continue;
    }
    index++; // `=`
    let value = '';
    const quote = text[index];
    if (quote === '"' || quote === "'") {
      const quoteStart = index;
      index++;
      let terminated = false;
      while (index < end) {
        const c = text[index]!;
        if (c === '\\' && quote === '"' && index + 1 < end && (text[index + 1] === '"' || text[index + 1] === '\\')) {
          value += text[index + 1];
          index += 2;
          continue;
        }
        if (c === quote) {
          terminated = true;
          index++;
          break;
        }
        value += c;
        index++;
      }
      if (!terminated) {
        // The quoted value ran to the end: give back the closing brace it swallowed.
        if (closed && value.endsWith('}')) value = value.slice(0, -1);
        result.problems.push({
          message: `the value of \`${key}\` opens a quote (${quote}) that is never closed; it is read up to the end of the attributes`,
          offset: lead + quoteStart,
          ruleId: 'fence-attribute-unterminated',
        });
      }
    } else {
      while (index < stop && !WHITESPACE.test(text[index]!)) value += text[index++];
    }
    if (key === '') {
      result.problems.push({ message: 'an attribute with `=` but no key is ignored', offset: lead + start, ruleId: 'fence-attribute-syntax' });
      continue;
    }
    if (Object.hasOwn(result.attributes, key)) {
      result.problems.push({
        message: `attribute \`${key}\` is given twice (\`${result.attributes[key]}\`, then \`${value}\`); the last value is used`,
        offset: lead + start,
        ruleId: 'fence-attribute-duplicate',
      });
    }
    result.attributes[key] = value;
  }
  return result;
}

/** The info string of an mdast `code` node (remark splits it into `lang` and `meta`). */
export function infoOfCode(node: { lang?: string | null | undefined; meta?: string | null | undefined }): string {
  if (!node.lang) return '';
  return node.meta ? `${node.lang} ${node.meta}` : node.lang;
}

/** Whether a code node's first class is one of `languages` (` ```dot ` or ` ```{.graph} `). */
export function fenceLanguage(attributes: FenceAttributes): string | undefined {
  return attributes.classes[0];
}
