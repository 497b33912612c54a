/**
 * A site's configuration: `mlpost.yml` at the site's root (all keys optional).
 *
 * ```yaml
 * title: My ML notes
 * url: https://example.org/blog/
 * output: dist          # relative to the site folder
 * timezone: Asia/Shanghai
 * language: zh
 * ```
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const siteConfigSchema = z
  .object({
    title: z.string().default('mlpost'),
    url: z.string().url().optional(),
    output: z.string().default('dist'),
    timezone: z.string().default('UTC'),
    language: z.string().optional(),
  })
  .strict();

/** The site's configuration with defaults applied. */
export type SiteConfig = z.infer<typeof siteConfigSchema>;

/** The config file's name. */
export const CONFIG_FILE = 'mlpost.yml';

/** Read `SITE/mlpost.yml`; a missing file gives the defaults, a bad one throws a clear error. */
export function readSiteConfig(siteDirectory: string): SiteConfig {
  const path = join(siteDirectory, CONFIG_FILE);
  const raw: unknown = existsSync(path) ? parse(readFileSync(path, 'utf8')) ?? {} : {};
  const result = siteConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.') || 'config'}: ${issue.message}`);
  }
  if (!isTimeZone(result.data.timezone)) throw new Error(`${path}: timezone: unknown time zone ${JSON.stringify(result.data.timezone)}`);
  return result.data;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
