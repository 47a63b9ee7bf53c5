import { onboardingFigures } from './rules';

const window = {
  from: '2026-09-01T00:00:00.000Z',
  to: '2026-11-20T12:00:00.000Z',
};

describe('onboardingFigures', () => {
  it('takes the median over Users who joined in the window and shipped since', () => {
    const figures = onboardingFigures(
      [
        // Joined before the window: not counted, even though they shipped.
        { ref: 'user:default/old', joinedAt: '2026-08-31T23:59:59.000Z' },
        // 48 h.
        { ref: 'user:default/a', joinedAt: '2026-10-01T09:00:00.000Z' },
        // 24 h.
        { ref: 'user:default/b', joinedAt: '2026-10-05T09:00:00.000Z' },
        // 120 h.
        { ref: 'user:default/c', joinedAt: '2026-11-01T00:00:00.000Z' },
        // No change in production yet: waiting, not counted.
        { ref: 'user:default/d', joinedAt: '2026-11-10T00:00:00.000Z' },
      ],
      new Map([
        ['user:default/old', '2026-09-02T00:00:00.000Z'],
        ['user:default/a', '2026-10-03T09:00:00.000Z'],
        ['user:default/b', '2026-10-06T09:00:00.000Z'],
        ['user:default/c', '2026-11-06T00:00:00.000Z'],
      ]),
      window,
    );
    expect(figures).toEqual({
      medianHours: 48,
      sampleSize: 3,
      joined: 4,
      waiting: 1,
    });
  });

  it('has no median when nobody who joined has shipped', () => {
    expect(
      onboardingFigures(
        [{ ref: 'user:default/d', joinedAt: '2026-11-10T00:00:00.000Z' }],
        new Map(),
        window,
      ),
    ).toEqual({ medianHours: null, sampleSize: 0, joined: 1, waiting: 1 });
    expect(onboardingFigures([], new Map(), window)).toEqual({
      medianHours: null,
      sampleSize: 0,
      joined: 0,
      waiting: 0,
    });
  });

  it('drops a non-positive time, and counts joining at the window edges', () => {
    expect(
      onboardingFigures(
        [
          { ref: 'user:default/edge-from', joinedAt: window.from },
          { ref: 'user:default/edge-to', joinedAt: window.to },
        ],
        new Map([
          ['user:default/edge-from', '2026-09-01T06:00:00.000Z'],
          ['user:default/edge-to', window.to],
        ]),
        window,
      ),
    ).toEqual({ medianHours: 6, sampleSize: 1, joined: 2, waiting: 0 });
  });
});
