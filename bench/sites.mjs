// The benchmark sites: N distinct posts from shared/bench/make-site.mjs, kept under a work
// folder between runs and made again when make-site.mjs, the corpus or the seed change (an
// old site would measure old posts: make-site.mjs once left ~3 000 unclosed `$$` blocks).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
export const makeSiteScript = join(shared, 'bench/make-site.mjs');

/** A hash of everything a bench site is made from. */
function inputsHash() {
  const hash = createHash('sha256').update(readFileSync(makeSiteScript));
  for (const folder of ['corpus', 'seed']) {
    for (const name of readdirSync(join(shared, folder)).sort()) {
      hash.update(name).update(readFileSync(join(shared, folder, name)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** `work/site-N` with `posts/` of N distinct posts, made (again) when its inputs changed. */
export function benchSite(work, n) {
  const dir = join(work, `site-${n}`);
  const stampFile = join(dir, '.made-from');
  const stamp = `${inputsHash()} ${n}`;
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return dir;
  rmSync(dir, { recursive: true, force: true });
  const made = spawnSync(process.execPath, [makeSiteScript, String(n), dir], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`make-site.mjs ${n} failed:\n${made.stderr}`);
  writeFileSync(stampFile, stamp);
  return dir;
}
