import { resolve as resolvePath } from 'node:path';
import { StoredCampaign, StoredResult } from '../database/ScorecardStore';
import {
  campaignProgress,
  campaignTargetIndex,
  droppedLevels,
  weekNoticeDue,
} from './campaigns';
import { loadScorecards } from './definitions';

const [production] = loadScorecards(
  ['scorecards/production-readiness.yaml'],
  resolvePath(__dirname, '../../../..'),
);
const campaign: StoredCampaign = {
  id: '00000000-0000-4000-8000-000000000000',
  title: 'Silver for all',
  scorecardId: 'production-readiness',
  targetLevel: 'Silver',
  targetIndex: 2,
  deadline: '2027-03-31',
  scope: {},
  createdBy: 'user:default/sam',
  createdAt: '2027-01-01T00:00:00.000Z',
  weekNoticeAt: null,
};
const result = (
  entityRef: string,
  levelIndex: number,
  exemptChecks: string[] = [],
): StoredResult => ({
  entityRef,
  scorecardId: 'production-readiness',
  ownerRef: 'group:default/team-a',
  levelIndex,
  failedChecks: [],
  exemptChecks,
  evaluatedAt: '2027-03-01T00:00:00.000Z',
});

describe('campaign rules', () => {
  it('takes a level of the scorecard and a deadline after today', () => {
    const input = {
      scorecardId: 'production-readiness',
      targetLevel: 'Gold',
      deadline: '2027-04-01',
    };
    expect(campaignTargetIndex(production, input, '2027-03-01')).toBe(3);
    expect(() =>
      campaignTargetIndex(
        production,
        { ...input, targetLevel: 'Platinum' },
        '2027-03-01',
      ),
    ).toThrow("'Platinum' is not a level of production-readiness");
    expect(() => campaignTargetIndex(production, input, '2027-04-01')).toThrow(
      'deadline: must be after today',
    );
  });

  it('counts services at the target, and those there only through an exemption', () => {
    const services = ['a', 'b', 'c'].map(n => ({
      entityRef: `component:default/${n}`,
      ownerRef: 'group:default/team-a',
    }));
    const { campaign: c, rows } = campaignProgress(
      campaign,
      services,
      [
        result('component:default/a', 2),
        result('component:default/b', 3, ['vulnerabilities']),
      ],
      (_id, i) => ['None', 'Bronze', 'Silver', 'Gold'][i],
    );
    expect(c).toMatchObject({ reached: 2, exempt: 1, total: 3 });
    expect(c).not.toHaveProperty('targetIndex');
    expect(rows.map(r => [r.level, r.reached, r.exempt])).toEqual([
      ['Silver', true, []],
      ['Gold', true, ['vulnerabilities']],
      [null, false, []],
    ]);
  });

  it('sends the week notice once, within a week of the deadline', () => {
    expect(weekNoticeDue(campaign, new Date('2027-03-23T12:00:00Z'))).toBe(
      false,
    );
    expect(weekNoticeDue(campaign, new Date('2027-03-24T12:00:00Z'))).toBe(
      true,
    );
    expect(
      weekNoticeDue(
        { ...campaign, weekNoticeAt: '2027-03-24T12:00:00Z' },
        new Date('2027-03-25T12:00:00Z'),
      ),
    ).toBe(false);
    expect(weekNoticeDue(campaign, new Date('2027-04-01T12:00:00Z'))).toBe(
      false,
    );
  });

  it('finds the results that fell below their previous level', () => {
    const now = [
      { ...result('component:default/a', 1), checks: [] },
      { ...result('component:default/b', 2), checks: [] },
      { ...result('component:default/c', 0), checks: [] },
    ];
    const before = new Map([
      ['component:default/a|production-readiness', 2],
      ['component:default/b|production-readiness', 2],
    ]);
    expect(droppedLevels(now, before).map(r => r.entityRef)).toEqual([
      'component:default/a',
    ]);
  });
});
