/**
 * What the steps of the pipeline leave for each other, in the tree or on the file. A step
 * declares the facts it needs, makes and breaks (`step.ts`); this table is their
 * vocabulary (a misspelt fact is a type error) and says what each one means.
 */
export const FACTS = {
  // The tree itself.
  mdast: 'the tree is mdast (from the parser until the bridge to hast)',
  hast: 'the tree is hast (from the bridge on)',

  // Markdown side.
  'text-as-parsed': "text nodes are the parser's, so their text maps back to the source offsets",
  'tags-unexpanded': 'Hexo tags are still `hexoTag` nodes, not yet replaced by what they stand for',
  'tags-expanded': "Hexo tags are replaced by their output (a codeblock tag's `code` node, a quote's body)",
  'attributes-applied': 'pandoc attributes (`{#id .class}`) are on their headings, spans, links and images and gone from the text',
  'graphs-drawn': 'graph fences are figures with their SVG',
  'cells-run': 'hmm/rnn cells are figures with their results',
  'code-final': 'every `code` node that will be shown has its language and attributes',
  'code-edges-recorded': 'code lost its trailing blank lines and remembers its leading ones for the HTML stage',
  'html-pieces-final': 'no step adds raw HTML to the tree any more',

  // HTML side.
  'raw-html-parsed': "the author's raw HTML is elements",
  'code-text-final': 'code elements hold their whole text again (the leading newline the HTML parser dropped is back)',
  'author-content-only': 'nothing but the author\'s content is in the tree yet (no generated ids, math, highlighting or link attributes)',
  'content-checked': "the author's content went through the security step (script URLs; the allow-list with `sanitize`, which renames and removes ids)",
  'author-ids-marked': 'the elements that had an id before any was generated are remembered as the author\'s',
  'heading-ids': 'headings have ids',
  'equations-numbered': 'equation numbers, labels and references are resolved in the TeX and the links',
  'math-typeset': 'math is KaTeX output, no longer `code.language-math`',
  'ids-unique': 'no two elements share an id',
  'page-open': 'the content may still change (the outline and excerpt are not taken yet)',
  'outline-taken': 'the table of contents and the excerpt are on the file',
} as const;

/** A fact's name. */
export type Fact = keyof typeof FACTS;
