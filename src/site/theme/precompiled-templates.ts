/**
 * The default theme's templates compiled to JavaScript when the CLI bundle is built
 * (`scripts/bundle.mjs` replaces this module), so a cold `mlpost render` or build does not
 * parse and compile them (~20–30 ms). Unbundled (the library, tests run from `src/`), there
 * are none and Nunjucks compiles the files.
 */

/** Templates compiled from the files whose {@link templateDigest} is `digest`. */
export interface PrecompiledTemplates {
  digest: string;
  /** By template name (`post.njk`, `_partials/head.njk`), as Nunjucks' PrecompiledLoader takes them. */
  templates: Record<string, object>;
}

export function precompiledDefaultTemplates(): PrecompiledTemplates | undefined {
  return undefined;
}
