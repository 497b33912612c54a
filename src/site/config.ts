/**
 * A site's configuration: `mlpost.yml` at the site's root, else Hexo's `_config.yml`
 * (the keys the two share have the same names and meaning), else the defaults. A bad
 * value is an error at its file:line; a key mlpost does not know is a warning there.
 *
 * ```yaml
 * title: My ML notes
 * url: https://example.org/blog/
 * permalink: :year/:month/:day/:title/
 * timezone: Asia/Shanghai
 * language: zh-CN
 * ```
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Pair } from 'yaml';
import { GENERATOR_KEYS, HEXO_KEYS, HEXO_PERMALINK, KNOWN_KEYS, MLPOST_PERMALINK, siteConfigSchema, type SiteConfig } from './config-schema.js';
import { siteLayout } from './layout.js';
import { placeInText, resolveYaml, yamlLimitProblem } from '../limits/yaml.js';

export type { SiteConfig } from './config-schema.js';

/** mlpost's config file; Hexo's is read when it is absent. */
export const CONFIG_FILE = 'mlpost.yml';
export const HEXO_CONFIG_FILE = '_config.yml';

/** A config problem as the CLI prints it: `file:line:col: severity: message [rule]`. */
export interface ConfigNotice {
  severity: 'warning' | 'info';
  text: string;
}

/** The configuration and where it came from. */
export interface LoadedConfig {
  config: SiteConfig;
  /** The file read (absolute), if any. */
  file: string | undefined;
  /** Warnings (unknown keys) and notes (Hexo settings mlpost ignores). */
  notices: ConfigNotice[];
}

/** A config that cannot be used: the message names the file, line and key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The config file of `site`, if it has one. */
export function configFileOf(site: string): string | undefined {
  return [CONFIG_FILE, HEXO_CONFIG_FILE].map((name) => join(site, name)).find((path) => existsSync(path));
}

/** Read the site's config; throws a {@link ConfigError} for a bad one. */
export function loadSiteConfig(site: string): LoadedConfig {
  const file = configFileOf(site);
  const layout = siteLayout(site);
  const defaults = { permalink: layout.kind === 'hexo' ? HEXO_PERMALINK : MLPOST_PERMALINK };
  if (!file) return { config: finish(parseKnown({}, undefined), defaults), file, notices: [] };

  const shown = relative(process.cwd(), file) || file;
  const lineCounter = new LineCounter();
  const text = readFileSync(file, 'utf8');
  const at = (offset: number | undefined) => {
    const place = lineCounter.linePos(offset ?? 0);
    return `${shown}:${place.line}:${place.col}`;
  };
  // Within the limits every YAML of mlpost has (size, depth, aliases), checked before parsing.
  const tooMuch = yamlLimitProblem(text);
  if (tooMuch) {
    const place = placeInText(text, tooMuch.offset);
    throw new ConfigError(`${shown}:${place.line}:${place.column}: error: ${tooMuch.message} [config-yaml]`);
  }
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const firstError = document.errors[0];
  if (firstError) throw new ConfigError(`${at(firstError.pos[0])}: error: not valid YAML: ${firstError.message.split('\n')[0]} [config-yaml]`);
  const contents = document.contents;
  if (contents !== null && !isMap(contents) && !(isScalar(contents) && contents.value === null)) {
    throw new ConfigError(`${shown}:1:1: error: the config must be a mapping of \`key: value\` lines [config-type]`);
  }
  const places = new Map<string, number | undefined>();
  for (const pair of (isMap(contents) ? contents.items : []) as Pair[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    places.set(key, isScalar(pair.key) ? pair.key.range?.[0] : undefined);
  }
  const resolved = resolveYaml(document, text);
  if ('problem' in resolved) throw new ConfigError(`${at(resolved.problem.offset)}: error: ${resolved.problem.message} [config-yaml]`);
  const raw = (resolved.value ?? {}) as Record<string, unknown>;
  const notices: ConfigNotice[] = [];
  const known: Record<string, unknown> = {};
  const ignored: string[] = [];
  const isHexoFile = file.endsWith(HEXO_CONFIG_FILE);
  for (const [key, value] of Object.entries(raw)) {
    if (KNOWN_KEYS.has(key)) {
      // Hexo leaves unset keys empty (`timezone:`): the default, as in Hexo.
      if (value !== null && value !== '') known[key] = value;
      // Of a list generator's settings, mlpost reads some (`per_page`); the others are named.
      const read: readonly string[] | undefined = Object.hasOwn(GENERATOR_KEYS, key) ? GENERATOR_KEYS[key as keyof typeof GENERATOR_KEYS] : undefined;
      if (read && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const inner of Object.keys(value).filter((name) => !read.includes(name))) {
          if (isHexoFile) ignored.push(`${key}.${inner}`);
          else notices.push({ severity: 'warning', text: `${at(places.get(key))}: warning: unknown key \`${key}.${inner}\`: mlpost ignores it (see docs/configuration.md) [config-unknown-key]` });
        }
      }
    } else if (isHexoFile && HEXO_KEYS.has(key)) ignored.push(key);
    else notices.push({ severity: 'warning', text: `${at(places.get(key))}: warning: unknown key \`${key}\`: mlpost ignores it (see docs/configuration.md) [config-unknown-key]` });
  }
  if (ignored.length > 0) notices.push({ severity: 'info', text: `${shown}:1:1: info: Hexo settings mlpost does not use: ${ignored.join(', ')} [config-hexo-ignored]` });
  const config = finish(parseKnown(known, (key) => at(places.get(key))), defaults);
  return { config, file, notices };
}

/** Read `SITE`'s config (see {@link loadSiteConfig}), without its notices. */
export function readSiteConfig(site: string): SiteConfig {
  return loadSiteConfig(site).config;
}

type Parsed = ReturnType<typeof siteConfigSchema.parse>;

function parseKnown(known: Record<string, unknown>, placeOf: ((key: string) => string) | undefined): Parsed {
  const result = siteConfigSchema.safeParse(known);
  if (result.success) {
    const timezone = result.data.timezone;
    if (!isTimeZone(timezone)) throw new ConfigError(`${placeOf?.('timezone') ?? CONFIG_FILE}: error: timezone: unknown time zone ${JSON.stringify(timezone)} [config-value]`);
    return result.data;
  }
  const issue = result.error.issues[0]!;
  const key = String(issue.path[0] ?? 'config');
  throw new ConfigError(`${placeOf?.(key) ?? CONFIG_FILE}: error: ${issue.path.join('.') || 'config'}: ${issue.message} [config-value]`);
}

/** Defaults that depend on other keys: the permalink on the layout, `root` on `url`. */
function finish(parsed: Parsed, defaults: { permalink: string }): SiteConfig {
  const fromUrl = parsed.url ? new URL(parsed.url).pathname.replace(/\/?$/, '/') : '/';
  return { ...parsed, permalink: parsed.permalink ?? defaults.permalink, root: parsed.root ?? fromUrl };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
