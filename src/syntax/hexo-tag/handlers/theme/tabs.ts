/**
 * NexT / Butterfly `{% tabs name[, active] %}` with `<!-- tab caption[@icon] -->` …
 * `<!-- endtab -->` sections, without client script: each tab is a `<details>` whose
 * `<summary>` is its caption, the active one (`active`, 1-based; default the first) open.
 * Disclosures are what a reader can open with keyboard and screen reader on a static page,
 * and every tab stays reachable (and printable), where hidden tab panels would need script.
 * Captions default to `name N` as in the themes; icons are not shipped and left out.
 */
import type { Html, RootContent } from 'mdast';
import type { TagHandler } from '../../tags.js';
import { elementNode, hastText, wrapperNode } from '../nodes.js';
import { commaArguments, flowBody, needsBody } from './body.js';
import { reportTag } from '../nodes.js';

const TAB_OPEN = /^<!--\s*tab(?:\s+(.*?))?\s*-->$/;
const TAB_CLOSE = /^<!--\s*endtab\s*-->$/;

interface Tab {
  caption: string;
  body: RootContent[];
}

/** The tabs of a body: the content between each `<!-- tab … -->` and its `<!-- endtab -->`. */
export function splitTabs(body: readonly RootContent[]): Tab[] {
  const tabs: Tab[] = [];
  let current: Tab | undefined;
  for (const node of body) {
    const html = node.type === 'html' ? (node as Html).value.trim() : undefined;
    const open = html === undefined ? null : TAB_OPEN.exec(html);
    if (open) {
      current = { caption: open[1] ?? '', body: [] };
      tabs.push(current);
      continue;
    }
    if (html !== undefined && TAB_CLOSE.test(html)) {
      current = undefined;
      continue;
    }
    current?.body.push(node);
  }
  return tabs;
}

/** `{% tabs %}` (aliases `subtabs`, `subsubtabs`). */
export const tabsHandler: TagHandler = (tag, context) => {
  if (tag.type !== 'hexoTagBlock') return needsBody(tag, context);
  const [name = '', activeText = ''] = commaArguments(tag);
  const active = Number(activeText) || 1;
  const tabs = splitTabs(flowBody(tag));
  if (tabs.length === 0) {
    reportTag(tag, context, 'warning', `\`{% ${tag.name} %}\` has no \`<!-- tab caption -->\` … \`<!-- endtab -->\` sections; its body is shown as it is`, 'hexo-tag-argument');
    return [wrapperNode('hexoTabs', 'div', { className: ['mlpost-tabs'] }, flowBody(tag))];
  }
  const panels = tabs.map((tab, index) => {
    const caption = tab.caption.split('@')[0]!.trim() || `${name || 'Tab'} ${index + 1}`;
    const summary = elementNode('hexoTabCaption', 'summary', {}, [hastText(caption)]) as unknown as RootContent;
    const body = wrapperNode('hexoTabBody', 'div', { className: ['mlpost-tab-body'] }, tab.body);
    return wrapperNode('hexoTab', 'details', { className: ['mlpost-tab'], ...(index + 1 === active ? { open: true } : {}) }, [summary, body]);
  });
  return [wrapperNode('hexoTabs', 'div', { className: ['mlpost-tabs'], role: 'group', ...(name ? { ariaLabel: name } : {}) }, panels)];
};
