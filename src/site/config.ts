/**
 * A site's configuration: `mlpost.yml` at the site's root (all keys optional).
 *
 * ```yaml
 * title: My ML notes
 * url: https://example.org/blog/
 * output: dist          # relative to the site folder
 * timezone: Asia/Shanghai
 * language: zh
 * limits:               # optional, see docs/limits.md
 *   graphMs: 10000
 * ```
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { placeInText, resolveYaml, yamlLimitProblem } from '../limits/yaml.js';
import { z } from 'zod';
import { renderLimitsSchema } from '../limits/settings.js';

const siteConfigSchema = z
  .object({
    title: z.string().default('mlpost'),
    url: z.string().url().optional(),
    output: z.string().default('dist'),
    timezone: z.string().default('UTC'),
    language: z.string().optional(),
    /** Time and size limits (`limits/settings.ts`). */
    limits: renderLimitsSchema.optional(),
  })
  .strict();

/** The site's configuration with defaults applied. */
export type SiteConfig = z.infer<typeof siteConfigSchema>;

/** The config file's name. */
export const CONFIG_FILE = 'mlpost.yml';

/** Read `SITE/mlpost.yml`; a missing file gives the defaults, a bad one throws a clear error. */
export function readSiteConfig(siteDirectory: string): SiteConfig {
  const path = join(siteDirectory, CONFIG_FILE);
  const raw: unknown = existsSync(path) ? readConfigYaml(path, readFileSync(path, 'utf8')) ?? {} : {};
  const result = siteConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.') || 'config'}: ${issue.message}`);
  }
  if (!isTimeZone(result.data.timezone)) throw new Error(`${path}: timezone: unknown time zone ${JSON.stringify(result.data.timezone)}`);
  return result.data;
}

/** The config file's YAML, within the YAML limits every other YAML of mlpost has; throws a located error. */
function readConfigYaml(path: string, text: string): unknown {
  const fail = (message: string, offset: number): never => {
    const at = placeInText(text, offset);
    throw new Error(`${path}:${at.line}:${at.column}: ${message}`);
  };
  const tooMuch = yamlLimitProblem(text);
  if (tooMuch) fail(tooMuch.message, tooMuch.offset);
  const document = parseDocument(text, { prettyErrors: false });
  const error = document.errors[0];
  if (error) fail(`not valid YAML: ${error.message.split('\n')[0]}`, error.pos[0]);
  const resolved = resolveYaml(document, text);
  if ('problem' in resolved) return fail(resolved.problem.message, resolved.problem.offset);
  return resolved.value;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
