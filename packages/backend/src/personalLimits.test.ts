import { PortalBackend } from './testing/portalBackend';
import { setupTestBackend } from './testing/testDatabase';

/**
 * Personal figures and cheap refusals through the real portal backend (the
 * demo config) on SQLite and PostgreSQL, as an insider would try them: one
 * developer flooding the usage API, an unsigned webhook with a huge body,
 * an oversized report, and the platform team reading figures about people.
 */

jest.setTimeout(120_000);

describe.each([
  ['SQLite', 7341],
  ['PostgreSQL', 7342],
] as const)('the portal backend on %s', (dbKind, port) => {
  let backend: PortalBackend;

  setupTestBackend(dbKind, 'portal_limits', db => {
    backend = new PortalBackend({ port, database: db.config });
    return {
      backend,
      // Sign-in needs the demo Users in the catalog.
      ready: async () => {
        const res = await fetch(`${backend.baseUrl}/api/auth/demo/refresh`, {
          headers: { 'x-portal-demo-user': 'priya.sharma' },
        });
        return res.ok;
      },
    };
  });

  it("limits one developer's usage events with 429 and Retry-After", async () => {
    const token = await backend.tokenFor('priya.sharma');
    const send = (bearer: string) =>
      fetch(`${backend.baseUrl}/api/portal-analytics/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${bearer}`,
        },
        body: JSON.stringify({
          events: [
            {
              action: 'navigate',
              subject: '/catalog',
              timestamp: new Date().toISOString(),
            },
          ],
        }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await send(token)).status);
    expect(statuses.slice(0, 30)).toEqual(new Array(30).fill(202));
    const refused = await send(token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).error.message).toMatch(
      /^Too many requests to portal-analytics/,
    );
    expect((await send(await backend.tokenFor('sam.okafor'))).status).toBe(202);

    // Two people were active: no team has 5, none is shown.
    const summary = await backend.request(
      'sam.okafor',
      '/api/portal-analytics/usage/summary?days=7',
    );
    expect(summary.status).toBe(200);
    const body = await summary.json();
    expect(body.activeUsers).toBe(2);
    expect(body.teams).toEqual([]);
    expect(body.teamsTooFewToShow).toBeGreaterThanOrEqual(2);
  });

  it('refuses an unsigned or malformed-signature webhook before reading a huge body', async () => {
    const huge = JSON.stringify({ zen: 'x'.repeat(6 * 1024 * 1024) });
    for (const headers of [
      {},
      { 'x-hub-signature-256': 'sha256=not-hex' },
    ] as Record<string, string>[]) {
      const res = await fetch(
        `${backend.baseUrl}/api/platform-metrics/webhooks/github`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: huge,
        },
      );
      expect(res.status).toBe(401);
    }
  });

  it('answers an oversized report 413 naming the limit', async () => {
    const res = await backend.request('priya.sharma', '/api/feedback/reports', {
      method: 'POST',
      body: JSON.stringify({ text: 'x'.repeat(100 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toBe(
      'Request body too large: at most 65536 bytes',
    );
  });

  it('withholds the onboarding median below 5 people', async () => {
    for (const window of [7, 30, 90]) {
      const res = await backend.request(
        'priya.sharma',
        `/api/platform-metrics/onboarding?window=${window}`,
      );
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.tooFewToShow).toBe(body.sampleSize < 5);
      expect(body.tooFewToShow && body.medianHours !== null).toBe(false);
    }
  });
});
