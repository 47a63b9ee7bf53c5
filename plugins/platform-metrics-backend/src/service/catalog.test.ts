import { Entity } from '@backstage/catalog-model';
import { buildSnapshot } from './catalog';

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
