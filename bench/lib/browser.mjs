// What the browser benches share: their --name value options, Debian's
// Chromium as a person's browser at 1440x900, and signing in.
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

/**
 * Signs `user` in on the demo picker of the portal at `url`, in `context`;
 * returns the session, for new contexts of a returning user.
 */
export async function signInAs(context, url, user) {
  const page = await context.newPage();
  await page.goto(url);
  await page
    .getByRole('list', { name: 'Demo users' })
    .getByText(user, { exact: true })
    .click();
  await page.getByRole('link', { name: 'Catalog', exact: true }).waitFor();
  return context.storageState();
}
