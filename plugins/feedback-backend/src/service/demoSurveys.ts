import { surveyPeriodOf } from '@internal/plugin-feedback-common';
import { SurveyStore } from '../database/SurveyStore';

/** The demo organisation's teams that answer the demo survey. */
const DEMO_TEAMS = [
  'checkout-core-team',
  'payouts-team',
  'fraud-detection-team',
  'identity-and-access-team',
  'core-ledger-team',
  'data-platform-team',
  'analytics-team',
  'web-experience-team',
  'platform-team',
];

const DEMO_COMMENTS = [
  'Creating a database from the template saved me a ticket and two days.',
  'The docs search finds the right page now.',
  'I still cannot tell which team owns half of the data pipelines.',
  'Deploy status on the service page would save me a trip to CI.',
  'Golden path for Python jobs is great, the React one is outdated.',
];

/** mulberry32: a small seeded PRNG, so the demo history is always the same. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Demo mode only: a year of survey answers from made-up respondents of the
 * demo teams (`user:default/demo-respondent-…`, not catalog users, so no real
 * user is kept from being asked), so the NPS chart is not empty. Scores
 * improve over the quarters. Written through the store, and only into an
 * empty table. Returns the number of responses written.
 */
export async function seedDemoSurveys(
  store: SurveyStore,
  now: Date,
): Promise<number> {
  if ((await store.countResponses()) > 0) return 0;
  const rand = random(20261122);
  const quarterStart = Date.UTC(
    now.getUTCFullYear(),
    Math.floor(now.getUTCMonth() / 3) * 3,
    1,
  );
  let written = 0;
  // Four past quarters, then the current one up to now.
  for (let q = 4; q >= 0; q--) {
    const start = new Date(quarterStart);
    start.setUTCMonth(start.getUTCMonth() - 3 * q);
    const end = new Date(start);
    end.setUTCMonth(end.getUTCMonth() + 3);
    const until = Math.min(end.getTime(), now.getTime());
    if (until <= start.getTime()) continue;
    const quarter = surveyPeriodOf(start);
    const progress = (4 - q) / 4; // 0 a year ago .. 1 now
    for (const [t, team] of DEMO_TEAMS.entries()) {
      const respondents = 3 + Math.floor(rand() * 5);
      for (let i = 0; i < respondents; i++) {
        const base = 5 + 3 * progress + (t % 3) * 0.5;
        const nps = Math.max(
          0,
          Math.min(10, Math.round(base + rand() * 4 - 2)),
        );
        const ease = Math.max(1, Math.min(5, Math.round(nps / 2.2 + rand())));
        const at = new Date(
          start.getTime() + Math.floor(rand() * (until - start.getTime())),
        );
        await store.addResponse({
          userRef: `user:default/demo-respondent-${team}-${i + 1}`,
          teamRef: `group:default/${team}`,
          quarter,
          nps,
          ease,
          comment:
            rand() < 0.25
              ? DEMO_COMMENTS[Math.floor(rand() * DEMO_COMMENTS.length)]
              : undefined,
          createdAt: at.toISOString(),
        });
        written++;
      }
    }
  }
  return written;
}
