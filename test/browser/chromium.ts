/**
 * Launch Debian's Chromium through playwright-core. Never downloads a browser: CI installs
 * `chromium` with apt (`.ci/run`), and a missing binary fails loudly instead of skipping.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser (overridable for other machines). */
export const chromiumPath = process.env.MLPOST_CHROMIUM ?? '/usr/bin/chromium';

/** Start a headless Chromium with no network chatter of its own; throws if it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not installed at ${chromiumPath}: the browser tests need it. ` +
        'Install it with `apt-get install chromium fonts-noto-cjk` (CI does this in .ci/run), ' +
        'or point MLPOST_CHROMIUM at another Chromium binary.',
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
