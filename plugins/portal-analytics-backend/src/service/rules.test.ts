import {
  countersOf,
  periodsOf,
  teamOf,
  timestampProblem,
  windowStart,
} from './rules';

const ev = (over: object) => ({
  action: 'navigate',
  subject: '/',
  timestamp: '2026-11-20T10:00:00Z',
  ...over,
});

describe('periodsOf', () => {
  it('counts an instant on the local day of the time zone', () => {
    // 23:30 UTC on Sunday 22 Nov is Monday 23 Nov in Paris, Sunday in New York.
    expect(periodsOf('2026-11-22T23:30:00.000Z', 'Europe/Paris')).toEqual({
      day: '2026-11-23',
      week: '2026-11-23',
      month: '2026-11',
    });
    expect(periodsOf('2026-11-22T23:30:00.000Z', 'America/New_York')).toEqual({
      day: '2026-11-22',
      week: '2026-11-16',
      month: '2026-11',
    });
    // Month edge: 30 Nov 23:30 UTC is 1 Dec in Tokyo.
    expect(periodsOf('2026-11-30T23:30:00.000Z', 'Asia/Tokyo').month).toBe(
      '2026-12',
    );
    expect(periodsOf('2026-11-30T23:30:00.000Z', 'UTC').month).toBe('2026-11');
  });
});

it('windowStart counts the last day in', () => {
  expect(windowStart('2026-11-30', 1)).toBe('2026-11-30');
  expect(windowStart('2026-11-30', 7)).toBe('2026-11-24');
  expect(windowStart('2026-03-01', 2)).toBe('2026-02-28');
});

describe('countersOf', () => {
  it('counts a page, its plugin and the entity of a catalog page', () => {
    expect(
      countersOf(
        ev({
          subject: '/catalog/default/Component/user-auth-service?tab=ci#x',
          pluginId: 'catalog',
        }),
      ),
    ).toEqual([
      { kind: 'page', key: '/catalog/default/Component/user-auth-service' },
      { kind: 'plugin', key: 'catalog' },
      { kind: 'entity', key: 'component:default/user-auth-service' },
    ]);
  });

  it('counts the docs of a docs page', () => {
    expect(
      countersOf(
        ev({ subject: '/docs/default/component/svc/getting-started' }),
      ),
    ).toContainEqual({ kind: 'doc', key: 'component:default/svc' });
  });

  it('counts zero-result searches apart, terms trimmed and lower case', () => {
    expect(
      countersOf(ev({ action: 'search', subject: ' Kafka ', value: 0 })),
    ).toEqual([
      { kind: 'search', key: 'kafka' },
      { kind: 'searchNoResults', key: 'kafka' },
    ]);
    expect(
      countersOf(ev({ action: 'search', subject: 'kafka', value: 3 })),
    ).toEqual([{ kind: 'search', key: 'kafka' }]);
    // No result count reported: not a zero-result search.
    expect(countersOf(ev({ action: 'search', subject: 'kafka' }))).toHaveLength(
      1,
    );
    expect(
      countersOf(ev({ action: 'search', subject: '   ', value: 0 })),
    ).toEqual([]);
  });

  it('counts no template run from a browser event', () => {
    expect(
      countersOf(
        ev({
          action: 'create',
          subject: 'svc',
          entityRef: 'template:default/node',
        }),
      ),
    ).toEqual([]);
  });

  it('cuts keys to the column length', () => {
    const [page] = countersOf(ev({ subject: `/${'a'.repeat(900)}` }));
    expect(page.key).toHaveLength(512);
  });
});

it('teamOf takes the first group', () => {
  expect(
    teamOf(['user:default/a', 'Group:default/Payments', 'group:default/b']),
  ).toBe('group:default/payments');
  expect(teamOf(['user:default/a'])).toBeNull();
});

it('timestampProblem refuses the future and the old', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  expect(timestampProblem('2026-11-20T12:04:00Z', now)).toBeUndefined();
  expect(timestampProblem('2026-11-20T12:06:00Z', now)).toBe(
    'is in the future',
  );
  expect(timestampProblem('2026-11-12T12:00:00Z', now)).toBe(
    'is more than 7 days old',
  );
});
