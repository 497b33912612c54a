/**
 * Data that mlpost's plugins leave on `file.data.mlpost` while a post is processed.
 * The CLI and the site builder read it to write pages and their files.
 */

/** A file to write next to the page (a graph's `fileName.svg`, a chart, …). */
export interface PostAsset {
  /** Path relative to the page's folder, with forward slashes; never absolute, never `..`. */
  path: string;
  contents: string | Uint8Array;
}

/** One entry of the post's table of contents (from its headings). */
export interface TocEntry {
  depth: number;
  id: string;
  text: string;
}

/** What mlpost learned about a post while rendering it. */
export interface MlpostFileData {
  /** Files to write next to the page. */
  assets: PostAsset[];
  /** The post's language (its `lang`, else the site's), for the words mlpost adds to the page. */
  language?: string | undefined;
  /** Links and images to local files, with their place in the source (see `links/local-references.ts`). */
  references?: LocalReference[];
}

/** A link or image whose URL names a file of the site rather than another site. */
export interface LocalReference {
  /** `href` of links, `src` of images and media. */
  kind: 'link' | 'image';
  /** The URL as written. */
  url: string;
  line: number;
  column: number;
}

declare module 'vfile' {
  interface DataMap {
    mlpost: MlpostFileData;
  }
}

/** The `file.data.mlpost` record, created on first use. */
export function mlpostData(file: { data: { mlpost?: MlpostFileData } }): MlpostFileData {
  file.data.mlpost ??= { assets: [] };
  return file.data.mlpost;
}
