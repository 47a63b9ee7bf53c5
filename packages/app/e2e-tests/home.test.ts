import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

const LEVEL = /(Bronze|Silver|Gold|No level) on Production readiness/;

test('a developer sees her services with their health and what to do next', async ({
  page,
}) => {
  await signInAs(page, 'priya.sharma');
  await page.goto('/');

  // Her team's services, each with its level (and DORA band when it ships).
  const services = page.getByRole('list', { name: "Your team's services" });
  const payment = services
    .getByRole('listitem')
    .filter({ hasText: 'payment-routing-service' });
  await expect(payment).toContainText(LEVEL, { timeout: 10_000 });

  // A to-do: a check one of her services fails, with its next step.
  const todos = page.getByTestId('home-card-MyToDos');
  await expect(
    todos
      .getByRole('list', { name: 'Checks to fix' })
      .getByText(/^Next step: /)
      .first(),
  ).toBeVisible({ timeout: 10_000 });
});

test('searching "payment" lists payment-routing-service first, with its kind', async ({
  page,
}) => {
  await signInAs(page, 'priya.sharma');
  await page.goto('/search?query=payment');
  const first = page
    .getByRole('listitem')
    .filter({
      has: page.locator(
        'a[href^="/catalog/default/"], a[href^="/docs/default/"]',
      ),
    })
    .first();
  await expect(first).toContainText('payment-routing-service', {
    timeout: 10_000,
  });
  await expect(first).toContainText(/Kind: component/i);
});

test('the catalog list shows each service owner by title and its level', async ({
  page,
}) => {
  await signInAs(page, 'priya.sharma');
  await page.goto('/catalog');
  const table = page;
  for (const column of ['Owner', 'Level', 'DORA', 'On-call', 'Last deploy']) {
    await expect(
      table.getByRole('columnheader').filter({ hasText: column }).first(),
    ).toBeVisible();
  }
  const row = table
    .getByRole('row')
    .filter({ hasText: 'payment-routing-service' });
  await expect(row).toContainText('Checkout Core');
  await expect(row).toContainText(/Bronze|Silver|Gold|None/);
  await expect(row).toContainText('PagerDuty');
});
