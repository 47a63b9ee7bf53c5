import { expect, Page, test } from '@playwright/test';
import { signInAs, tokenFor } from './signIn';
import { BACKEND } from './backendUrl';

/**
 * Requests to anywhere but this machine never get an answer, as on a network
 * that silently drops outbound traffic. Returns the URLs that were tried.
 */
async function dropOutboundTraffic(page: Page) {
  const tried: string[] = [];
  await page.route(
    url => !['localhost', '127.0.0.1'].includes(url.hostname),
    route => {
      tried.push(route.request().url());
      // Never fulfilled, never aborted: the request hangs.
    },
  );
  return tried;
}

const DOCS = [
  {
    entity: 'component/developer-portal',
    text: 'front door to everything engineering builds',
  },
  {
    entity: 'component/payment-routing-service',
    text: 'decides which acquirer processes each card payment',
  },
  { entity: 'component/user-auth-service', text: /authentication/i },
  { entity: 'component/transactions-ingest-pipeline', text: /ingest/i },
];

test('every docs page shows its text within seconds with no request leaving the machine', async ({
  page,
}) => {
  const outbound = await dropOutboundTraffic(page);
  await signInAs(page, 'guest');

  for (const { entity, text } of DOCS) {
    await page.goto(`/docs/default/${entity}`);
    // The reader's content is in a shadow root; getByText pierces it.
    await expect(page.getByText(text).first()).toBeVisible();
  }

  // From the entity page's tab too.
  await page.goto('/catalog/default/component/payment-routing-service');
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'TechDocs', exact: true })
    .click();
  await expect(
    page.getByText('decides which acquirer processes each card payment'),
  ).toBeVisible();

  expect(outbound).toEqual([]);
});

test('the generated docs load no asset from outside this machine', async ({
  request,
}) => {
  const token = await tokenFor(request, 'guest');
  for (const { entity } of DOCS) {
    const res = await request.get(
      `${BACKEND}/api/techdocs/static/docs/default/${entity}/index.html`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(res.ok(), entity).toBe(true);
    const html = await res.text();
    // Stylesheets, scripts, images, fonts: anything the browser fetches.
    const assets = [
      ...html.matchAll(/<(?:link|script|img|source)\b[^>]*>/gi),
    ].flatMap(([tag]) =>
      [...tag.matchAll(/\b(?:href|src)="(https?:\/\/[^"]+)"/gi)].map(m => m[1]),
    );
    expect(
      assets.filter(
        url => !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(url),
      ),
      entity,
    ).toEqual([]);
  }
});
