import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signInAs, tokenFor } from './signIn';
import { BACKEND } from './backendUrl';

// Where the portal publishes (goldenPaths.publish.localDir): the claims go
// to the platform-gitops repository there.
const gitops = path.resolve(__dirname, '../../../data/git/platform-gitops.git');
const api = `${BACKEND}/api`;

// priya.sharma is in checkout-core-team, which owns these three services.
const HER_SERVICES = [
  'card-tokenization-service',
  'checkout-gateway',
  'payment-routing-service',
];
const service = 'checkout-gateway';
const environment = 'development';
const database = `${service}-${environment}-postgres`;

/** Removes what the run created: its Resource and its claim folder. */
async function removeDatabase(
  request: import('@playwright/test').APIRequestContext,
) {
  const headers = {
    Authorization: `Bearer ${await tokenFor(request, 'sam.okafor')}`,
  };
  const location = await request.get(
    `${api}/catalog/locations/by-entity/resource/default/${database}`,
    { headers },
  );
  if (location.ok()) {
    const { id } = await location.json();
    await request.delete(`${api}/catalog/locations/${id}`, { headers });
  }
  if (!fs.existsSync(gitops)) return;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-'));
  try {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', work, ...args], { stdio: 'pipe' });
    execFileSync('git', ['clone', '-q', gitops, work], { stdio: 'pipe' });
    const folder = `claims/${environment}/${database}`;
    if (!fs.existsSync(path.join(work, folder))) return;
    git('rm', '-rq', folder);
    git(
      '-c',
      'user.name=e2e',
      '-c',
      'user.email=e2e@fintech-fast.example',
      'commit',
      '-qm',
      `Remove ${folder} (end-to-end test)`,
    );
    git('push', '-q', 'origin', 'HEAD');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext();
  await removeDatabase(request);
  await request.dispose();
});
test.afterAll(async ({ playwright }) => {
  const request = await playwright.request.newContext();
  await removeDatabase(request);
  await request.dispose();
});

test('a developer orders a database for her service from its page and learns how to connect', async ({
  page,
}) => {
  // Two pages, a form of two steps and a run of four steps.
  test.setTimeout(120_000);
  await signInAs(page, 'priya.sharma');
  await page.goto(`/catalog/default/component/${service}`);

  // The service's dependencies card offers her team a database.
  await page.getByText('Order a database', { exact: true }).click();

  // The form asks for the service first, picked already from its page.
  await expect(
    page.getByText('For which service?', { exact: true }).first(),
  ).toBeVisible({ timeout: 15_000 });
  const picker = page.getByRole('textbox', { name: /Service/ });
  // Picked already, and shown by its title (a component without a title is
  // called by its name), not by its ref.
  await expect(picker).toHaveValue(service, { timeout: 10_000 });
  // The derived name shows as she picks.
  const name = page.getByRole('textbox', { name: 'Database name' });
  await expect(name).toHaveValue(database);

  // Only her team's services are offered.
  await picker.click();
  await picker.fill('');
  const options = page.getByRole('option');
  await expect(options.first()).toBeVisible();
  expect((await options.allTextContents()).map(t => t.trim()).sort()).toEqual(
    HER_SERVICES,
  );
  await page.getByRole('option', { name: service, exact: true }).click();
  await expect(name).toHaveValue(database);
  await page.getByRole('button', { name: 'Next' }).click();

  // Every size says what it costs a month.
  await page.getByRole('button', { name: /Size/ }).click();
  for (const cost of ['$55 a month', '$270 a month', '$570 a month']) {
    await expect(
      page.getByRole('option', { name: new RegExp(cost.replace('$', '\\$')) }),
    ).toBeVisible();
  }
  await page.getByRole('option', { name: /^Small/ }).click();
  await page.screenshot({
    path: 'e2e-test-report/screenshots/self-service-database-form.png',
  });
  await page.getByRole('button', { name: 'Review' }).click();
  const review = page.getByRole('table');
  await expect(
    review.getByRole('row', { name: /Database name/ }),
  ).toContainText(database);
  await page.getByRole('button', { name: 'Create' }).click();

  // After the run: where the request stands and the secret's name to use.
  await expect(page.getByText('Requested.', { exact: false })).toBeVisible({
    timeout: 15_000,
  });
  await page.getByRole('button', { name: 'How to connect' }).click();
  await expect(page.getByText(`${database}-connection`).first()).toBeVisible();
  await expect(page.getByText(/password/).first()).toBeVisible();
  await page.screenshot({
    path: 'e2e-test-report/screenshots/self-service-database-created.png',
  });

  // The database is now among the service's dependencies.
  await page
    .getByRole('link', { name: 'Open the database in the catalog' })
    .click();
  await expect(page.getByRole('heading', { name: database })).toBeVisible();
});
