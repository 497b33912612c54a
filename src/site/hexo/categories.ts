/**
 * Hexo's reading of `categories:` in front matter. A list of names is ONE path
 * (`[Diary, Life]` is Life inside Diary); a list holding lists is several paths
 * (`[[Diary, Life], [Diary, Work], Notes]`); one name is a path of one.
 */

/** A category path, top first. */
export type CategoryPath = string[];

function name(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** The category paths of a front-matter value (empty names dropped, as Hexo does). */
export function categoryPaths(raw: unknown): CategoryPath[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    const single = name(raw);
    return single ? [[single]] : [];
  }
  const paths: CategoryPath[] = [];
  if (raw.some(Array.isArray)) {
    for (const item of raw) {
      const path = (Array.isArray(item) ? item : [item]).map(name).filter((part): part is string => part !== undefined);
      if (path.length > 0) paths.push(path);
    }
  } else {
    const path = raw.map(name).filter((part): part is string => part !== undefined);
    if (path.length > 0) paths.push(path);
  }
  return paths;
}

/** Tags: a name or a list of names (nested lists flattened), each once. */
export function tagNames(raw: unknown): string[] {
  const names: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else {
      const text = name(value);
      if (text && !names.includes(text)) names.push(text);
    }
  };
  visit(raw);
  return names;
}
