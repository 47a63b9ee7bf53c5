import { resolve as resolvePath } from 'node:path';
import { StoredResult } from '../database/ScorecardStore';
import { loadScorecards } from './definitions';
import { summarize } from './summary';

const scorecards = loadScorecards(
  ['scorecards/production-readiness.yaml'],
  resolvePath(__dirname, '../../../..'),
);
const result = (
  entityRef: string,
  ownerRef: string | null,
  levelIndex: number,
  failedChecks: string[] = [],
  exemptChecks: string[] = [],
): StoredResult => ({
  entityRef,
  scorecardId: 'production-readiness',
  ownerRef,
  levelIndex,
  failedChecks,
  exemptChecks,
  evaluatedAt: '2026-11-26T10:00:00.000Z',
});
const results = [
  result('component:default/a', 'group:default/team-a', 2, [], ['coverage']),
  result('component:default/b', 'group:default/team-a', 1, ['coverage']),
  result('component:default/c', null, 0, ['owner', 'coverage']),
];

describe('summarize', () => {
  it('counts the organisation per level and team, exempt apart, failures most first', () => {
    const org = summarize({
      scorecards,
      results,
      trendRows: [
        {
          scorecardId: 'production-readiness',
          day: '2026-11-25',
          levelIndex: 1,
          count: 3,
        },
      ],
    });
    expect(org.distribution['production-readiness']).toEqual({
      None: 1,
      Bronze: 1,
      Silver: 1,
      Gold: 0,
    });
    expect(org.exempt).toEqual({ 'production-readiness': 1 });
    expect(org.teams?.['production-readiness']).toEqual([
      {
        ownerRef: '(no owner)',
        counts: { None: 1, Bronze: 0, Silver: 0, Gold: 0 },
        exempt: 0,
      },
      {
        ownerRef: 'group:default/team-a',
        counts: { None: 0, Bronze: 1, Silver: 1, Gold: 0 },
        exempt: 1,
      },
    ]);
    expect(org.topFailed.map(f => [f.checkId, f.failed])).toEqual([
      ['coverage', 2],
      ['owner', 1],
    ]);
    expect(org.trend['production-readiness']).toEqual([
      {
        day: '2026-11-25',
        counts: { None: 0, Bronze: 3, Silver: 0, Gold: 0 },
      },
    ]);
    expect(org.services).toBeUndefined();
  });

  it("lists a team's services with their levels and exempt checks", () => {
    const team = summarize({
      scorecards,
      results: results.slice(0, 2),
      trendRows: [],
      ownerRef: 'group:default/team-a',
    });
    expect(team.scope).toEqual({ ownerRef: 'group:default/team-a' });
    expect(team.teams).toBeUndefined();
    expect(team.services).toEqual([
      {
        entityRef: 'component:default/a',
        ownerRef: 'group:default/team-a',
        levels: { 'production-readiness': 'Silver' },
        exempt: { 'production-readiness': ['coverage'] },
      },
      {
        entityRef: 'component:default/b',
        ownerRef: 'group:default/team-a',
        levels: { 'production-readiness': 'Bronze' },
        exempt: { 'production-readiness': [] },
      },
    ]);
  });
});
