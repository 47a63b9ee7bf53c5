import {
  changeOf,
  eventSummary,
  formatFrequency,
  formatHours,
  formatMetric,
  formatPercent,
  granularityFor,
  overallBand,
} from './format';
import { makeMetrics, metric } from '../testUtils/fakePlatformMetricsApi';

describe('formatting', () => {
  it('says durations in minutes, hours or days', () => {
    expect(formatHours(0.25)).toBe('15 min');
    expect(formatHours(5.04)).toBe('5 h');
    expect(formatHours(47.96)).toBe('48 h');
    expect(formatHours(48)).toBe('2 days');
    expect(formatHours(200)).toBe('8.3 days');
    expect(formatHours(null)).toBe('No data for this period');
  });

  it('says deployment frequency per day, or per week below one a day', () => {
    expect(formatFrequency(2.345)).toBe('2.3 / day');
    expect(formatFrequency(1)).toBe('1 / day');
    expect(formatFrequency(0.5)).toBe('3.5 / week');
    expect(formatFrequency(0)).toBe('0 / week');
    expect(formatFrequency(null)).toBe('No data for this period');
  });

  it('says ratios as percentages', () => {
    expect(formatPercent(0.125)).toBe('12.5%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatMetric(metric(0.04, 'ratio', 'elite'))).toBe('4%');
    expect(formatMetric(metric(null, 'hours', 'none'))).toBe(
      'No data for this period',
    );
  });

  it('uses a daily trend up to 30 days and weekly above', () => {
    expect(granularityFor(7)).toBe('day');
    expect(granularityFor(30)).toBe('day');
    expect(granularityFor(90)).toBe('week');
    expect(granularityFor(365)).toBe('week');
  });
});

describe('changeOf', () => {
  it('calls more deployments better and longer lead time worse', () => {
    // 2 vs 1.6 deploys/day: +25%
    expect(
      changeOf('deploymentFrequency', metric(2, 'deploys/day', 'elite', 1.6)),
    ).toEqual({ direction: 'up', better: true, text: '+25%' });
    // 30 h vs 20 h: +50%, lead time up is worse
    expect(changeOf('leadTime', metric(30, 'hours', 'high', 20))).toEqual({
      direction: 'up',
      better: false,
      text: '+50%',
    });
    // 200 h vs 250 h: -20%, restore time down is better
    expect(changeOf('timeToRestore', metric(200, 'hours', 'low', 250))).toEqual(
      { direction: 'down', better: true, text: '-20%' },
    );
    // fewer deployments is worse
    expect(
      changeOf('deploymentFrequency', metric(1, 'deploys/day', 'elite', 2)),
    ).toEqual({ direction: 'down', better: false, text: '-50%' });
  });

  it('compares ratios in percentage points', () => {
    // 15% vs 10%: +5 points, worse
    expect(
      changeOf('changeFailureRate', metric(0.15, 'ratio', 'medium', 0.1)),
    ).toEqual({ direction: 'up', better: false, text: '+5 pts' });
    expect(
      changeOf('changeFailureRate', metric(0.12, 'ratio', 'medium', 0.12)),
    ).toEqual({ direction: 'flat', better: null, text: '±0 pts' });
  });

  it('has nothing to compare when a window has no data', () => {
    expect(changeOf('leadTime', metric(30, 'hours', 'high', null))).toBe(
      undefined,
    );
    expect(changeOf('leadTime', metric(null, 'hours', 'none', 20))).toBe(
      undefined,
    );
    expect(
      changeOf('deploymentFrequency', metric(1, 'deploys/day', 'elite', 0)),
    ).toEqual({ direction: 'up', better: true, text: 'new' });
  });
});

describe('overallBand', () => {
  it('is the lowest band of the four keys that have data', () => {
    expect(overallBand(makeMetrics())).toBe('low');
    expect(
      overallBand(
        makeMetrics({
          timeToRestore: metric(null, 'hours', 'none'),
          // rework rate never counts
          reworkRate: metric(0.9, 'ratio', 'low'),
        }),
      ),
    ).toBe('medium');
    expect(
      overallBand(
        makeMetrics({
          deploymentFrequency: metric(null, 'deploys/day', 'none'),
          leadTime: metric(null, 'hours', 'none'),
          changeFailureRate: metric(null, 'ratio', 'none'),
          timeToRestore: metric(null, 'hours', 'none'),
        }),
      ),
    ).toBe('none');
  });
});

describe('eventSummary', () => {
  const row = (
    type: 'deployment' | 'change' | 'incident',
    details: Record<string, unknown>,
  ) => ({ id: 'x', type, entityRef: null, time: '', details });

  it('words deployments, changes and incidents as the events drawer shows them', () => {
    expect(
      eventSummary(
        row('deployment', {
          status: 'success',
          environment: 'production',
          rollback: false,
          hotfix: false,
        }),
      ),
    ).toBe('Deployed to production');
    expect(
      eventSummary(
        row('deployment', {
          status: 'failure',
          environment: 'prod',
          rollback: true,
          hotfix: true,
        }),
      ),
    ).toBe('Failed deployment to prod (rollback, hotfix)');
    expect(
      eventSummary(
        row('change', { sha: 'abcdef123', title: null, leadTimeHours: 4 }),
      ),
    ).toBe('abcdef1: lead time 4.0 h');
    expect(
      eventSummary(
        row('change', { sha: 'abc', title: 'Fix', leadTimeHours: 1.25 }),
      ),
    ).toBe('Fix: lead time 1.3 h');
    expect(
      eventSummary(
        row('incident', {
          externalId: 'P1',
          title: null,
          timeToRestoreHours: null,
        }),
      ),
    ).toBe('P1: open');
    expect(
      eventSummary(
        row('incident', {
          externalId: 'P1',
          title: 'Down',
          timeToRestoreHours: 0.5,
        }),
      ),
    ).toBe('Down: restored in 0.5 h');
  });
});
