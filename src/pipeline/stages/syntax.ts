/**
 * Stage 2, syntax extensions: the Markdown the posts are written in beyond CommonMark —
 * GFM, pandoc's extensions, math, Hexo tags, the excerpt split — as mdast.
 * Steps that add micromark extensions take part in the parse (their order is the order
 * their constructs are tried); their tree transforms run after it, in this order.
 */
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import { remarkPandocMath } from '../../math/remark-pandoc-math.js';
import { remarkHexoTags } from '../../syntax/hexo-tag/index.js';
import { remarkMore } from '../../syntax/more.js';
import { remarkHashLists } from '../../syntax/hash-lists.js';
import { remarkCjkLineBreaks } from '../../syntax/cjk-line-breaks.js';
import { remarkImplicitFigures } from '../../syntax/implicit-figures.js';
import {
  remarkPandocAttributes,
  remarkPandocBulletLists,
  remarkPandocDefinitionLists,
  remarkPandocExampleLists,
  remarkPandocHtmlDivs,
  remarkPandocLazyQuotes,
  remarkPandocLineBlocks,
  remarkPandocSimpleTables,
} from '../../syntax/pandoc/index.js';
import type { MlpostOptions } from '../options.js';
import type { Stage } from '../step.js';

export function syntaxStage(options: Readonly<MlpostOptions>): Stage {
  return {
    name: 'syntax',
    summary: 'GFM, pandoc extensions, math, Hexo tags, excerpt → mdast',
    steps: [
      // Pandoc reads `~x~` as a subscript, never as strikethrough: only `~~x~~` strikes.
      { name: 'gfm', use: [remarkGfm, { singleTilde: false }], needs: ['mdast'] },
      { name: 'definition-lists', use: [remarkPandocDefinitionLists], needs: ['mdast'] },
      { name: 'line-blocks', use: [remarkPandocLineBlocks], needs: ['mdast'] },
      { name: 'html-divs', use: [remarkPandocHtmlDivs], needs: ['mdast'] },
      // Cells are parsed with the post's syntax; the Hexo tags in them expand in the tag pass.
      { name: 'simple-tables', use: [remarkPandocSimpleTables], needs: ['mdast', 'tags-unexpanded'] },
      { name: 'pandoc-math', use: [remarkPandocMath, { markdownEscapes: options.math?.markdownEscapes }], needs: ['mdast'] },
      { name: 'cjk-friendly', use: [remarkCjkFriendly], needs: ['mdast'] },
      { name: 'hexo-tags', use: [remarkHexoTags, { handlers: options.tags ?? {}, ...options.site }], needs: ['mdast', 'tags-unexpanded'], makes: ['tags-expanded'], breaks: ['tags-unexpanded'] },
      { name: 'more', use: [remarkMore], needs: ['mdast'] },
      // Maps text back to the source (escapes are never syntax), so before text is rewritten.
      { name: 'pandoc-attributes', use: [remarkPandocAttributes], needs: ['mdast', 'text-as-parsed'], makes: ['attributes-applied'] },
      { name: 'hash-lists', use: [remarkHashLists], needs: ['mdast'], breaks: ['text-as-parsed'] },
      { name: 'bullet-lists', use: [remarkPandocBulletLists], needs: ['mdast'] },
      { name: 'lazy-quotes', use: [remarkPandocLazyQuotes], needs: ['mdast'] },
      { name: 'example-lists', use: [remarkPandocExampleLists], needs: ['mdast'], breaks: ['text-as-parsed'] },
      { name: 'cjk-line-breaks', use: [remarkCjkLineBreaks], needs: ['mdast'], breaks: ['text-as-parsed'] },
      // `![](i.png){.center}` is alone in its paragraph once the attributes left the text.
      { name: 'implicit-figures', use: [remarkImplicitFigures], needs: ['mdast', 'attributes-applied'] },
    ],
  };
}
