/**
 * Finding a pandoc attribute block `{#id .class key="v a l}ue"}` inside text and reading
 * it with the shared fence-attribute parser.
 */
import { parseFenceAttributes, type FenceAttributes } from '../fence-attributes.js';

/**
 * The index just past the `}` that closes the attribute block opening at `text[start]`
 * (a `{`), or -1 when there is none. A `}` inside a quoted value does not close it; when a
 * quote is never closed, the first `}` does (the parser then warns about the quote).
 * `literal[i]` marks characters written as escapes, which never close the block.
 */
export function attributeBlockEnd(text: string, start: number, literal?: readonly boolean[]): number {
  if (text[start] !== '{' || literal?.[start]) return -1;
  let quote: string | undefined;
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index]!;
    if (quote) {
      if (char === '\\' && quote === '"') index++;
      // `\"` in Markdown reaches the text as a literal `"`: it does not close the value.
      else if (char === quote && !literal?.[index]) quote = undefined;
      continue;
    }
    if ((char === '"' || char === "'") && text[index - 1] === '=') quote = char;
    else if (char === '{' && !literal?.[index]) return -1;
    else if (char === '}' && !literal?.[index]) return index + 1;
  }
  if (quote === undefined) return -1;
  // An unterminated quote: fall back to the first closing brace.
  for (let index = start + 1; index < text.length; index++) {
    if (text[index] === '}' && !literal?.[index]) return index + 1;
  }
  return -1;
}

/** An attribute block read by {@link readAttributeBlock}. */
export interface AttributeBlock {
  attributes: FenceAttributes;
  /** Pandoc's `{-}` (headings only): the `unnumbered` class was asked for. */
  unnumbered: boolean;
  /** Whether the block is attributes at all (`{}` is, `{b}` or `{x y}` is not). */
  valid: boolean;
}

/**
 * Parse `block` (`{…}`, braces included). With `allowUnnumbered`, a lone `-` item is
 * pandoc's shorthand for `.unnumbered`. Problem offsets stay offsets into `block`.
 */
export function readAttributeBlock(block: string, allowUnnumbered = false): AttributeBlock {
  let text = block;
  let unnumbered = false;
  if (allowUnnumbered) {
    const dashes = loneDashes(block);
    unnumbered = dashes.length > 0;
    // Blank the dashes out, keeping offsets, so the parser sees only real items.
    for (const at of dashes) text = `${text.slice(0, at)} ${text.slice(at + 1)}`;
  }
  const attributes = parseFenceAttributes(text);
  if (unnumbered && !attributes.classes.includes('unnumbered')) attributes.classes.push('unnumbered');
  const empty = /^\{\s*\}$/.test(text);
  const something = attributes.id !== undefined || attributes.classes.length > 0 || Object.keys(attributes.attributes).length > 0;
  // Pandoc reads a block with a stray word (`{b}`, `{.x y}`) as plain text; so do we.
  const valid = empty || (something && !attributes.problems.some((problem) => problem.ruleId === 'fence-attribute-syntax'));
  return { attributes, unnumbered, valid };
}

/** Offsets of `-` items (pandoc's `{-}`) in a block, outside quoted values. */
function loneDashes(block: string): number[] {
  const found: number[] = [];
  let quote: string | undefined;
  for (let index = 0; index < block.length; index++) {
    const char = block[index]!;
    if (quote) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = undefined;
    } else if ((char === '"' || char === "'") && block[index - 1] === '=') {
      quote = char;
    } else if (char === '-' && /[{\s]/.test(block[index - 1] ?? '') && /[}\s]/.test(block[index + 1] ?? '')) {
      found.push(index);
    }
  }
  return found;
}
