import { median } from '../dora/rules';

/** A catalog User and when they joined (their created-at annotation). */
export interface JoinedUser {
  ref: string;
  joinedAt: string;
}

export interface OnboardingFigures {
  medianHours: number | null;
  /** Users who joined in the window and shipped a change since. */
  sampleSize: number;
  /** Users who joined in the window. */
  joined: number;
  /** Of those, the ones with no change in production since joining. */
  waiting: number;
}

/**
 * Onboarding time: for each User who joined within [from, to], the hours
 * from joining to the first successful production deployment of a change
 * they wrote (`firstShipped`: user ref -> the earliest such deployment at or
 * after their joining; a change deployed in two deployments counts at the
 * first); the median. Users who joined before the window do not count;
 * those who have not shipped yet are `waiting`, not counted; a non-positive
 * time (shipped the instant they joined) is dropped, as for lead time.
 */
export function onboardingFigures(
  users: JoinedUser[],
  firstShipped: ReadonlyMap<string, string>,
  window: { from: string; to: string },
): OnboardingFigures {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const joined = users.filter(u => {
    const t = Date.parse(u.joinedAt);
    return t >= from && t <= to;
  });
  const hours: number[] = [];
  let waiting = 0;
  for (const u of joined) {
    const first = firstShipped.get(u.ref);
    const wait = first ? Date.parse(first) - Date.parse(u.joinedAt) : NaN;
    if (!first) waiting += 1;
    else if (wait > 0) hours.push(wait / 3_600_000);
  }
  return {
    medianHours: median(hours),
    sampleSize: hours.length,
    joined: joined.length,
    waiting,
  };
}
