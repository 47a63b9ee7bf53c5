import { APIRequestContext, expect, Page } from '@playwright/test';
import { BACKEND } from './backendUrl';

/** Signs in on the demo picker as `userName`. */
export async function signInAs(page: Page, userName: string) {
  await page.goto('/');
  await page.evaluate(() => window.localStorage.clear());
  await page.goto('/');
  await page
    .getByRole('list', { name: 'Demo users' })
    .getByText(userName, { exact: true })
    .click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** A demo user's Backstage token, for calling the backend directly. */
export async function tokenFor(request: APIRequestContext, user: string) {
  const res = await request.get(`${BACKEND}/api/auth/demo/refresh`, {
    headers: {
      'x-portal-demo-user': user,
      'x-requested-with': 'XMLHttpRequest',
    },
  });
  return (await res.json()).backstageIdentity.token as string;
}
