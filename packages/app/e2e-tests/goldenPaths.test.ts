import { APIRequestContext, expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { signInAs } from './signIn';
import { BACKEND } from './backendUrl';

// Where the portal publishes repositories (goldenPaths.publish.localDir).
const gitDir = path.resolve(__dirname, '../../../data/git');
const api = `${BACKEND}/api`;

async function tokenFor(request: APIRequestContext, user: string) {
  const res = await request.get(`${api}/auth/demo/refresh`, {
    headers: {
      'x-portal-demo-user': user,
      'x-requested-with': 'XMLHttpRequest',
    },
  });
  return (await res.json()).backstageIdentity.token as string;
}

// Components this file created: unregistered and their repositories deleted
// afterwards, so that runs do not pile up in the demo catalog.
const created: string[] = [];
test.afterAll(async ({ playwright }) => {
  const request = await playwright.request.newContext();
  // Removing a location is for the platform team.
  const headers = {
    Authorization: `Bearer ${await tokenFor(request, 'sam.okafor')}`,
  };
  for (const name of created) {
    const location = await request.get(
      `${api}/catalog/locations/by-entity/component/default/${name}`,
      { headers },
    );
    if (location.ok()) {
      const { id } = await location.json();
      await request.delete(`${api}/catalog/locations/${id}`, { headers });
    }
    fs.rmSync(path.join(gitDir, `${name}.git`), {
      recursive: true,
      force: true,
    });
    fs.rmSync(path.join(gitDir, 'checkouts', name), {
      recursive: true,
      force: true,
    });
  }
  await request.dispose();
});

test('a developer creates a Node.js API from its golden path and finds it in the catalog', async ({
  page,
}) => {
  const name = `orders-api-${Date.now().toString(36)}`;

  await signInAs(page, 'priya.sharma');
  await page
    .getByRole('navigation')
    .getByRole('link', { name: 'Golden Paths', exact: true })
    .click();
  const card = page.getByTestId('golden-path-nodejs-api');
  await expect(card.getByText(/^v\d+\.\d+\.\d+$/)).toBeVisible();
  const version = (await card
    .getByText(/^v\d+\.\d+\.\d+$/)
    .textContent())!.slice(1);
  // The demo's older services are listed as drifted from their path.
  const drift = page.getByTestId('drift-template:default/nodejs-api');
  await expect(
    drift.getByRole('row').filter({ hasText: 'payouts-service' }),
  ).toContainText(`1.2.0 → ${version}`);
  await card.getByText('Create', { exact: true }).click();

  // The owner is Priya's own team to begin with, shown by its name.
  await expect(page.getByRole('textbox', { name: 'Owner' })).toHaveValue(
    'Checkout Core',
  );

  // Each hint once: the field's own, then the template's.
  await expect(page.getByText(/^A DNS label/)).toHaveCount(1);
  await expect(page.getByText(/also its repository/)).toHaveCount(1);

  // A name that is not a DNS label gets a sentence while typing, not a regex.
  const nameField = page.getByRole('textbox', { name: 'Name' });
  await nameField.fill('Orders_API');
  await expect(
    page.getByText('Use lowercase letters only: orders_api.'),
  ).toBeVisible();
  // A taken name is refused while typing, and the form does not go on.
  await nameField.fill('payment-routing-service');
  const taken =
    'payment-routing-service is already taken by component payment-routing-service; choose another name.';
  await expect(page.getByText(taken).first()).toBeVisible();
  // Systems are offered by their titles (payment-system is "Payments").
  await page.getByRole('textbox', { name: 'System' }).fill('Payments');
  await page
    .getByRole('option', { name: /Payments/ })
    .first()
    .click();
  // The on-call is asked for; a PagerDuty address is not its id.
  const onCall = page.getByRole('textbox', {
    name: 'On-call PagerDuty service',
  });
  await onCall.fill('https://x.pagerduty.com/service-directory/PORD3R5');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(taken).first()).toBeVisible();
  await expect(
    page
      .getByText(
        'Use the PagerDuty service id: a P and six capital letters or digits (e.g. PCHB8L4).',
      )
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create' })).toHaveCount(0);
  await onCall.fill('PORD3R5');

  await nameField.fill(name);
  await expect(page.getByText(`${name} is free.`)).toBeVisible();
  await page.getByRole('button', { name: 'Review' }).click();
  // The review shows the owner and system by name, not as entity refs.
  const review = page.getByRole('table');
  await expect(review.getByRole('row', { name: /Owner/ })).toContainText(
    'Checkout Core',
  );
  await expect(review.getByRole('row', { name: /System/ })).toContainText(
    'Payments',
  );
  await expect(
    review.getByRole('row', { name: /On-call PagerDuty service/ }),
  ).toContainText('PORD3R5');
  await expect(review).not.toContainText('group:default');
  await expect(review).not.toContainText('system:default');
  await page.screenshot({
    path: 'e2e-test-report/screenshots/golden-path-review.png',
  });
  created.push(name);
  await page.getByRole('button', { name: 'Create' }).click();

  // The steps run and finish (a few seconds: check, generate, publish,
  // register); the new component opens from the task page.
  await expect(page.getByText('Check name, owner and system')).toBeVisible();
  const open = page.getByRole('link', { name: 'Open in catalog' });
  await expect(open).toBeVisible({ timeout: 15_000 });
  // The repository on this machine: a path and a command to copy.
  await expect(
    page.getByText(`git clone ${path.join(gitDir, `${name}.git`)}`),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e-test-report/screenshots/golden-path-created.png',
  });
  await open.click();

  await expect(page.getByRole('heading', { name })).toBeVisible();
  const about = page.getByRole('main');
  // The owner, shown by its display name (checkout-core-team is "Checkout Core").
  await expect(
    about.getByRole('link', { name: 'Checkout Core', exact: true }).first(),
  ).toBeVisible();
  await expect(
    about.getByText(new RegExp(`version ${version.replace(/\./g, '\\.')}`)),
  ).toBeVisible();
  await expect(
    about.getByText('Up to date with its golden path.'),
  ).toBeVisible();

  // Its docs, generated by the template, show within seconds.
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'TechDocs', exact: true })
    .click();
  await expect(page.getByText('Local run:').first()).toBeVisible();

  // It starts at the level its path promises: on-call and its API in place.
  await page.goto(`/catalog/default/component/${name}/scorecards`);
  const main = page.getByRole('main');
  await main.getByRole('button', { name: /Re-check/ }).click();
  for (const check of ['on-call', 'api-definition', 'techdocs']) {
    await expect(
      main
        .getByTestId(`check-production-readiness-${check}`)
        .getByRole('img', { name: 'Passed' }),
    ).toBeVisible();
  }
  await expect(
    main.getByTestId('check-production-readiness-on-call'),
  ).toContainText('PORD3R5');

  // A service created from an older version shows what changed since.
  await page.goto('/catalog/default/component/payouts-service');
  await expect(page.getByText(`Behind: 1.2.0 → ${version}.`)).toBeVisible();
});

