/**
 * Watching a site: rebuild when a post, draft, page, static file, theme file or the config
 * changes. Builds are incremental
 * (only changed posts are rendered, only changed files written), never overlap, and a
 * burst of changes (an editor's save = several events) gives one rebuild.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { resolve, sep } from 'node:path';
import { CONFIG_FILE, HEXO_CONFIG_FILE } from './config.js';
import { buildSite, type BuildOptions, type BuildResult } from './build.js';
import { siteLayout } from './layout.js';

/** What a watcher reports. */
export interface WatchCallbacks {
  /** After every rebuild (not the initial build, which the caller runs). */
  onBuilt?: (result: BuildResult, milliseconds: number) => void;
  onError?: (error: Error) => void;
}

/** A running watcher. */
export interface SiteWatcher {
  /** Resolves when no rebuild is pending or running. */
  idle(): Promise<void>;
  /** Stop watching (waits for a running rebuild). */
  close(): Promise<void>;
}

/** Quiet time after the last change before rebuilding. */
export const DEBOUNCE_MS = 40;

/** Watch `siteDirectory` and rebuild it with `options` on every change. */
export function watchSite(siteDirectory: string, options: BuildOptions = {}, callbacks: WatchCallbacks = {}): SiteWatcher {
  const site = resolve(siteDirectory);
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  const watched = new Set<string>();

  const rebuild = async (): Promise<void> => {
    do {
      again = false;
      const started = performance.now();
      try {
        const result = await buildSite(site, options);
        callbacks.onBuilt?.(result, performance.now() - started);
      } catch (error) {
        callbacks.onError?.(error instanceof Error ? error : new Error(String(error)));
      }
      watchFolders();
    } while (again && !closed);
  };

  const changed = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (running) {
        again = true;
        return;
      }
      running = rebuild().finally(() => {
        running = undefined;
      });
    }, DEBOUNCE_MS);
  };

  // The site's folders, recursively; they may appear later (watched from the site root).
  const watchFolders = () => {
    const layout = siteLayout(site);
    for (const folder of [layout.posts, layout.drafts, layout.source, layout.theme]) {
      if (!folder || watched.has(folder) || closed || !existsSync(folder)) continue;
      watched.add(folder);
      const watcher = watch(folder, { recursive: true }, () => changed());
      watcher.on('error', (error) => callbacks.onError?.(error));
      watchers.push(watcher);
    }
  };
  const topLevel = new Set(['posts', 'drafts', 'source', 'theme']);
  const root = watch(site, (_event, name) => {
    const file = name === null ? null : String(name);
    if (file === null || file === CONFIG_FILE || file === HEXO_CONFIG_FILE || topLevel.has(file.split(sep)[0]!)) {
      watchFolders();
      changed();
    }
  });
  root.on('error', (error) => callbacks.onError?.(error));
  watchers.push(root);
  watchFolders();

  const idle = async (): Promise<void> => {
    while (timer || running) {
      if (running) await running;
      else await new Promise((done) => setTimeout(done, DEBOUNCE_MS));
    }
  };
  return {
    idle,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const watcher of watchers) watcher.close();
      await running;
    },
  };
}
