import {
  changeFailureRateBand,
  DEFAULT_BANDS,
  deploymentFrequencyBand,
  durationBand,
  lowestBand,
} from '@internal/plugin-platform-metrics-common';
import {
  median,
  medianDeployDaysPerWeek,
  mondayOf,
  windowOf,
} from '../dora/rules';
import { verifyGithubSignature, verifyPagerDutySignature } from './webhooks';

describe('metric helpers', () => {
  it('takes medians of odd, even and empty samples', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([10, 2, 4, 6])).toBe(5);
  });

  it('places windows on UTC days', () => {
    // 23:30 at UTC-5 on the 19th is already the 20th in UTC.
    const w = windowOf(30, new Date('2026-11-19T23:30:00-05:00'));
    expect(w).toMatchObject({
      fromDay: '2026-10-22',
      toDay: '2026-11-20',
      from: '2026-10-22T00:00:00.000Z',
      to: '2026-11-20T04:30:00.000Z',
      previous: { fromDay: '2026-09-22', toDay: '2026-10-21' },
    });
    expect(mondayOf('2026-11-22')).toBe('2026-11-16'); // Sunday
    expect(mondayOf('2026-11-16')).toBe('2026-11-16');
  });

  it('counts deploy days per 7-day block, newest first', () => {
    const days = new Set([
      '2026-11-20',
      '2026-11-19',
      '2026-11-12',
      '2026-11-02',
    ]);
    // Blocks: 14-20 (2 days), 7-13 (1), 31 Oct-6 Nov (1), 24-30 Oct (0).
    expect(medianDeployDaysPerWeek(days, '2026-10-24', '2026-11-20')).toBe(1);
    expect(medianDeployDaysPerWeek(days, '2026-11-14', '2026-11-20')).toBe(2);
  });

  it('bands at the DORA 2023 boundaries', () => {
    const lt = DEFAULT_BANDS.leadTimeHours;
    expect(
      [23.9, 24, 167.9, 168, 719, 720].map(h => durationBand(h, lt)),
    ).toEqual(['elite', 'high', 'high', 'medium', 'medium', 'low']);
    expect(durationBand(null, lt)).toBe('none');
    const tr = DEFAULT_BANDS.timeToRestoreHours;
    expect([0.5, 1, 23, 24, 200].map(h => durationBand(h, tr))).toEqual([
      'elite',
      'high',
      'high',
      'medium',
      'low',
    ]);
    const cfr = DEFAULT_BANDS.changeFailureRate;
    expect(
      [0, 0.05, 0.051, 0.1, 0.15, 0.16].map(r => changeFailureRateBand(r, cfr)),
    ).toEqual(['elite', 'elite', 'high', 'high', 'medium', 'low']);
    const df = DEFAULT_BANDS.deploymentFrequency;
    const band = (w: number, m: number, deployments = 1) =>
      deploymentFrequencyBand(
        { medianDeployDaysPerWeek: w, deployDaysPer30Days: m, deployments },
        df,
      );
    expect([
      band(3, 13),
      band(2, 9),
      band(0, 2),
      band(0, 0.5),
      band(0, 0, 0),
    ]).toEqual(['elite', 'high', 'medium', 'low', 'none']);
    expect(lowestBand(['elite', 'none', 'high'])).toBe('high');
    expect(lowestBand(['none', 'none'])).toBe('none');
  });
});

describe('webhook signatures', () => {
  // GitHub's documented test vector.
  const body = Buffer.from('Hello, World!');
  it('verifies X-Hub-Signature-256', () => {
    const good =
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(
      verifyGithubSignature("It's a Secret to Everybody", body, good),
    ).toBe(true);
    expect(verifyGithubSignature('other', body, good)).toBe(false);
    expect(
      verifyGithubSignature("It's a Secret to Everybody", body, undefined),
    ).toBe(false);
    expect(
      verifyGithubSignature("It's a Secret to Everybody", body, 'sha1=abc'),
    ).toBe(false);
  });

  it('verifies X-PagerDuty-Signature with several signatures', () => {
    const sig =
      'v1=3a0a5b1c0b8b0a5f6e8f0f0e3f5d2c0b4f7b0c6f9f4d1e2c3b4a596877665544';
    expect(verifyPagerDutySignature('s', body, sig)).toBe(false);
    expect(verifyPagerDutySignature('s', body, undefined)).toBe(false);
  });
});
