import { expect, Page, test } from '@playwright/test';
import fs from 'node:fs';
import { signInAs } from './signIn';

const FOUR_KEYS = [
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'timeToRestore',
];

/** The values of one column of the teams table, top to bottom. */
async function column(page: Page, key: string) {
  return page
    .getByRole('table', { name: 'Teams' })
    .locator(`tbody [data-column="${key}"]`)
    .evaluateAll(cells =>
      cells.map(cell => cell.getAttribute('data-value') ?? ''),
    );
}

const teamTitles = (page: Page) =>
  page
    .getByRole('table', { name: 'Teams' })
    .locator('tbody [data-column="title"]')
    .allInnerTexts();

/** Teams without a value sort last in either direction. */
function isSorted(values: string[], direction: 'asc' | 'desc') {
  const present = values.filter(v => v !== '').map(Number);
  const firstMissing = values.indexOf('');
  if (firstMissing >= 0 && values.slice(firstMissing).some(v => v !== '')) {
    return false;
  }
  return present.every(
    (v, i) =>
      i === 0 ||
      (direction === 'asc' ? present[i - 1] <= v : present[i - 1] >= v),
  );
}

test('DORA of a service, then the teams sorted by lead time and exported as CSV', async ({
  page,
}) => {
  await signInAs(page, 'sam.okafor');

  // A service's DORA tab: four tiles, each with a band from the demo history.
  await page.goto('/catalog/default/component/payment-routing-service');
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'DORA', exact: true })
    .click();
  await expect(page).toHaveURL(/payment-routing-service\/dora/);
  for (const key of FOUR_KEYS) {
    const tile = page.getByTestId(`metric-tile-${key}`);
    await expect(tile).toBeVisible();
    await expect(tile.getByTestId('metric-value')).not.toHaveText(
      'No data for this period',
    );
    await expect(tile.locator('[data-band]')).toHaveAttribute(
      'data-band',
      /^(elite|high|medium|low)$/,
    );
  }
  // The events behind a number are one click away.
  await page
    .getByRole('button', { name: /Deployment frequency: .* show events/ })
    .click();
  const events = page.getByRole('region', { name: 'Events' });
  await expect(
    events.getByRole('table', { name: 'deployment events' }),
  ).toBeVisible();
  await events.getByRole('button', { name: 'Close' }).click();

  // The Platform Metrics page, from the sidebar.
  await page.getByRole('link', { name: 'Platform Metrics' }).click();
  await expect(page).toHaveURL(/\/platform-metrics/);
  const teams = page.getByRole('table', { name: 'Teams' });
  await expect(teams.locator('tbody tr').nth(1)).toBeVisible();
  const byTitle = await teamTitles(page);

  await teams.getByRole('button', { name: 'Lead time' }).click();
  await expect(
    teams.getByRole('columnheader', { name: 'Lead time' }),
  ).toHaveAttribute('aria-sort', 'ascending');
  const ascending = await column(page, 'leadTime');
  expect(isSorted(ascending, 'asc')).toBe(true);
  const ascendingTitles = await teamTitles(page);
  expect(ascendingTitles).not.toEqual(byTitle);

  await teams.getByRole('button', { name: 'Lead time' }).click();
  await expect(
    teams.getByRole('columnheader', { name: 'Lead time' }),
  ).toHaveAttribute('aria-sort', 'descending');
  expect(isSorted(await column(page, 'leadTime'), 'desc')).toBe(true);
  const shown = await teamTitles(page);

  // The CSV holds the table as shown, in its order.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^platform-metrics-teams-30d-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const lines = csv.split(/\r\n/).filter(Boolean);
  expect(lines[0]).toBe(
    'Team,Entity ref,Services,Golden-path share (%),Deployment frequency (deploys/day),Lead time (hours),Change failure rate (%),Time to restore (hours),Band,Deployments,Changes,Incidents',
  );
  expect(lines).toHaveLength(shown.length + 1);
  expect(
    lines.slice(1).map(line => line.split(',')[0].replace(/^"|"$/g, '')),
  ).toEqual(shown);
});
