import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { PortalBackend, waitUntil } from './testing/portalBackend';
import { setupTestBackend } from './testing/testDatabase';

/**
 * Numbers come from who may send them, in the real backend (demo config) on
 * SQLite and PostgreSQL, as an insider would try: a CI token of another
 * service, a developer registering a component that claims another team or
 * a golden-path origin, a browser claiming template runs.
 */

jest.setTimeout(180_000);

// The demo's static tokens (app-config.demo.yaml); every demo component
// names both in fintech-fast.example/ci-sources.
const EVENTS_TOKEN = 'demo-only-ci-token-0123456789abcdef';
const FACTS_TOKEN = 'demo-only-scorecards-ci-token-0123456789';
const GATEWAY = 'component:default/checkout-gateway';

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
) =>
  JSON.stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: { type: 'service', lifecycle: 'experimental', owner },
  });

describe.each([
  ['SQLite', 7171],
  ['PostgreSQL', 7172],
] as const)('trusted numbers in the portal backend on %s', (dbKind, port) => {
  let dir: string;
  let backend: PortalBackend;

  const getEntity = async (ref: string) => {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const res = await backend.request(
      'guest',
      `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
    );
    return res.ok ? ((await res.json()) as Entity) : undefined;
  };
  /** priya.sharma (checkout-core-team) registers a catalog file. */
  const register = (file: string, contents: string) => {
    const target = path.join(dir, file);
    fs.writeFileSync(target, contents);
    return backend.request('priya.sharma', '/api/catalog/locations', {
      method: 'POST',
      body: JSON.stringify({ type: 'file', target }),
    });
  };
  const ci = (token: string, urlPath: string, body: unknown) =>
    fetch(`${backend.baseUrl}${urlPath}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(body),
    });
  const deployment = (id: string, over: Record<string, unknown>) => ({
    id,
    status: 'success',
    environment: 'production',
    deployedAt: new Date(Date.now() - 3_600_000).toISOString(),
    ...over,
  });

  setupTestBackend(dbKind, 'portal_trust', db => {
    dir = db.dir;
    backend = new PortalBackend({
      port,
      database: db.config,
      extraConfig: {
        platformMetrics: { catalogCacheSeconds: 1 },
      },
    });
    return {
      backend,
      ready: async () =>
        (await getEntity(GATEWAY))?.relations?.length &&
        (await getEntity('group:default/payouts-team')),
    };
  });

  it('takes delivery events and facts only from a CI token bound to the service', async () => {
    // A service whose CI is another token: the demo tokens are not bound to it.
    expect(
      (
        await register(
          'own-service.yaml',
          component('ci-bound-elsewhere', 'checkout-core-team', {
            'fintech-fast.example/ci-sources': 'ci-ci-bound-elsewhere',
          }),
        )
      ).status,
    ).toBe(201);
    const other = 'component:default/ci-bound-elsewhere';
    await waitUntil(() => getEntity(other), 60_000);
    await new Promise(r => setTimeout(r, 1500)); // the metrics' catalog cache

    const events = await ci(
      EVENTS_TOKEN,
      '/api/platform-metrics/events/deployments',
      {
        events: [deployment('trust-1', { entityRef: other })],
      },
    );
    expect(events.status).toBe(403);
    expect((await events.json()).error.message).toBe(
      "events.0: this CI token ('demo-ci') does not report for component:default/ci-bound-elsewhere: its fintech-fast.example/ci-sources annotation must name it",
    );
    const facts = await ci(FACTS_TOKEN, '/api/scorecards/facts', {
      entityRef: other,
      testCoverage: 100,
    });
    expect(facts.status).toBe(403);
    expect((await facts.json()).error.message).toBe(
      "This CI token ('demo-ci-scorecards') does not report for component:default/ci-bound-elsewhere: the entity's fintech-fast.example/ci-sources annotation must name it",
    );

    // Unknown services are refused, not kept for later.
    const unknown = await ci(
      EVENTS_TOKEN,
      '/api/platform-metrics/events/deployments',
      deployment('trust-2', { repository: 'fintech-fast/no-such-repo' }),
    );
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toBe(
      'Invalid event: events.0: fintech-fast/no-such-repo is not a component in the catalog',
    );
    const noFacts = await ci(FACTS_TOKEN, '/api/scorecards/facts', {
      entityRef: 'component:default/no-such-service',
      testCoverage: 100,
    });
    expect({ status: noFacts.status, body: await noFacts.json() }).toEqual({
      status: 404,
      body: expect.objectContaining({
        error: expect.objectContaining({
          message: 'No entity component:default/no-such-service',
        }),
      }),
    });

    // The demo tokens keep reporting for the demo services.
    expect(
      (
        await ci(
          EVENTS_TOKEN,
          '/api/platform-metrics/events/deployments',
          deployment('trust-3', { entityRef: GATEWAY }),
        )
      ).status,
    ).toBe(202);
    expect(
      (
        await ci(FACTS_TOKEN, '/api/scorecards/facts', {
          entityRef: GATEWAY,
          testCoverage: 81,
        })
      ).status,
    ).toBe(202);
  });

  it('refuses a registered file that claims another team or a golden-path origin', async () => {
    const otherTeam = await register(
      'other-team.yaml',
      component('claims-payouts', 'payouts-team'),
    );
    expect(otherTeam.status).toBe(403);
    expect((await otherTeam.json()).error.message).toMatch(
      /component:default\/claims-payouts names group:default\/payouts-team as its owner; you may register only what you or your teams own$/,
    );
    const golden = await register(
      'golden.yaml',
      component('claims-golden-path', 'checkout-core-team', {
        'backstage.io/source-template': 'template:default/nodejs-api',
      }),
    );
    expect(golden.status).toBe(403);
    expect((await golden.json()).error.message).toMatch(
      /claims a golden-path origin .*only a template run may register that$/,
    );
    const locations = await backend
      .request('guest', '/api/catalog/locations')
      .then(r => r.json());
    expect(JSON.stringify(locations)).not.toMatch(/other-team|golden\.yaml/);
  });

  it('keeps a registered entity to its registrant’s claims when the file changes', async () => {
    const ref = 'component:default/edited-later';
    expect(
      (
        await register(
          'edited.yaml',
          component('edited-later', 'checkout-core-team'),
        )
      ).status,
    ).toBe(201);
    await waitUntil(() => getEntity(ref), 60_000);
    fs.writeFileSync(
      path.join(dir, 'edited.yaml'),
      component('edited-later', 'payouts-team', {
        'backstage.io/source-template': 'template:default/nodejs-api',
      }),
    );
    await backend.request('priya.sharma', '/api/catalog/refresh', {
      method: 'POST',
      body: JSON.stringify({ entityRef: ref }),
    });
    const refused = await waitUntil(async () => {
      const entity = await getEntity(ref);
      // The catalog reports processing errors in the entity's status.
      const status = (entity as { status?: unknown } | undefined)?.status;
      return JSON.stringify(status ?? {}).includes(
        'Registered by user:default/priya.sharma',
      )
        ? entity
        : undefined;
    }, 60_000);
    expect(refused.spec?.owner).toBe('checkout-core-team');
    expect(
      refused.metadata.annotations?.['backstage.io/source-template'],
    ).toBeUndefined();
  });

  it('maps a repository to the config-listed service, not to a registered claimant', async () => {
    expect(
      (
        await register(
          'claimant.yaml',
          component('aaa-claims-gateway-repo', 'checkout-core-team', {
            'github.com/project-slug': 'fintech-fast/checkout-gateway',
            'fintech-fast.example/ci-sources': 'demo-ci',
          }),
        )
      ).status,
    ).toBe(201);
    await waitUntil(
      () => getEntity('component:default/aaa-claims-gateway-repo'),
      60_000,
    );
    await new Promise(r => setTimeout(r, 1500));
    const res = await ci(
      EVENTS_TOKEN,
      '/api/platform-metrics/events/deployments',
      deployment('trust-by-repo', {
        repository: 'fintech-fast/checkout-gateway',
      }),
    );
    expect(res.status).toBe(202);
    const listed = await backend
      .request(
        'guest',
        `/api/platform-metrics/events?entityRef=${GATEWAY}&window=7&type=deployment&limit=100`,
      )
      .then(r => r.json());
    expect(
      listed.items.some((e: { id: string }) => e.id.includes('trust-by-repo')),
    ).toBe(true);
  });

  it('counts template runs from the scaffolder, not from a browser, and refuses far-off times', async () => {
    // The browser claims five runs of the Node.js template...
    const claimed = await backend.request(
      'priya.sharma',
      '/api/portal-analytics/events',
      {
        method: 'POST',
        body: JSON.stringify({
          events: Array.from({ length: 5 }, () => ({
            action: 'create',
            subject: 'a-service',
            entityRef: 'template:default/nodejs-api',
            timestamp: new Date().toISOString(),
          })),
        }),
      },
    );
    expect(claimed.status).toBe(202);
    // ...and starts one real run (refused by its first step, still a run).
    const run = await backend.request(
      'priya.sharma',
      '/api/scaffolder/v2/tasks',
      {
        method: 'POST',
        body: JSON.stringify({
          templateRef: 'template:default/postgresql-database',
          values: {
            size: 'small',
            version: '17',
            environment: 'production',
            component: 'component:default/payouts-service',
          },
        }),
      },
    );
    expect(run.status).toBe(201);
    const top = await waitUntil(async () => {
      const body = await backend
        .request('sam.okafor', '/api/portal-analytics/usage/top?days=7')
        .then(r => r.json());
      return body.template?.length ? body : undefined;
    }, 30_000);
    expect(top.template).toEqual([
      { key: 'template:default/postgresql-database', count: 1 },
    ]);

    for (const timestamp of [
      new Date(Date.now() + 3_600_000).toISOString(),
      new Date(Date.now() - 30 * 86_400_000).toISOString(),
    ]) {
      const res = await backend.request(
        'priya.sharma',
        '/api/portal-analytics/events',
        {
          method: 'POST',
          body: JSON.stringify({
            events: [{ action: 'navigate', subject: '/', timestamp }],
          }),
        },
      );
      expect(res.status).toBe(400);
    }
  });
});
