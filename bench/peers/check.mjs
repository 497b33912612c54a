// Did a tool do the work? Every post got a page, and in a sample (the first copy of each
// corpus post) every page whose source has math holds typeset math, not TeX source.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// make-site.mjs marks every formula of a copy with \vphantom{copy}, code included: the marks
// outside fenced code and indented lines (code, or a list's continuation: left out to be safe)
// are the formulas a page should hold.
const FORMULA_MARK = /\\vphantom\{/g;
const FENCED_CODE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[`~]*[ \t]*$/gm;
const INDENTED_LINE = /^(?: {4}|\t).*$/gm;

/** The formulas of a post's source (marks outside fenced code and indented lines). */
export const formulasOf = (text) => text.replace(FENCED_CODE, '').replace(INDENTED_LINE, '').match(FORMULA_MARK)?.length ?? 0;

/** The first copy of each source post (`name-00012` → source `name`). */
export function samplePosts(names) {
  const seen = new Set();
  return names.filter((name) => {
    const source = name.replace(/-\d{5}$/, '');
    if (seen.has(source)) return false;
    seen.add(source);
    return true;
  });
}

/**
 * Check the output of `tool` in `dir` for the posts `names` of `postsDir`. Returns
 * { ok, reason, pages, sampled, math, errors, formulas }: math is the formulas typeset in the
 * sampled pages, errors the formulas shown as errors there, formulas the marked formulas of their sources outside code and indented lines.
 */
export function checkOutput(tool, dir, names, postsDir) {
  const missing = names.filter((name) => !existsSync(tool.page(dir, name)));
  const result = { ok: true, reason: '', pages: names.length - missing.length, sampled: 0, math: 0, errors: 0, formulas: 0 };
  if (missing.length > 0) {
    return { ...result, ok: false, reason: `${missing.length} of ${names.length} post pages missing (${missing.slice(0, 3).join(', ')} …)` };
  }
  if (!tool.math) return result;
  const bare = [];
  for (const name of samplePosts(names)) {
    const formulas = formulasOf(readFileSync(join(postsDir, `${name}.md`), 'utf8'));
    const html = readFileSync(tool.page(dir, name), 'utf8');
    const errors = html.match(tool.math.error)?.length ?? 0;
    const math = (html.match(tool.math.formula)?.length ?? 0) - (tool.math.errorIsFormula ? errors : 0);
    result.sampled++;
    result.formulas += formulas;
    result.math += math;
    result.errors += errors;
    if (formulas > 0 && math === 0) bare.push(name);
  }
  if (bare.length > 0) return { ...result, ok: false, reason: `no typeset math in ${bare.length} sampled pages whose source has math (${bare.slice(0, 3).join(', ')} …)` };
  return result;
}
