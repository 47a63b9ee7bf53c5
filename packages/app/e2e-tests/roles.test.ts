import { expect as baseExpect, Page, test } from '@playwright/test';
import { signInAs, tokenFor } from './signIn';
import { BACKEND } from './backendUrl';

/**
 * Every role's first minutes: a developer meets no error they did not
 * cause and no control they may not use; the platform team sees its own
 * pages and forms; history and filters speak in names.
 */

// A page's data arrives in a few seconds, as a person waits for it.
const expect = baseExpect.configure({ timeout: 10_000 });

/** What a person must never read: HTTP statuses and raw error names. */
const ERRORS = /\b(401|403|404|500)\b|Request failed|Forbidden|NotAllowedError/;
const SERVICE = '/catalog/default/component/payment-routing-service';

/** Waits for the page to settle, then checks that no error text shows. */
async function expectNoError(page: Page, where: string) {
  await expect(
    page.getByTestId('sidebar-root').getByRole('link', { name: 'Catalog' }),
    where,
  ).toBeVisible();
  await expect(page.getByRole('progressbar'), where).toHaveCount(0);
  await expect(page.locator('body'), where).not.toContainText(ERRORS);
}

const sidebarLinks = (page: Page) =>
  page
    .getByRole('navigation')
    .first()
    .locator('a[href^="/"]')
    .evaluateAll(links => [
      ...new Set(links.map(a => a.getAttribute('href')!)),
    ]);

test('a developer meets no error and no platform-only control on any sidebar page or service tab', async ({
  page,
}) => {
  // About twenty pages and tabs, each waited for.
  test.setTimeout(240_000);
  await signInAs(page, 'priya.sharma');
  const nav = page.getByRole('navigation').first();
  await expect(nav.getByRole('link', { name: 'Backlog' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Portal Usage' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Unprocessed' })).toHaveCount(0);

  const pages = await sidebarLinks(page);
  expect(pages.length).toBeGreaterThan(8);
  for (const href of pages) {
    await page.goto(href);
    await expectNoError(page, href);
  }

  // The service's tabs, each one.
  await page.goto(SERVICE);
  const tabs = page.getByRole('navigation', { name: 'Content navigation' });
  await expect(tabs.getByRole('link').first()).toBeVisible();
  const tabHrefs = await tabs
    .locator('a[href]')
    .evaluateAll(links => links.map(a => a.getAttribute('href')!));
  expect(tabHrefs.length).toBeGreaterThan(2);
  for (const href of tabHrefs) {
    await page.goto(href);
    await expectNoError(page, href);
  }

  // Scorecards: the campaign form is the platform team's.
  await page.goto('/scorecards');
  await expect(page.getByText('Campaigns').first()).toBeVisible();
  await expect(
    page.getByRole('form', { name: 'Start a campaign' }),
  ).toHaveCount(0);

  // A team's page has no TechDocs tab to lecture about a missing annotation.
  await page.goto('/catalog/default/group/platform-team');
  await expect(tabs.getByRole('link').first()).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'TechDocs' })).toHaveCount(0);
  await expect(page.getByText('Missing annotation')).toHaveCount(0);
});

/** The platform team's pages a developer may still reach by address. */
const PLATFORM_PAGES = [
  { path: '/create/edit', title: 'Template Editor' },
  { path: '/create/edit/template-form', title: 'Template Editor' },
  { path: '/catalog-unprocessed-entities', title: 'Unprocessed Entities' },
];

