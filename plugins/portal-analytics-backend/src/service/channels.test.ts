import { aggregateHits, channelReport } from './channels';

const hit = (
  channel: 'browser' | 'cli' | 'mcp',
  userRef: string | null,
  teamRef: string | null,
  at = '2026-12-01T10:00:00Z',
  capability = 'catalog/entities',
) => ({ at: Date.parse(at), channel, capability, userRef, teamRef });

describe('channel usage rules', () => {
  it('adds requests up per local day, channel, capability and team', () => {
    const { counts, users } = aggregateHits(
      [
        hit('cli', 'user:default/a', 'group:default/t'),
        hit('cli', 'user:default/a', 'group:default/t'),
        hit('browser', 'user:default/a', 'group:default/t'),
        // 23:30 UTC is the next day in Paris.
        hit('cli', 'user:default/b', 'group:default/t', '2026-12-01T23:30:00Z'),
        hit('cli', null, null),
      ],
      'Europe/Paris',
    );
    expect(counts).toEqual(
      expect.arrayContaining([
        {
          day: '2026-12-01',
          channel: 'cli',
          capability: 'catalog/entities',
          teamRef: 'group:default/t',
          requests: 2,
        },
        {
          day: '2026-12-01',
          channel: 'browser',
          capability: 'catalog/entities',
          teamRef: 'group:default/t',
          requests: 1,
        },
        {
          day: '2026-12-02',
          channel: 'cli',
          capability: 'catalog/entities',
          teamRef: 'group:default/t',
          requests: 1,
        },
        {
          day: '2026-12-01',
          channel: 'cli',
          capability: 'catalog/entities',
          teamRef: null,
          requests: 1,
        },
      ]),
    );
    expect(counts).toHaveLength(4);
    // Services are work, but nobody's.
    expect(users).toHaveLength(3);
  });

  it('withholds a team cell behind fewer than 5 people', () => {
    const report = channelReport({
      from: '2026-11-02',
      to: '2026-12-01',
      capabilities: [
        { capability: 'catalog/entities', channel: 'browser', requests: 40 },
        { capability: 'catalog/entities', channel: 'cli', requests: 3 },
        { capability: 'scaffolder/tasks', channel: 'cli', requests: 50 },
      ],
      teams: [
        {
          teamRef: 'group:default/big',
          channel: 'browser',
          requests: 40,
          users: 6,
        },
        { teamRef: 'group:default/big', channel: 'cli', requests: 3, users: 1 },
        {
          teamRef: 'group:default/small',
          channel: 'cli',
          requests: 50,
          users: 4,
        },
      ],
      people: [{ channel: 'browser', users: 6 }],
    });
    expect(report.capabilities).toEqual([
      {
        capability: 'scaffolder/tasks',
        requests: { browser: 0, cli: 50, mcp: 0 },
        total: 50,
      },
      {
        capability: 'catalog/entities',
        requests: { browser: 40, cli: 3, mcp: 0 },
        total: 43,
      },
    ]);
    expect(report.totals).toEqual({ browser: 40, cli: 53, mcp: 0 });
    expect(report.teams).toEqual([
      {
        teamRef: 'group:default/big',
        requests: { browser: 40, cli: null, mcp: null },
      },
    ]);
    expect(report.teamsTooFewToShow).toBe(1);
  });
});
