import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';
import { BACKEND } from './backendUrl';

/** The demo CI token for scorecard facts (app-config.demo.yaml). */
const CI_TOKEN = 'demo-only-scorecards-ci-token-0123456789';
const SERVICE = 'component:default/checkout-gateway';

test('a developer raises a service to Silver, then the platform team runs a campaign', async ({
  page,
}) => {
  const postFacts = async (facts: object) => {
    const res = await page.request.post(`${BACKEND}/api/scorecards/facts`, {
      headers: { Authorization: `Bearer ${CI_TOKEN}` },
      data: { entityRef: SERVICE, ...facts },
    });
    expect(res.status()).toBe(202);
  };

  // CI reports a coverage below the bar: the service is below Silver.
  await signInAs(page, 'priya.sharma');
  await postFacts({
    measuredAt: new Date().toISOString(),
    testCoverage: 55,
    vulnerabilities: [],
  });
  await page.goto('/catalog/default/component/checkout-gateway/scorecards');
  const main = page.getByRole('main');
  const recheck = main.getByRole('button', { name: /Re-check/ });
  await recheck.click();
  const level = main.getByTestId('level-production-readiness');
  await expect(level).toHaveText('Bronze');

  // The developer reads the next step, with the fact and its date.
  await expect(
    main.getByText('Next step to Silver: Test coverage of at least 80%'),
  ).toBeVisible();
  await expect(
    main.getByText(/Raise test coverage to 80%/).first(),
  ).toBeVisible();
  await expect(main.getByText('coverage 55% (needs 80%)')).toBeVisible();

  // Fixes it: CI posts the new coverage; a re-check shows Silver.
  await postFacts({
    measuredAt: new Date(Date.now() + 1000).toISOString(),
    testCoverage: 92,
  });
  await recheck.click();
  await expect(level).toHaveText('Silver');
  await expect(main.getByText('coverage 92% (needs 80%)')).toBeVisible();

  // The overview's level card says so too.
  await page.goto('/catalog/default/component/checkout-gateway');
  const card = page
    .getByRole('main')
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Production readiness' })
    .first();
  await expect(card.getByText('Silver').first()).toBeVisible();

  // The platform team starts a campaign and sees its progress.
  await signInAs(page, 'sam.okafor');
  await page.goto('/scorecards');
  await expect(page.getByText('Levels per team')).toBeVisible();
  // Teams by name (checkout-core-team is "Checkout Core"), not by ref.
  await expect(page.getByText('Checkout Core').first()).toBeVisible();
  await expect(page.getByText('checkout-core-team')).toHaveCount(0);
  const title = `Tier-1 at Silver ${Date.now()}`;
  const form = page.getByRole('form', { name: 'Start a campaign' });
  await form.getByLabel('Campaign title').fill(title);
  await form.getByLabel('Deadline').fill('2027-03-31');
  await form.getByLabel(/Services tagged/).fill('tier-1');
  await form.getByRole('button', { name: 'Start campaign' }).click();
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByTestId('campaign-progress')).toHaveText(
    /\d+ of \d+ services at Silver or above on production-readiness; deadline 2027-03-31/,
  );
  await expect(
    page
      .getByRole('table', { name: 'Services in scope' })
      .getByText('checkout-gateway'),
  ).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Services in scope' })
      .getByText('Checkout Core')
      .first(),
  ).toBeVisible();
  await expect(page.getByText('Burn-up')).toBeVisible();
});
