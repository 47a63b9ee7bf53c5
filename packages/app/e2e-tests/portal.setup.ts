import { expect, test as setup } from '@playwright/test';
import { tokenFor } from './signIn';
import { BACKEND } from './backendUrl';

/**
 * Runs once before the tests: after a fresh start the backend comes up and
 * then builds its search index (catalog and docs) in the background, 11-14 s
 * from a cold start here. The tests start once both are done, so each of
 * them waits only as long as a person would.
 */
setup(
  'the portal is up and its search index holds the demo catalog and docs',
  async ({ request }) => {
    setup.setTimeout(90_000);
    const poll = { timeout: 20_000, intervals: [1_000] };
    await expect
      .poll(
        async () =>
          (
            await request
              .get(`${BACKEND}/.backstage/health/v1/readiness`)
              .catch(() => undefined)
          )?.ok(),
        poll,
      )
      .toBe(true);
    // Signing in works once the catalog has ingested the demo users.
    const finds = async (term: string, location: string) => {
      const token = await tokenFor(request, 'guest').catch(() => undefined);
      if (!token) return false;
      const res = await request.get(
        `${BACKEND}/api/search/query?term=${encodeURIComponent(term)}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (!res.ok()) return false;
      const { results } = (await res.json()) as {
        results: Array<{ document: { location: string } }>;
      };
      return results.some(r => r.document.location.includes(location));
    };
    await expect
      .poll(
        () =>
          finds(
            'payment-routing-service',
            '/catalog/default/component/payment-routing-service',
          ),
        poll,
      )
      .toBe(true);
    await expect
      .poll(
        () =>
          finds(
            'acquirer failover',
            '/docs/default/component/payment-routing-service',
          ),
        poll,
      )
      .toBe(true);
  },
);
