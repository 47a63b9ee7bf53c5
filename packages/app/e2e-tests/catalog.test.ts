import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

test('a guest finds payment-routing-service, its owner, dependencies, docs and graph', async ({
  page,
}) => {
  await signInAs(page, 'guest');

  // Search from the home page.
  const result = page.locator(
    'a[href="/catalog/default/component/payment-routing-service"]',
  );
  await page.goto('/');
  const search = page.getByPlaceholder(/Search in/);
  await search.fill('payment-routing-service');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/search\?query=payment-routing-service/);
  await expect(result.first()).toBeVisible();
  await result.first().click();

  // The entity page: owner and dependencies.
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/payment-routing-service/,
  );
  await expect(
    page.getByRole('heading', { name: 'payment-routing-service' }).first(),
  ).toBeVisible();
  // Owners show by name (group checkout-core-team is titled "Checkout Core").
  await expect(page.getByText('Checkout Core').first()).toBeVisible();
  // So does its system, in the header first (payment-system is "Payments").
  const system = page.locator(
    'a[href="/catalog/default/system/payment-system"]',
  );
  await expect(system.first()).toHaveText('Payments');
  await expect(system.filter({ hasText: 'payment-system' })).toHaveCount(0);
  const card = (title: string) =>
    page
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: title }) });
  const components = card('Depends on components');
  await expect(
    components.getByRole('link', { name: 'user-auth-service' }),
  ).toBeVisible();
  const resources = card('Depends on resources');
  await expect(
    resources.getByRole('link', { name: 'payment-postgres-db' }),
  ).toBeVisible();

  // The catalog graph card draws the same relations.
  const graph = page
    .locator('svg')
    .filter({ hasText: 'payment-routing-service' })
    .first();
  await expect(graph).toContainText('user-auth-service');
  await expect(graph).toContainText('payment-postgres-db');

  // Docs, built from catalog/components/payment-routing-service/docs by
  // mkdocs: shown within the default few seconds (docs.test.ts for all).
  await page.getByRole('link', { name: 'TechDocs', exact: true }).click();
  await expect(
    page.getByText('decides which acquirer processes each card payment', {
      exact: false,
    }),
  ).toBeVisible();

  // The full graph page.
  await page.goto(
    '/catalog-graph?rootEntityRefs%5B%5D=component%3Adefault%2Fpayment-routing-service',
  );
  await expect(
    page.locator('svg').filter({ hasText: 'user-auth-service' }).first(),
  ).toBeVisible();
});

test("a developer sees their team's services on the home page", async ({
  page,
}) => {
  await signInAs(page, 'priya.sharma');
  const card = page.getByRole('list', { name: "Your team's services" });
  await expect(
    card.getByRole('link', { name: 'payment-routing-service' }),
  ).toBeVisible();
  await expect(
    card.getByRole('link', { name: 'user-auth-service' }),
  ).toHaveCount(0);

  await signInAs(page, 'marco.rossi');
  await expect(
    page
      .getByRole('list', { name: "Your team's services" })
      .getByRole('link', { name: 'user-auth-service' }),
  ).toBeVisible();
});

test('search finds docs pages nobody has opened yet', async ({ page }) => {
  await signInAs(page, 'guest');
  // The backend builds every entity's docs shortly after start and reindexes.
  await page.goto('/search?query=acquirer%20failover');
  await expect(
    page
      .locator('a[href*="/docs/default/component/payment-routing-service"]')
      .first(),
  ).toBeVisible();
});

test('the catalog table reads at 1440 px: whole names, every column in view', async ({
  page,
}) => {
  await signInAs(page, 'priya.sharma');
  await page.goto('/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all');
  const table = page.getByRole('table').filter({ hasText: 'Lifecycle' });
  const name = 'customer-insights-service';
  await expect(table.getByRole('link', { name })).toBeVisible();

  // A name wraps only between its words: never more lines than words.
  const names = await table
    .locator('tbody tr td:first-child a')
    .evaluateAll(links =>
      links.map(link => {
        const lineHeight = parseFloat(getComputedStyle(link).lineHeight);
        return {
          name: link.textContent ?? '',
          lines: Math.round(link.getBoundingClientRect().height / lineHeight),
        };
      }),
    );
  expect(names.length).toBeGreaterThan(5);
  for (const { name: text, lines } of names) {
    expect({ text, lines }).toEqual({
      text,
      lines: Math.min(lines, text.split('-').length),
    });
  }
  // Every column fits: the last (Actions) is not pushed out of the card.
  const overflow = await table.evaluate(
    t => t.parentElement!.scrollWidth - t.parentElement!.clientWidth,
  );
  expect(overflow).toBe(0);
});
