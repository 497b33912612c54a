/**
 * Hexo's `slugize` (hexo-util 4): diacritics to their base letters, control characters
 * dropped, runs of spaces and punctuation to one `-`, no `-` at either end. Tag, category
 * and `:post_title` URLs are made with it, so they equal Hexo's.
 */
import { escapeDiacritic } from './diacritics.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/g;
const SPECIAL = /[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/]+/g;

/** `transform`: 1 lower-cases, 2 upper-cases (Hexo's `filename_case`). */
export function slugize(text: string, transform: 0 | 1 | 2 = 0): string {
  const result = escapeDiacritic(text)
    .replace(CONTROL, '')
    .replace(SPECIAL, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return transform === 1 ? result.toLowerCase() : transform === 2 ? result.toUpperCase() : result;
}
