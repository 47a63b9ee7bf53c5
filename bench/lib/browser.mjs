// What the browser benches share: their --name value options, and Debian's
// Chromium as a person's browser at 1440x900.
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';

export const viewport = { width: 1440, height: 900 };

/** `--name value` options of a bench, as strings. */
export function benchArgs(names) {
  const options = Object.fromEntries(names.map(n => [n, { type: 'string' }]));
  return parseArgs({ options }).values;
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
}
