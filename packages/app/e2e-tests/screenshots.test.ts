import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

/**
 * The main pages as a person sees them at 1440x900, saved for review into
 * e2e-test-report/screenshots. Each page must show its content within the
 * default few seconds.
 */
const PAGES: Array<{ name: string; path: string; shows: RegExp | string }> = [
  { name: 'home', path: '/', shows: "Your team's services" },
  { name: 'catalog', path: '/catalog', shows: 'payment-routing-service' },
  {
    name: 'entity',
    path: '/catalog/default/component/payment-routing-service',
    shows: 'Something slowing you down',
  },
  {
    name: 'entity-docs',
    path: '/catalog/default/component/payment-routing-service/docs',
    shows: 'decides which acquirer processes each card payment',
  },
  { name: 'docs', path: '/docs', shows: 'payment-routing-service' },
  { name: 'golden-paths', path: '/golden-paths', shows: 'Drift' },
  {
    name: 'create-form',
    path: '/create/templates/default/nodejs-api',
    shows: 'The service',
  },
  { name: 'backlog', path: '/feedback', shows: /Platform backlog/ },
  {
    name: 'platform-metrics',
    path: '/platform-metrics',
    shows: /Platform Metrics/i,
  },
  {
    name: 'team',
    path: '/catalog/default/group/checkout-core-team',
    shows: /Checkout Core/,
  },
  {
    name: 'search',
    path: '/search?query=acquirer',
    shows: /payment-routing-service/,
  },
];

test('the main pages at 1440x900', async ({ page }) => {
  await signInAs(page, 'priya.sharma');

  // The sidebar: no label cut off, and its last item reachable at 900 px.
  const nav = page.getByRole('navigation').first();
  const cut = await nav.evaluate(root =>
    [...root.querySelectorAll('*')]
      .filter(
        el =>
          el.children.length === 0 &&
          getComputedStyle(el).textOverflow === 'ellipsis' &&
          el.scrollWidth > el.clientWidth,
      )
      .map(el => el.textContent),
  );
  expect(cut).toEqual([]);
  const settings = nav.getByText('Settings', { exact: true });
  await settings.scrollIntoViewIfNeeded();
  await expect(settings).toBeInViewport();

  // An entity's info cards (About, Feedback, Golden path) are on the page,
  // not in a box with a hidden scrollbar.
  await page.goto('/catalog/default/component/payouts-service');
  const card = page.getByText(/^Something slowing you down/);
  await expect(card).toBeVisible();
  const innerScroll = await card.evaluate(el => {
    for (
      let p = el.parentElement;
      p && p !== document.body;
      p = p.parentElement
    ) {
      const { overflowY } = getComputedStyle(p);
      if (
        /auto|scroll/.test(overflowY) &&
        p.scrollHeight > p.clientHeight + 1
      ) {
        return p.className;
      }
    }
    return null;
  });
  expect(innerScroll).toBeNull();

  // Every column of the teams table fits at 1440 px.
  await page.goto('/platform-metrics');
  const teams = page.getByRole('table', { name: 'Teams' });
  await expect(teams.getByTestId('team-row').first()).toBeVisible();
  const [tableWidth, boxWidth] = await teams.evaluate(el => [
    el.scrollWidth,
    el.parentElement!.clientWidth,
  ]);
  expect(tableWidth).toBeLessThanOrEqual(boxWidth);

  for (const { name, path, shows } of PAGES) {
    await test.step(name, async () => {
      await page.goto(path);
      await expect(page.getByText(shows).first()).toBeVisible();
      // Nothing still loading in the picture.
      await expect(page.getByRole('progressbar')).toHaveCount(0);
      await page.screenshot({
        path: `e2e-test-report/screenshots/${name}.png`,
      });
    });
  }
});
