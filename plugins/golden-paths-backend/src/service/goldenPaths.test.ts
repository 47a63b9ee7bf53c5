import { DateTime } from 'luxon';
import { component, template } from '../testUtils';
import { describePaths, findDrift, usageByWeek } from './goldenPaths';

const changelog = [
  { version: '1.2.0', changes: ['Distroless image'] },
  { version: '2.0.0', changes: ['Express 5', 'Node 22'] },
  { version: '1.4.0', changes: ['Trivy scan'] },
  { version: '1.1.0', changes: ['OpenTelemetry'] },
];
const templates = [
  template('nodejs-api', '2.0.0', changelog),
  template('postgresql-database', '1.0.0', [], ['self-service']),
  template('not-a-path', '1.0.0', [], ['experimental']),
];
const from = (tpl: string, version: string, createdAt?: string) => ({
  'backstage.io/source-template': `template:default/${tpl}`,
  'fintech-fast.example/template-version': version,
  ...(createdAt ? { 'fintech-fast.example/created-at': createdAt } : {}),
});
const created = [
  component(
    'a',
    'payouts-team',
    from('nodejs-api', '1.1.0', '2026-11-16T09:00:00Z'),
  ),
  component(
    'b',
    'payouts-team',
    from('nodejs-api', '2.0.0', '2026-11-18T23:30:00-05:00'),
  ),
  component(
    'c',
    'checkout-core-team',
    from('nodejs-api', '1.4.0', '2026-10-01T09:00:00Z'),
  ),
  component(
    'd',
    'checkout-core-team',
    // Refs compare case-insensitively.
    {
      ...from('nodejs-api', '1.2.0'),
      'backstage.io/source-template': 'Template:default/NODEJS-API',
    },
  ),
];

describe('describePaths', () => {
  it('lists golden-path and self-service templates with usage per team', () => {
    const paths = describePaths(templates, created);
    expect(paths.map(p => p.name)).toEqual([
      'nodejs-api',
      'postgresql-database',
    ]);
    expect(paths[0]).toMatchObject({
      entityRef: 'template:default/nodejs-api',
      currentVersion: '2.0.0',
      persona: 'backend',
      created: 4,
      drifted: 3,
      teams: [
        { ownerRef: 'group:default/checkout-core-team', count: 2 },
        { ownerRef: 'group:default/payouts-team', count: 2 },
      ],
    });
    expect(paths[0].changelog.map(c => c.version)).toEqual([
      '2.0.0',
      '1.4.0',
      '1.2.0',
      '1.1.0',
    ]);
    expect(paths[1]).toMatchObject({ created: 0, drifted: 0 });
  });
});

describe('findDrift', () => {
  it('lists entities on older versions with what changed since', () => {
    const drift = findDrift(templates, created);
    expect(
      drift.map(d => [d.entityRef, d.version, d.missing.map(m => m.version)]),
    ).toEqual([
      ['component:default/a', '1.1.0', ['2.0.0', '1.4.0', '1.2.0']],
      ['component:default/d', '1.2.0', ['2.0.0', '1.4.0']],
      ['component:default/c', '1.4.0', ['2.0.0']],
    ]);
  });

  it('ignores entities without a version or from unknown templates', () => {
    expect(
      findDrift(templates, [
        component('x', 't', {
          'backstage.io/source-template': 'template:default/nodejs-api',
        }),
        component('y', 't', from('gone', '0.1.0')),
      ]),
    ).toEqual([]);
  });
});

describe('usageByWeek', () => {
  it('counts creations per path per ISO week, in UTC', () => {
    const weeks = usageByWeek(
      created,
      3,
      DateTime.fromISO('2026-11-22T12:00:00Z'),
    );
    expect(weeks).toEqual([
      { week: '2026-11-02', counts: {} },
      { week: '2026-11-09', counts: {} },
      // b was created on 19 Nov 04:30 UTC; c is older than the window; d has no time.
      { week: '2026-11-16', counts: { 'template:default/nodejs-api': 2 } },
    ]);
  });
});
