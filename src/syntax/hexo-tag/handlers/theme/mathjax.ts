/**
 * hexo-math's `{% mathjax ['{json options}'] %}TeX{% endmathjax %}` and hexo-math 3's
 * `{% math %}TeX{% endmath %}` as math, typeset with the rest of the post's math.
 *
 * hexo-math 4 renders the tag with MathJax's `conversion.display`, false unless the JSON
 * argument sets it. A tag on its own lines is typeset as display math here (hexo-math drew
 * it as an inline formula standing alone in its paragraph, which looks the same and is
 * what `\begin{align}` needs); inside a line it stays inline. `{% math %}`: display when
 * its body spans lines, as its README says.
 */
import type { InlineMath, Math } from 'mdast-util-math';
import type { RootContent } from 'mdast';
import type { TagHandler } from '../../tags.js';
import { tagProblem } from '../nodes.js';
import { inProse, needsBody, placed } from './body.js';

/** `conversion.display` from the tag's JSON argument, when it sets it. */
export function displayArgument(rawArgs: string): boolean | undefined {
  const json = /^(['"])([\s\S]*)\1$/.exec(rawArgs.trim())?.[2] ?? (rawArgs.trim().startsWith('{') ? rawArgs.trim() : undefined);
  if (json === undefined) return undefined;
  try {
    const display = (JSON.parse(json) as { conversion?: { display?: unknown } }).conversion?.display;
    return typeof display === 'boolean' ? display : undefined;
  } catch {
    return undefined;
  }
}

/** `{% mathjax %}` and `{% math %}`. */
export const mathjaxHandler: TagHandler = (tag, context) => {
  if (tag.type !== 'hexoTagBlock') return needsBody(tag, context);
  const tex = tag.rawBody;
  if (tex.trim() === '') return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` is empty`, 'hexo-tag-no-body');
  const prose = inProse(tag, context.flow);
  const display = displayArgument(tag.rawArgs) ?? (!prose || (tag.name === 'math' && tex.includes('\n')));
  if (display && !prose) {
    const node: Math = {
      type: 'math',
      value: tex,
      meta: null,
      position: tag.position,
      data: { hName: 'pre', hChildren: [{ type: 'element', tagName: 'code', properties: { className: ['language-math', 'math-display'] }, children: [{ type: 'text', value: tex }] }] },
    };
    return [node as unknown as RootContent];
  }
  const className = ['language-math', display ? 'math-display' : 'math-inline'];
  const node: InlineMath = { type: 'inlineMath', value: tex, position: tag.position, data: { hName: 'code', hProperties: { className }, hChildren: [{ type: 'text', value: tex }] } };
  return placed([node], prose);
};
