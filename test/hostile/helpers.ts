/** Helpers of the hostile-input suite. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPost, type RenderedPost } from '../../src/pipeline/render-post.js';
import { severityOf } from '../../src/diagnostics.js';
import { repoRoot } from '../helpers.js';

/** Every fixture ends with this paragraph: seeing it proves the rest of the page rendered. */
export const END_MARKER = '<p>THE-END</p>';

/** A diagnostic as the suite compares it: `line:col`, severity, rule id. */
export type Diagnostic = [place: string, severity: 'error' | 'warning' | 'info', ruleId: string];

/** The diagnostics of a rendered post in the suite's shape. */
export function diagnostics(post: RenderedPost): Diagnostic[] {
  return post.messages.map((message) => [`${message.line}:${message.column}`, severityOf(message), message.ruleId ?? '']);
}

/** Path of a fixture of this suite, relative to the repository (as diagnostics show it). */
export function hostilePath(name: string): string {
  return `fixtures/hostile/${name}`;
}

/** Render a fixture of this suite. */
export async function renderFixture(name: string, options: { sanitize?: boolean } = {}): Promise<RenderedPost> {
  const path = hostilePath(name);
  return renderPost(readFileSync(join(repoRoot, path), 'utf8'), { path, ...options });
}
