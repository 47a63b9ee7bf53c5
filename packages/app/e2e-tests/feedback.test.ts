import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

test('friction reported on a service moves to shipped and its reporter is told', async ({
  page,
}) => {
  const stamp = `E2E ${Date.now()}`;
  const text = `${stamp} token refresh is undocumented`;

  // A developer reports friction from the service's page.
  await signInAs(page, 'priya.sharma');
  await page.goto('/catalog/default/component/user-auth-service');
  await page
    .getByRole('main')
    .getByRole('button', { name: /report friction/i })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Category').selectOption('docs');
  await dialog.getByLabel('What is slowing you down?').fill(text);
  await dialog.getByRole('button', { name: 'Submit' }).click();
  await expect(
    page.getByText(/Received: .* you will be notified/),
  ).toBeVisible();

  // A platform engineer moves it through the backlog to shipped.
  await signInAs(page, 'sam.okafor');
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
