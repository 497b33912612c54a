/**
 * The mlpost pipeline, stage by stage (each stage is a module of `stages/` listing its
 * steps; each step declares the data it needs from earlier ones, see `step.ts`):
 *
 * | stage     | tree          | what                                            | code in           |
 * | --------- | ------------- | ----------------------------------------------- | ----------------- |
 * | parse     | text → mdast  | limits, front matter, micromark                 | parse/, limits/   |
 * | syntax    | mdast         | GFM, pandoc, math, Hexo tags, excerpt           | syntax/, math/    |
 * | features  | mdast         | graphs drawn, cells run, code fence attributes  | graph/, cells/    |
 * | html      | mdast → hast  | raw HTML parsed, security checks                | html/, security/  |
 * | enrich    | hast          | ids, math, highlighting, links, outline         | math/, code/, links/, outline/ |
 * | serialise | hast → text   | HTML string                                     | (rehype-stringify) |
 *
 * `mlpost()` is all six as a unified preset; `remarkMlpost` (parse, syntax, features) and
 * `rehypeMlpost` (html without the bridge, enrich) are the two halves as single plugins,
 * for pipelines that bring their own parser bridge and serialiser (Astro, Hexo).
 */
import type { Preset, Processor } from 'unified';
import { composePlugins } from './compose.js';
import { emptyOptions, type MlpostOptions } from './options.js';
import { checkOrder, pluginsOf, stepsOf, type Stage } from './step.js';
import { parseStage } from './stages/parse.js';
import { syntaxStage } from './stages/syntax.js';
import { featuresStage } from './stages/features.js';
import { htmlStage, toHastStep } from './stages/html.js';
import { enrichStage } from './stages/enrich.js';
import { serialiseStage } from './stages/serialise.js';

export type { MlpostOptions } from './options.js';

/** The six stages with `options` applied, in order. */
export function mlpostStages(options: Readonly<MlpostOptions> = emptyOptions): Stage[] {
  return [
    parseStage(options),
    syntaxStage(options),
    featuresStage(options),
    htmlStage(options, { bridge: true }),
    enrichStage(options),
    serialiseStage(),
  ];
}

/** The whole pipeline, Markdown text to HTML string: `unified().use(mlpost())`. */
export function mlpost(options: Readonly<MlpostOptions> = emptyOptions): Preset {
  return { plugins: pluginsOf(stepsOf(mlpostStages(options))) };
}

/**
 * mlpost's Markdown side as one plugin (parse, syntax, features): for pipelines that take
 * a list of plugins (Astro's `remarkPlugins`). It sets the processor's parser to mlpost's.
 */
export function remarkMlpost(this: Processor, options: Readonly<MlpostOptions> = emptyOptions) {
  return composePlugins(this, pluginsOf(remarkSteps(options)));
}

/** mlpost's HTML side as one plugin (after the host's mdast → hast bridge): html and enrich. */
export function rehypeMlpost(this: Processor, options: Readonly<MlpostOptions> = emptyOptions) {
  const steps = [...htmlStage(options, { bridge: false }).steps, ...enrichStage(options).steps];
  return composePlugins(this, pluginsOf(steps, checkOrder([...remarkSteps(options), toHastStep])));
}

function remarkSteps(options: Readonly<MlpostOptions>) {
  return stepsOf([parseStage(options), syntaxStage(options), featuresStage(options)]);
}
