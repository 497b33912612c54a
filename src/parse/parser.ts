/**
 * The parse stage's parser: remark-parse's (mdast-util-from-markdown with the syntax
 * extensions registered by the later steps), with two things around it that every entry
 * of mlpost must have, not only `renderPost`:
 *
 * - the source limits (`src/limits/source.ts`) applied to the text first;
 * - the front matter found as Hexo finds it (`src/syntax/front-matter-split.ts`: also without
 *   a leading `---`, or `;;;` JSON), kept on `file.data.frontMatter` and blanked out of the
 *   text, so lines and offsets stay where the author wrote them; the blanked text becomes
 *   the file's value, so positions and source slices agree;
 * - the text passes that syntax steps register (`data.mlpostSourcePasses`), for what must
 *   happen before micromark reads the text (Hexo expands tags before Markdown);
 * - micromark's speed fixes (`micromark-fixes/`) in place for the parse only;
 * - what syntax extensions raise while micromark runs (`parse-messages.ts`) reported on the file.
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
import { reportingParseMessages } from './parse-messages.js';
import { splitFrontMatter, type FrontMatterBlock } from '../syntax/front-matter-split.js';

declare module 'vfile' {
  interface DataMap {
    /** The post's front matter as written, found by the parser (`undefined`: none). */
    frontMatter: FrontMatterBlock | undefined;
  }
}

declare module 'unified' {
  interface Data {
    /** Text passes of syntax steps run by mlpost's parser before micromark; each keeps the length and every line. */
    mlpostSourcePasses?: Array<(text: string) => string>;
  }
}

const NO_EXTENSIONS: never[] = [];

/** Options of {@link remarkMlpostParse}. */
export interface ParseOptions {
  /** Find front matter at the top of the text. Default `true`; `false` where the host took it off already (Hexo, Astro). */
  frontMatter?: boolean;
}

/** The remark plugin that parses. */
export function remarkMlpostParse(this: Processor, options: Readonly<ParseOptions> = {}) {
  const readFrontMatter = options.frontMatter !== false;
  // eslint-disable-next-line @typescript-eslint/no-this-alias -- the parser reads the processor's data at parse time
  const processor = this;
  processor.parser = (document: string, file: VFile): Root => {
    const limited = limitSource(document, file);
    const split = readFrontMatter ? splitFrontMatter(limited) : { body: limited, frontMatter: undefined };
    const data = processor.data();
    // Passes of the syntax steps that must see the text before micromark (each keeps every
    // character where it is, so positions still point into the author's text).
    const text = (data.mlpostSourcePasses ?? []).reduce((current, pass) => pass(current), split.body);
    if (text !== document) file.value = text;
    file.data.frontMatter = split.frontMatter;
    const extensions = data.micromarkExtensions ?? NO_EXTENSIONS;
    return reportingParseMessages(file, () =>
      withMicromarkFixes(
        () =>
          fromMarkdown(text, {
            ...data.settings,
            extensions,
            mdastExtensions: data.fromMarkdownExtensions ?? [],
          }),
        extensions,
      ),
    );
  };
}
