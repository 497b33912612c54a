/**
 * The part of Astro's integration API that mlpost's integration uses, written out here so
 * that building mlpost needs no Astro install (Astro is a test-only dependency, in
 * test/package.json). Astro passes more than this; a hook that asks for less still fits
 * Astro's `AstroIntegration`, which test/adapters/astro-types.test.ts checks against the
 * real types.
 */

/** What the integration reads of Astro's resolved config. */
export interface AstroConfigLike {
  root: URL;
  site?: string | undefined;
  markdown: object;
}

/** The options of Astro's `astro:config:setup` hook that the integration uses. */
export interface ConfigSetupOptions {
  config: AstroConfigLike;
  /**
   * Astro's `updateConfig`. Its argument is a deep-partial Astro config whose `markdown`
   * differs between Astro 5 and 7 (`processor`), so callers cast what they pass.
   */
  updateConfig: (newConfig: never) => unknown;
  injectScript: (stage: 'page-ssr', content: string) => void;
  logger: { warn: (message: string) => void };
}

/** An Astro integration as far as mlpost's needs it: assignable to Astro's `AstroIntegration`. */
export interface AstroIntegrationLike {
  name: string;
  hooks: {
    'astro:config:setup': (options: ConfigSetupOptions) => void | Promise<void>;
  };
}
