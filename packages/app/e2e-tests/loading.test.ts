import { expect, test } from '@playwright/test';

test('while the app loads, the page says so, and the app replaces it', async ({
  page,
}) => {
  // Hold the main script back: a slow network or a busy machine.
  let release = () => {};
  const held = new Promise<void>(resolve => {
    release = resolve;
  });
  await page.route(/\/main(\.[0-9a-f]+)?\.js$/, async route => {
    await held;
    await route.continue();
  });
  await page.goto('/', { waitUntil: 'commit' });

  const loading = page.getByRole('status').filter({ hasText: 'Loading' });
  await expect(loading).toHaveText('Loading FinTech-Fast Developer Portal…');

  release();
  await expect(
    page
      .getByRole('list', { name: 'Demo users' })
      .or(page.getByRole('link', { name: 'Catalog', exact: true })),
  ).toBeVisible();
  await expect(loading).toHaveCount(0);
});
