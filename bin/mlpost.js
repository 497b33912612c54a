#!/usr/bin/env node
// The `mlpost` command: runs the bundled CLI (dist/bundle/main.js, one CommonJS file) and
// keeps V8's compiled code for it between runs, so a fresh `mlpost render` does not
// compile the pipeline again. Node ≥ 22.1 does that itself (module.enableCompileCache);
// on Node 20 the same is done with V8's code cache through vm.Script, stored where Node
// would store its own (the system's temporary folder). V8 rejects a cache made by another
// Node, but checks the source only by its length: the file name keys the cache by the
// bundle's stat (below), so a replaced bundle never runs an older build's code.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const main = fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url));

if (typeof module.enableCompileCache === 'function') {
  module.enableCompileCache();
  createRequire(import.meta.url)(main);
} else {
  runWithCodeCache(main);
}

/** Run the CommonJS file `file` as `require` would, with V8's code cache for it. */
function runWithCodeCache(file) {
  const source = readFileSync(file, 'utf8');
  // V8 checks a cache against the source's length only, so the key must change whenever the
  // file is replaced: npm installs every file with the same mtime (1985), but a write always
  // gives a new ctime (which no tar or npm can set back).
  const { size, mtimeMs, ctimeMs, ino } = statSync(file);
  // One cache per command: each holds the functions its command ran (made by its first run).
  const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
  // Named `<install>-<command>-<build>.bin`: a new build of the same install replaces its
  // command's old cache instead of piling up next to it.
  const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);
  const prefix = `${hash(file)}-${command}-`;
  const folder = ownCacheFolder();
  const cacheFile = folder && join(folder, `${prefix}${hash(`${size}\0${mtimeMs}\0${ctimeMs}\0${ino}\0${process.version}\0${process.arch}`)}.bin`);
  let cachedData;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // First run of this build on this Node: compile, and store the cache at exit.
  }
  const script = new vm.Script(module.wrap(source), {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
    // After the run, so the cache holds every function the command compiled, not only the top level.
    process.once('beforeExit', () => storeCache(cacheFile, prefix, script));
  }
  const exports = {};
  const fileModule = { exports, filename: file, id: file, loaded: false };
  script.runInThisContext().call(exports, exports, createRequire(file), fileModule, file, dirname(file));
}

/**
 * This user's cache folder in the temporary folder, made private (0700); undefined — no
 * cache — if it is not a real folder owned by this user (on a shared machine another user
 * could otherwise plant compiled code that this process would run).
 */
function ownCacheFolder() {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const folder = join(tmpdir(), uid === undefined ? 'mlpost-compile-cache' : `mlpost-compile-cache-${uid}`);
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch {
    // It exists already (checked below), or cannot be made (no cache).
  }
  try {
    const stat = lstatSync(folder);
    if (!stat.isDirectory() || (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o077) !== 0))) return undefined;
    return folder;
  } catch {
    return undefined;
  }
}

function storeCache(cacheFile, prefix, script) {
  try {
    const folder = dirname(cacheFile);
    for (const name of readdirSync(folder)) {
      if (name.startsWith(prefix) && join(folder, name) !== cacheFile) rmSync(join(folder, name), { force: true });
    }
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData(), { flag: 'wx', mode: 0o600 });
    renameSync(temporary, cacheFile);
  } catch {
    // A read-only temporary folder: the next run compiles again, nothing else changes.
  }
}
