/**
 * Stage 1, parse: text → mdast. mlpost's parser (source limits, Hexo's front matter, micromark's speed fixes)
 * and the bound on the tree's depth that every later walk relies on.
 */
import { remarkMlpostParse } from '../../parse/parser.js';
import { remarkNestingLimit } from '../../limits/tree.js';
import type { MlpostOptions } from '../options.js';
import type { Stage } from '../step.js';

export function parseStage(options: Readonly<MlpostOptions>): Stage {
  return {
    name: 'parse',
    summary: 'front matter split off, text → mdast, with the source and depth limits',
    steps: [
      { name: 'parser', use: [remarkMlpostParse, { frontMatter: options.frontMatter }], makes: ['mdast', 'text-as-parsed', 'tags-unexpanded'] },
      // Before any other walk: past 100 levels the recursive utilities would overflow.
      { name: 'nesting-limit', use: [remarkNestingLimit], needs: ['mdast', 'tags-unexpanded'] },
    ],
  };
}
