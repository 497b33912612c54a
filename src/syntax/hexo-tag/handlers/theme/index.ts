/**
 * Tags of the Hexo themes and plugins ML bloggers use (NexT, Butterfly, Fluid, hexo-math,
 * the spoiler plugins), as semantic HTML styled by mlpost's stylesheet. Each grammar was
 * read from the theme's own `scripts/tag(s)/*.js`; see each module.
 */
import type { TagHandler } from '../../tags.js';
import { buttonHandler } from './button.js';
import { centerQuoteHandler } from './center-quote.js';
import { disclosureHandler, hideInlineHandler } from './disclosure.js';
import { labelHandler } from './label.js';
import { mathjaxHandler } from './mathjax.js';
import { noteHandler } from './note.js';
import { tabsHandler } from './tabs.js';

/** The handlers, by tag name. */
export const themeTagHandlers: Readonly<Record<string, TagHandler>> = Object.freeze({
  note: noteHandler,
  subnote: noteHandler,
  label: labelHandler,
  btn: buttonHandler,
  button: buttonHandler,
  centerquote: centerQuoteHandler,
  cq: centerQuoteHandler,
  fold: disclosureHandler,
  folding: disclosureHandler,
  hideToggle: disclosureHandler,
  hideBlock: disclosureHandler,
  spoiler: disclosureHandler,
  hideInline: hideInlineHandler,
  tabs: tabsHandler,
  subtabs: tabsHandler,
  subsubtabs: tabsHandler,
  mathjax: mathjaxHandler,
  math: mathjaxHandler,
});

export { noteStyle } from './note.js';
export { buttonParts } from './button.js';
export { splitTabs } from './tabs.js';
export { displayArgument } from './mathjax.js';
