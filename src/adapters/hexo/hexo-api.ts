/**
 * The part of Hexo's API the adapter uses, typed structurally so that any Hexo 7–8 fits
 * (Hexo's own types are not a dependency of mlpost).
 */

/** What Hexo hands a renderer. */
export interface HexoRenderData {
  text: string;
  path?: string;
}

/** A synchronous Hexo renderer. */
export type HexoSyncRenderer = ((data: HexoRenderData, options?: unknown) => string) & { disableNunjucks?: boolean };
/** An asynchronous Hexo renderer. */
export type HexoAsyncRenderer = ((data: HexoRenderData, options?: unknown) => Promise<string>) & { disableNunjucks?: boolean };

/** The fields of a post (or page) that Hexo's post filters receive and the adapter reads or sets. */
export interface HexoPostData {
  content?: string;
  raw?: string;
  full_source?: string;
  source?: string;
  path?: string;
  /** Files the post's render produced (graph SVGs), kept in Hexo's database with the post. */
  mlpost_files?: StoredPostFile[];
}

/** A file of a post as kept in Hexo's database: text, or bytes in base64. */
export interface StoredPostFile {
  path: string;
  text?: string;
  base64?: string;
}

/** A filter function as Hexo stores it. */
export type HexoFilter = ((...args: never[]) => unknown) & { priority?: number };

/** A route a generator returns. */
export interface HexoRoute {
  path: string;
  data: string | Buffer | (() => string | Buffer | NodeJS.ReadableStream);
}

/** A tag function; async tags return a promise. */
export type HexoTag = (args: string[], content: string) => string | Promise<string>;

/**
 * A tag as Hexo's Nunjucks environment holds it (`hexo/dist/extend/tag.js`): `fn` is the
 * function registered, called with the arguments and the body.
 */
export interface HexoTagExtension {
  fn?: (this: unknown, args: unknown, body: unknown) => unknown;
}

/** Hexo's query result for posts and pages. */
export interface HexoQuery<T> {
  toArray(): T[];
}

export interface HexoLike {
  base_dir: string;
  config: { syntax_highlighter?: string | false; root?: string; url?: string; theme?: string; [key: string]: unknown };
  theme?: { config?: Record<string, unknown> };
  log: {
    debug(...args: unknown[]): void;
    info(...args: unknown[]): void;
    warn(...args: unknown[]): void;
    error(...args: unknown[]): void;
  };
  render: {
    renderSync(data: { text: string; engine?: string }): string;
    render(data: { text: string; engine?: string }): Promise<string>;
  };
  locals: { get(name: 'posts' | 'pages'): HexoQuery<HexoPostData> };
  /** Hexo's database models; `PostAsset` holds the files of post asset folders. */
  model?(name: 'PostAsset'): { findById(id: string): { path?: string } | undefined | null } | undefined;
  extend: {
    renderer: {
      register(name: string, output: string, fn: HexoSyncRenderer, sync: true): void;
      register(name: string, output: string, fn: HexoAsyncRenderer, sync?: false): void;
    };
    tag: {
      register(name: string, fn: HexoTag, options: { ends?: boolean; async?: boolean }): void;
      /** Hexo ≥ 7. */
      unregister?(name: string): void;
      render(content: string, data?: unknown): Promise<string>;
      /** The Nunjucks environment the tags live in (Hexo 7–8). */
      env?: { hasExtension(name: string): boolean; extensionsList?: HexoTagExtension[] };
    };
    filter: {
      register(type: string, fn: HexoFilter, priority?: number): void;
      unregister(type: string, fn: HexoFilter): void;
      list(type: string): HexoFilter[];
    };
    generator: {
      register(name: string, fn: () => HexoRoute[] | Promise<HexoRoute[]>): void;
    };
    injector: {
      register(entry: 'head_end' | 'head_begin' | 'body_end' | 'body_begin', value: string, to?: string): void;
    };
    highlight: {
      query(name: string | false | undefined): unknown;
      exec(name: string, options: { context: unknown; args: [string, Record<string, unknown>] }): string;
    };
  };
}
