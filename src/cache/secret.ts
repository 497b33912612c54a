/**
 * The key that authenticates what mlpost caches (post pages, graphs, cell results, build
 * manifests). A cache folder inside a site can come from anywhere — a restored CI cache,
 * a commit, a pull request — so nothing read from it is trusted unless it carries an HMAC
 * made with a key that is not in the site:
 *
 * - `MLPOST_CACHE_KEY` (any string; a CI secret, to share caches between CI runs), else
 * - a random key created once per user and machine in the user's cache folder
 *   (`$XDG_CACHE_HOME/mlpost/cache-key`, `~/Library/Caches/mlpost/cache-key`,
 *   `%LOCALAPPDATA%\mlpost\cache-key`), readable by its owner only (0600), else
 * - when that folder cannot be written or the file is not safe: a key for this process
 *   alone (the cache then works within one build only), with a warning.
 *
 * `docs/caching.md` says what may be shared between machines.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The name of the environment variable that sets the key. */
export const CACHE_KEY_VARIABLE = 'MLPOST_CACHE_KEY';

/** A key and its public id (which entries name, to tell another key's entries from forged ones). */
export interface CacheSecret {
  readonly key: Buffer;
  /** 16 hex digits derived from the key (not the key). */
  readonly id: string;
  /** Where it comes from, for messages: `MLPOST_CACHE_KEY`, the key file's path, or `this process`. */
  readonly origin: string;
}

/** The user's cache folder for mlpost. */
export function userCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'mlpost');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'mlpost');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mlpost');
}

/** A secret from its key bytes. */
export function secretOf(key: Buffer, origin: string): CacheSecret {
  return { key, id: createHash('sha256').update('mlpost-cache-key-id\0').update(key).digest('hex').slice(0, 16), origin };
}

let loaded: CacheSecret | undefined;

/** The process's cache secret (read or created on first use). */
export function cacheSecret(): CacheSecret {
  loaded ??= loadSecret(process.env);
  return loaded;
}

/** Read the key from `env` or the key file, creating the file if needed. */
export function loadSecret(env: NodeJS.ProcessEnv, folder: string = userCacheFolder(env)): CacheSecret {
  const fromEnvironment = env[CACHE_KEY_VARIABLE];
  if (fromEnvironment) return secretOf(createHash('sha256').update(fromEnvironment).digest(), CACHE_KEY_VARIABLE);
  const path = join(folder, 'cache-key');
  try {
    return secretOf(readKeyFile(path), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return ephemeral(`${path}: ${(error as Error).message}`);
  }
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    // `wx`: of two processes creating it at once, one writes and the other reads it.
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return ephemeral(`cannot create ${path}: ${(error as Error).message}`);
  }
  try {
    return secretOf(readKeyFile(path), path);
  } catch (error) {
    return ephemeral(`${path}: ${(error as Error).message}`);
  }
}

/** The key in `path`, if the file is a safe one: ours, a regular file, not readable or writable by others. */
function readKeyFile(path: string): Buffer {
  const stat = statSync(path);
  if (!stat.isFile()) throw new Error('not a regular file');
  if (process.platform !== 'win32') {
    if ((stat.mode & 0o077) !== 0) throw new Error(`its permissions let others read or change it (chmod 600 ${path})`);
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) throw new Error('it belongs to another user');
  }
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error('it does not hold a key');
  return Buffer.from(text, 'hex');
}

function ephemeral(why: string): CacheSecret {
  process.emitWarning(`mlpost: no cache key (${why}); cached results are used within this build only`, { code: 'MLPOST_CACHE_KEY' });
  return secretOf(randomBytes(32), 'this process');
}

/** The HMAC-SHA256 (hex) of the parts under `secret`, each length-prefixed. */
export function authenticate(secret: CacheSecret, ...parts: string[]): string {
  const hmac = createHmac('sha256', secret.key);
  for (const part of parts) {
    hmac.update(`${Buffer.byteLength(part)}:`);
    hmac.update(part);
  }
  return hmac.digest('hex');
}

/** Use `secret` for the rest of this thread's life (render threads get the main thread's). */
export function useCacheSecret(secret: { key: string; origin: string }): void {
  loaded = secretOf(Buffer.from(secret.key, 'hex'), secret.origin);
}

/** The secret in a form that crosses into worker threads. */
export function portableCacheSecret(): { key: string; origin: string } {
  const secret = cacheSecret();
  return { key: secret.key.toString('hex'), origin: secret.origin };
}
