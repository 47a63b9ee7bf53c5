import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

test('friction reported on a service moves to shipped and its reporter is told', async ({
  page,
}) => {
  const stamp = `E2E ${Date.now()}`;
  const text = `${stamp} token refresh is undocumented`;

  // A developer reports friction from the service's card; the dialog has
  // the service filled in, by name.
  await signInAs(page, 'priya.sharma');
  await page.goto('/catalog/default/component/user-auth-service');
  const main = page.getByRole('main');
  const count = main.getByText(/open reports? on user-auth-service/);
  await expect(count).toBeVisible();
  const before = Number((await count.textContent())!.match(/\d+/)![0]);
  await main.getByRole('button', { name: /report friction/i }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('textbox', { name: 'Entity' })).toHaveValue(
    'user-auth-service',
  );
  await dialog.getByLabel('Category').selectOption('docs');
  await dialog.getByLabel('What is slowing you down?').fill(text);
  await dialog.getByRole('button', { name: 'Submit' }).click();
  await expect(
    page.getByText(/Received: .* you will be notified/),
  ).toBeVisible();
  // The card counts the new report without a reload.
  await expect(count).toHaveText(
    new RegExp(`^${before + 1} open reports? on user-auth-service$`),
  );

  // From the service's Feedback tab, the dialog has it filled in too.
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Feedback', exact: true })
    .click();
  await page
    .getByRole('main')
    .getByRole('button', { name: /report friction/i })
    .click();
  await expect(
    page.getByRole('dialog').getByRole('textbox', { name: 'Entity' }),
  ).toHaveValue('user-auth-service');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Cancel' })
    .click();

  // A platform engineer moves it through the backlog to shipped.
  // The platform team was told about the new report.
  await signInAs(page, 'sam.okafor');
  await page.goto('/notifications');
  await expect(
    page.getByText(/New friction report on user-auth-service: docs/).first(),
  ).toBeVisible();
  await page.goto('/feedback');
  await page.getByRole('link', { name: new RegExp(stamp) }).click();
  for (const [status, note] of [
    ['triaged', 'Confirmed, affects every client'],
    ['shipped', 'Documented the refresh flow in the runbook'],
  ]) {
    await page.getByLabel('Next status').selectOption(status);
    await page.getByLabel('Note').fill(note);
    await page.getByRole('button', { name: 'Move report' }).click();
    // In the history table once the move is saved (the note field holds the
    // same text until then).
    await expect(page.getByRole('cell', { name: note })).toBeVisible();
  }

  // The reporter is notified and sees it in "What shipped".
  await signInAs(page, 'priya.sharma');
  await page.goto('/notifications');
  await expect(
    page.getByText('Your feedback on user-auth-service is now shipped').first(),
  ).toBeVisible();
  await page.goto('/feedback');
  await page.getByRole('tab', { name: 'What shipped' }).click();
  await expect(page.getByText(new RegExp(stamp)).first()).toBeVisible();
});