test("a developer who opens the platform team's pages by address is told, in words, they are the platform team's", async ({
  page,
}) => {
  await signInAs(page, 'priya.sharma');

  // The Create page offers her no Template Editor tab; her own runs are hers.
  await page.goto('/create/tasks');
  await expect(page.getByText('Tasks', { exact: true }).first()).toBeVisible();
  await expect(
    page.getByText('Templates', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByText('Template Editor')).toHaveCount(0);
  await expectNoError(page, '/create/tasks');

  for (const { path, title } of PLATFORM_PAGES) {
    await page.goto(path);
    await expect(
      page.getByText(`${title} is for the platform team`),
      path,
    ).toBeVisible();
    await expectNoError(page, path);
  }
});

test('the platform team sees its own pages and forms', async ({ page }) => {
  await signInAs(page, 'sam.okafor');
  const nav = page.getByRole('navigation').first();
  await expect(nav.getByRole('link', { name: 'Portal Usage' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Unprocessed' })).toBeVisible();
  await page.goto('/scorecards');
  await expect(
    page.getByRole('form', { name: 'Start a campaign' }),
  ).toBeVisible();

  // The pages a developer is told are theirs, as they are.
  await page.goto('/create/templates');
  await page.getByText('Template Editor', { exact: true }).first().click();
  await expect(page).toHaveURL(/\/create\/edit$/);
  await expect(page.getByText(/for the platform team/)).toHaveCount(0);
  await expect(
    page.getByText('Get started by choosing one of the options below'),
  ).toBeVisible();
  await page.goto('/catalog-unprocessed-entities');
  await expect(page.getByText('Failed', { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/for the platform team/)).toHaveCount(0);
});

test('pickers, search results and team cards speak in titles', async ({
  page,
}) => {
  await signInAs(page, 'priya.sharma');

  // A service passed to a self-service form shows by its title (a
  // component without one by its name), not by its ref.
  const component = encodeURIComponent(
    JSON.stringify({ component: 'component:default/checkout-gateway' }),
  );
  await page.goto(
    `/create/templates/default/postgresql-database?formData=${component}`,
  );
  const service = page.getByRole('textbox', { name: /Service/ });
  await expect(service).toHaveValue('checkout-gateway');
  // A system too: payment-system is "Payments".
  const system = encodeURIComponent(
    JSON.stringify({ system: 'system:default/payment-system' }),
  );
  await page.goto(`/create/templates/default/nodejs-api?formData=${system}`);
  await expect(page.getByRole('textbox', { name: /System/ })).toHaveValue(
    'Payments',
  );

  // Search results name their owner by title.
  await page.goto('/search?query=checkout-gateway');
  await expect(page.getByText('Owner: Checkout Core').first()).toBeVisible();
  await expect(page.getByText(/Owner: [a-z-]+-team\b/)).toHaveCount(0);

  // A team's About card: the team it is part of by title, no refs.
  await page.goto('/catalog/default/group/checkout-core-team');
  const about = page.getByRole('article').filter({
    has: page.getByRole('heading', {
      name: 'Checkout Core',
      exact: true,
      level: 3,
    }),
  });
  await expect(about.getByText('Part of', { exact: true })).toBeVisible();
  await expect(about.getByRole('link', { name: 'Payments' })).toHaveAttribute(
    'href',
    '/catalog/default/group/payments-department',
  );
  await expect(about).not.toContainText('group:default/');
  await expect(about).not.toContainText('N/A');
});

test("an anonymous report's history shows the platform engineer's move as theirs, and the backlog filters by title", async ({
  page,
  request,
}) => {
  const text = `E2E roles ${Date.now()} the sandbox resets every night\nSecond line with details`;
  const reporter = await tokenFor(request, 'priya.sharma');
  const created = await request.post(`${BACKEND}/api/feedback/reports`, {
    headers: { Authorization: `Bearer ${reporter}` },
    data: {
      entityRef: 'component:default/user-auth-service',
      category: 'tooling',
      severity: 'medium',
      text,
      anonymous: true,
    },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).id as string;
  const platform = await tokenFor(request, 'sam.okafor');
  const moved = await request.post(
    `${BACKEND}/api/feedback/reports/${id}/status`,
    {
      headers: { Authorization: `Bearer ${platform}` },
      data: { status: 'triaged', note: 'Looking into the sandbox' },
    },
  );
  expect(moved.status()).toBe(200);

  // The reporter reads the history: the move is Sam's, by name.
  await signInAs(page, 'priya.sharma');
  await page.goto(`/feedback/${id}`);
  const title = text.split('\n')[0];
  await expect(page.getByText(title, { exact: true }).first()).toBeVisible();
  const row = page
    .getByRole('row')
    .filter({ hasText: 'Looking into the sandbox' });
  await expect(row.getByRole('link', { name: 'Sam Okafor' })).toBeVisible();
  await expect(row).not.toContainText('The reporter');
  await expect(page.locator('body')).not.toContainText(ERRORS);

  // The backlog's filters are pickers of titles, not fields for refs.
  await page.goto('/feedback');
  const owner = page.getByRole('textbox', { name: 'Owning team' });
  await owner.click();
  await owner.fill('Identity');
  await page.getByRole('option', { name: 'Identity & Access' }).click();
  await expect(owner).toHaveValue('Identity & Access');
  await expect(page).toHaveURL(
    /ownerRef=group%3Adefault%2Fidentity-and-access-team/,
  );
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expect(page.getByText('group:default/')).toHaveCount(0);
});
