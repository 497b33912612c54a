/**
 * The parse stage's parser: remark-parse's (mdast-util-from-markdown with the syntax
 * extensions registered by the later steps), with two things around it that every entry
 * of mlpost must have, not only `renderPost`:
 *
 * - the source limits (`src/limits/source.ts`) applied to the text first; the limited text
 *   becomes the file's value, so positions and source slices agree;
 * - micromark's speed fixes (`micromark-fixes/`) in place for the parse only.
 *
 * As a plugin it sets the processor's parser, so it also takes over from a remark-parse
 * attached before it (Astro's pipeline, where mlpost comes as `remarkPlugins`).
 */
/// <reference types="remark-parse" />
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { limitSource } from '../limits/source.js';
import { withMicromarkFixes } from './micromark-fixes/index.js';

/** The remark plugin that parses. */
export function remarkMlpostParse(this: Processor) {
  // eslint-disable-next-line @typescript-eslint/no-this-alias -- the parser reads the processor's data at parse time
  const processor = this;
  processor.parser = (document: string, file: VFile): Root => {
    const text = limitSource(document, file);
    if (text !== document) file.value = text;
    const data = processor.data();
    return withMicromarkFixes(() =>
      fromMarkdown(text, {
        ...data.settings,
        extensions: data.micromarkExtensions ?? [],
        mdastExtensions: data.fromMarkdownExtensions ?? [],
      }),
    );
  };
}