test('bad input is refused and a failing step leaves nothing registered', async ({
  request,
}) => {
  const headers = {
    Authorization: `Bearer ${await tokenFor(request, 'priya.sharma')}`,
  };
  const create = (values: Record<string, string>) =>
    request.post(`${api}/scaffolder/v2/tasks`, {
      headers,
      data: { templateRef: 'template:default/nodejs-api', values },
    });
  const finished = async (id: string) => {
    await expect
      .poll(
        async () =>
          (
            await (
              await request.get(`${api}/scaffolder/v2/tasks/${id}`, {
                headers,
              })
            ).json()
          ).status,
        { timeout: 15_000 },
      )
      .toMatch(/^(completed|failed)$/);
    const task = await (
      await request.get(`${api}/scaffolder/v2/tasks/${id}`, { headers })
    ).json();
    const events = await (
      await request.get(`${api}/scaffolder/v2/tasks/${id}/events`, {
        headers,
      })
    ).json();
    return {
      status: task.status as string,
      log: (events as Array<{ body: { message?: string; stepId?: string } }>)
        .map(e => `${e.body.stepId ?? '-'}: ${e.body.message ?? ''}`)
        .join('\n'),
    };
  };
  const inCatalog = async (name: string) =>
    (
      await request.get(
        `${api}/catalog/entities/by-name/component/default/${name}`,
        { headers },
      )
    ).status();
  // priya.sharma's own team.
  const base = {
    owner: 'group:default/checkout-core-team',
    system: 'system:default/payment-system',
    description: 'Bad input',
    pagerdutyServiceId: 'PBAD1N9',
  };

  // Not a DNS label: the scaffolder refuses the form values outright.
  const invalid = await create({ ...base, name: 'Orders_API' });
  expect(invalid.status()).toBe(400);
  expect(JSON.stringify(await invalid.json())).toMatch(
    /does not match pattern/,
  );

  // Unknown owner: the first step stops the run before anything is published.
  const ghost = `ghost-owned-${Date.now().toString(36)}`;
  const unknownOwner = await create({
    ...base,
    name: ghost,
    owner: 'group:default/ghost-team',
  });
  expect(unknownOwner.status()).toBe(201);
  const ghostRun = await finished((await unknownOwner.json()).id);
  expect(ghostRun.status).toBe('failed');
  expect(ghostRun.log).toMatch(
    /^validate: .*Unknown owner 'group:default\/ghost-team': no such Group in the catalog/m,
  );
  expect(ghostRun.log).toContain(
    'publish: Skipping step publish because a previous step failed',
  );
  expect(fs.existsSync(path.join(gitDir, `${ghost}.git`))).toBe(false);
  expect(await inCatalog(ghost)).toBe(404);

  // Another team: refused by the first step, nothing published.
  const foreign = `foreign-owned-${Date.now().toString(36)}`;
  const otherTeam = await create({
    ...base,
    name: foreign,
    owner: 'group:default/payouts-team',
  });
  expect(otherTeam.status()).toBe(201);
  const foreignRun = await finished((await otherTeam.json()).id);
  expect(foreignRun.status).toBe('failed');
  expect(foreignRun.log).toMatch(
    /^validate: .*may not create anything owned by group:default\/payouts-team/m,
  );
  expect(fs.existsSync(path.join(gitDir, `${foreign}.git`))).toBe(false);
  expect(await inCatalog(foreign)).toBe(404);

  // A failing step (the repository name is taken) leaves no entity behind.
  const taken = `taken-repo-${Date.now().toString(36)}`;
  fs.mkdirSync(path.join(gitDir, `${taken}.git`), { recursive: true });
  try {
    const res = await create({ ...base, name: taken });
    expect(res.status()).toBe(201);
    const run = await finished((await res.json()).id);
    expect(run.status).toBe('failed');
    expect(run.log).toContain(`Repository ${taken} already exists`);
    expect(run.log).toContain(
      'register: Skipping step register because a previous step failed',
    );
    expect(await inCatalog(taken)).toBe(404);
    const locations = await (
      await request.get(`${api}/catalog/locations`, { headers })
    ).json();
    expect(JSON.stringify(locations)).not.toContain(taken);
  } finally {
    fs.rmSync(path.join(gitDir, `${taken}.git`), {
      recursive: true,
      force: true,
    });
  }
});
