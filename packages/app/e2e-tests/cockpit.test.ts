import { expect, test } from '@playwright/test';
import { signInAs, tokenFor } from './signIn';
import { BACKEND } from './backendUrl';

test('a search that found nothing shows on the platform team usage page', async ({
  page,
}) => {
  // One word: the search engine splits on dashes and would match the parts.
  const term = `zzqxnosuchthing${Date.now()}`;
  await signInAs(page, 'priya.sharma');
  // The app sends its analytics in batches (every 5 s or when the page hides).
  const sent = page.waitForResponse(
    r =>
      r.url().includes('/api/portal-analytics/events') &&
      r.request().method() === 'POST' &&
      (r.request().postData() ?? '').includes(term),
    { timeout: 10_000 },
  );
  await page.goto(`/search?query=${term}`);
  expect((await sent).status()).toBe(202);

  // A developer is told the usage page is the platform team's (the
  // permission policy decides; the sidebar does not offer it).
  await page.goto('/portal-usage');
  await expect(
    page.getByText('Portal Usage is for the platform team'),
  ).toBeVisible();

  // A platform engineer finds it, narrowing the lists to the term.
  await signInAs(page, 'sam.okafor');
  await page.goto('/portal-usage');
  await page.getByLabel('Only keys containing').fill(term);
  await expect(
    page.getByRole('table', { name: 'Searches that found nothing' }),
  ).toContainText(term);
});

test('the KPI page shows each KPI with its target', async ({ page }) => {
  await signInAs(page, 'sam.okafor');
  await page.goto('/platform-kpis');
  const table = page.getByRole('table', { name: 'Platform KPIs' });
  for (const [title, target] of [
    ['Developer NPS', '≥ 50'],
    ['Self-service adoption', '≥ 80.0%'],
    ['New services on a golden path', '≥ 85.0%'],
    ['Time to first deployment', '≤ 1.0 h'],
    ['Deployment frequency', '≥ 10.0/day'],
    ['Change failure rate', '≤ 15.0%'],
    ['Time to restore', '≤ 30 min'],
    ['Platform uptime', '≥ 99.90%'],
    ['Onboarding time', '≤ 120.0 h'],
    ['Roadmap completion', '≥ 70.0%'],
  ]) {
    const row = table.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText(target);
    await expect(row).toContainText(
      /On target|Off target|No data for this period|Fewer than 5 people/,
    );
  }
  // Two people joined and shipped in the demo: too few to show a median.
  await expect(
    table.getByRole('row').filter({ hasText: 'Onboarding time' }),
  ).toContainText('Too few to show');
});

test('a backlog item given an effort and a quarter appears in that quarter of the roadmap', async ({
  page,
  request,
}) => {
  const text = `E2E roadmap ${Date.now()} flaky preview environments`;
  const token = await tokenFor(request, 'priya.sharma');
  const created = await request.post(`${BACKEND}/api/feedback/reports`, {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      entityRef: 'component:default/user-auth-service',
      category: 'docs',
      severity: 'medium',
      text,
    },
  });
  expect(created.status()).toBe(201);

  await signInAs(page, 'sam.okafor');
  await page.goto('/feedback?tab=roadmap');
  const quarter = page.getByLabel('Quarter', { exact: true });
  const target = (await quarter.locator('option').nth(1).textContent())!;
  await page.getByLabel('Backlog item').selectOption({ label: text });
  await page.getByLabel('Effort').selectOption('M');
  await quarter.selectOption(target);
  await page.getByRole('button', { name: 'Save plan' }).click();
  const column = page.getByRole('region', { name: `Quarter ${target}` });
  await expect(column).toContainText(text);
  await expect(column).toContainText('Effort M');
});
