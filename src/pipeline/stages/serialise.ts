/**
 * Stage 6, serialise: hast → HTML text. KaTeX's output is kept as raw HTML (see
 * `math/rehype-math.ts`); author HTML never is (it became elements in stage 4).
 */
import rehypeStringify from 'rehype-stringify';
import type { Stage } from '../step.js';

export function serialiseStage(): Stage {
  return {
    name: 'serialise',
    summary: 'hast → HTML text',
    steps: [{ name: 'stringify', use: [rehypeStringify, { closeEmptyElements: true, allowDangerousHtml: true }], needs: ['hast'] }],
  };
}
