import { useEffect, useState } from 'react';

const TICK_SECONDS = 5;

/** Where the seconds a user has spent in the portal are kept (per browser). */
export function activeSecondsKey(userRef: string): string {
  return `feedback/survey-active-seconds/${userRef}`;
}

/** The day (YYYY-MM-DD, local) the user was first seen in this browser. */
export function firstSeenKey(userRef: string): string {
  return `feedback/survey-first-seen/${userRef}`;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(
    2,
    '0',
  )}-${String(d.getDate()).padStart(2, '0')}`;
}

function readSeconds(key: string): number {
  const value = Number(window.localStorage.getItem(key));
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * True once the user is a returning one: first seen in this browser on an
 * earlier day, and has had the portal open and visible for `threshold`
 * seconds in all (counted across page loads). Nothing is counted until
 * `userRef` is known and `enabled`.
 */
export function useReturningActiveUser(
  userRef: string | undefined,
  threshold: number,
  enabled: boolean,
): boolean {
  const [reached, setReached] = useState(false);
  useEffect(() => {
    if (!userRef || !enabled) return undefined;
    const seenKey = firstSeenKey(userRef);
    const firstSeen = window.localStorage.getItem(seenKey);
    if (!firstSeen) window.localStorage.setItem(seenKey, today());
    const returning = Boolean(firstSeen && firstSeen < today());
    const key = activeSecondsKey(userRef);
    if (returning && readSeconds(key) >= threshold) {
      setReached(true);
      return undefined;
    }
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'hidden') return;
      const seconds = readSeconds(key) + TICK_SECONDS;
      window.localStorage.setItem(key, String(seconds));
      if (returning && seconds >= threshold) {
        setReached(true);
        window.clearInterval(timer);
      }
    }, TICK_SECONDS * 1000);
    return () => window.clearInterval(timer);
  }, [userRef, threshold, enabled]);
  return reached;
}
