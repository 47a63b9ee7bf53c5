import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  buildSnapshot,
  createCatalogSnapshotLoader,
  descendantGroups,
} from './catalog';
import { teamComponents } from './scope';

const CONFIG_ORIGIN = 'file:/portal/catalog/all.yaml';

const component = (
  name: string,
  origin: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-origin-location': origin,
      'github.com/project-slug': 'acme/payments',
      'pagerduty.com/service-id': 'PPAY001',
      ...annotations,
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

describe('buildSnapshot: which entity a repository or on-call service maps to', () => {
  const configured = new Set([CONFIG_ORIGIN]);
  const registered = 'url:https://github.com/acme/claims/catalog-info.yaml';

  it('maps to the config-listed entity, not to a registered one listed first', () => {
    const snapshot = buildSnapshot(
      [
        component('a-claimant', registered),
        component('payments', CONFIG_ORIGIN),
      ],
      configured,
    );
    expect(snapshot.bySlug.get('acme/payments')).toBe(
      'component:default/payments',
    );
    expect(snapshot.byPagerDutyService.get('PPAY001')).toBe(
      'component:default/payments',
    );
  });

  it('prefers a template-made entity to one a person registered', () => {
    const snapshot = buildSnapshot(
      [
        component('a-claimant', registered),
        component('payments', 'url:https://github.com/acme/payments/x.yaml', {
          'backstage.io/source-template': 'template:default/nodejs-api',
        }),
      ],
      configured,
    );
    expect(snapshot.bySlug.get('acme/payments')).toBe(
      'component:default/payments',
    );
  });

  it('maps two registered claimants of one repository to neither', () => {
    const snapshot = buildSnapshot(
      [
        component('a-claimant', registered),
        component('payments', 'url:https://github.com/acme/payments/x.yaml'),
      ],
      configured,
    );
    expect(snapshot.bySlug.has('acme/payments')).toBe(false);
    expect(snapshot.byPagerDutyService.has('PPAY001')).toBe(false);
  });

  it('keeps the first of several config-listed components (a monorepo)', () => {
    const snapshot = buildSnapshot(
      [component('api', CONFIG_ORIGIN), component('worker', CONFIG_ORIGIN)],
      configured,
    );
    expect(snapshot.bySlug.get('acme/payments')).toBe('component:default/api');
  });
});

describe('createCatalogSnapshotLoader', () => {
  it('answers from the last snapshot while a stale one is read again', async () => {
    const catalog = catalogServiceMock({
      entities: [component('a', CONFIG_ORIGIN)],
    });
    const streamEntities = jest.spyOn(catalog, 'streamEntities');
    let now = 0;
    const load = createCatalogSnapshotLoader({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      ttlSeconds: 60,
      clock: () => now,
    });
    const first = await load();
    expect(await load()).toBe(first);
    expect(streamEntities).toHaveBeenCalledTimes(1);

    now = 61_000;
    // Stale: the same snapshot at once, a new read behind it.
    expect(await load()).toBe(first);
    expect(streamEntities).toHaveBeenCalledTimes(2);
    await new Promise(resolve => setImmediate(resolve));
    const second = await load();
    expect(second).not.toBe(first);
    expect(streamEntities).toHaveBeenCalledTimes(2);
  });

  it('waits for a new read when asked for a fresh snapshot past its age', async () => {
    const catalog = catalogServiceMock({
      entities: [component('a', CONFIG_ORIGIN)],
    });
    let now = 0;
    const load = createCatalogSnapshotLoader({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      ttlSeconds: 60,
      clock: () => now,
    });
    const first = await load();
    // Within its age a fresh snapshot is the same one.
    expect(await load({ fresh: true })).toBe(first);
    now = 61_000;
    const fresh = await load({ fresh: true });
    expect(fresh).not.toBe(first);
    expect(await load()).toBe(fresh);
  });
});

describe('team lookups', () => {
  const group = (name: string, parent?: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  });
  const owned = (name: string, owner: string): Entity => ({
    ...component(name, CONFIG_ORIGIN, { 'github.com/project-slug': name }),
    spec: { type: 'service', lifecycle: 'production', owner },
  });

  it("finds a team's components, its sub-teams' included, in catalog order", () => {
    const snapshot = buildSnapshot([
      group('dept'),
      group('team-a', 'dept'),
      group('team-b', 'team-a'),
      owned('z-service', 'team-b'),
      owned('a-service', 'team-a'),
      owned('m-service', 'dept'),
      owned('other', 'elsewhere'),
    ]);
    expect([...descendantGroups(snapshot, 'group:default/team-a')]).toEqual([
      'group:default/team-a',
      'group:default/team-b',
    ]);
    expect(
      teamComponents(snapshot, 'group:default/team-a').map(c => c.ref),
    ).toEqual(['component:default/z-service', 'component:default/a-service']);
    expect(
      teamComponents(snapshot, 'group:default/dept').map(c => c.ref),
    ).toEqual([
      'component:default/z-service',
      'component:default/a-service',
      'component:default/m-service',
    ]);
    expect(teamComponents(snapshot, 'group:default/nobody')).toEqual([]);
  });
});
