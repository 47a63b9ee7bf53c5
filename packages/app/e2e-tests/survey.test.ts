import { expect, Page, test } from '@playwright/test';
import { signInAs } from './signIn';
import { BACKEND } from './backendUrl';

// Catalog users no other test signs in as. Answers persist in the local
// data directory, so each run on the same data takes the first user who has
// not answered this quarter yet (a fresh database always takes the first).
const CANDIDATES = [
  'tomasz.nowak',
  'aisha.bello',
  'diego.alvarez',
  'hannah.lee',
  'ravi.menon',
  'sofia.costa',
  'yuki.tanaka',
  'fatima.zahra',
  'johan.berg',
  'grace.oduya',
  'chen.wei',
  'olivia.martin',
  'kwame.asante',
  'elena.petrova',
  'noah.williams',
  'isabel.garcia',
  'liam.oconnor',
  'mei.lin',
  'arjun.patel',
  'nina.kowalski',
  'ben.carter',
  'zoe.dubois',
];

async function surveyOffered(page: Page, user: string): Promise<boolean> {
  const auth = await page.request.get(`${BACKEND}/api/auth/demo/refresh`, {
    headers: { 'x-portal-demo-user': user },
  });
  expect(auth.ok()).toBe(true);
  const token = (await auth.json()).backstageIdentity.token;
  const res = await page.request.get(
    `${BACKEND}/api/feedback/surveys/current`,
    {
      headers: { Authorization: `Bearer ${token}` },
    },
  );
  expect(res.ok()).toBe(true);
  return (await res.json()).offer;
}

/**
 * Reloads as a returning user (first seen in this browser on an earlier day)
 * who has already used the portal for a while.
 */
async function reloadAsRegularUser(page: Page, user: string) {
  await page.evaluate(ref => {
    window.localStorage.setItem(
      `feedback/survey-first-seen/${ref}`,
      '2000-01-01',
    );
    window.localStorage.setItem(
      `feedback/survey-active-seconds/${ref}`,
      '100000',
    );
  }, `user:default/${user}`);
  const status = page.waitForResponse(r =>
    r.url().endsWith('/api/feedback/surveys/current'),
  );
  await page.reload();
  return (await (await status).json()).offer as boolean;
}

test('the quarterly survey is answered once and then not offered again', async ({
  page,
}) => {
  await signInAs(page, 'guest');
  let user: string | undefined;
  for (const candidate of CANDIDATES) {
    if (await surveyOffered(page, candidate)) {
      user = candidate;
      break;
    }
  }
  expect(
    user,
    'every candidate answered this quarter; remove ./data',
  ).toBeTruthy();

  // Sign in as that user through the picker's free-text field.
  await page.evaluate(() => window.localStorage.clear());
  await page.goto('/');
  // The picker's only text field: "Any other catalog User".
  await page.getByRole('textbox').fill(user!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  expect(await reloadAsRegularUser(page, user!)).toBe(true);
  const prompt = page.getByRole('region', { name: 'Portal survey' });
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'Answer' }).click();

  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '9', exact: true }).click();
  await dialog.getByRole('button', { name: 'Easy', exact: true }).click();
  await dialog
    .getByLabel(/What one thing would make the portal/)
    .fill('E2E: a deploy button on the service page');
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(dialog.getByText('Thank you')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(prompt).toHaveCount(0);

  // It does not come back, even for a regular user after a reload.
  expect(await reloadAsRegularUser(page, user!)).toBe(false);
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await page.waitForTimeout(1000);
  await expect(prompt).toHaveCount(0);
});
