import type { CacheService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';

/** How long a cache call may take before it counts as a miss. */
export const CACHE_CALL_TIMEOUT_MS = 500;

/** `promise`, or `fallback` once `ms` passed or when it fails. */
export function within<T>(
  promise: Promise<T>,
  ms: number,
  fallback: T,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.catch(() => fallback),
    new Promise<T>(resolve => {
      timer = setTimeout(() => resolve(fallback), ms);
      timer.unref?.();
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The cache service, for lookups the plugin can always redo: a call that
 * fails or takes longer than `timeoutMs` is a miss (a read answers
 * undefined, a write is dropped). With Redis as the cache store, a Redis
 * that is down or restarting would otherwise hold every request waiting for
 * its reconnection.
 */
export function boundedCache(
  cache: CacheService,
  timeoutMs = CACHE_CALL_TIMEOUT_MS,
): CacheService {
  return {
    get<TValue extends JsonValue>(key: string) {
      return within<TValue | undefined>(
        cache.get<TValue>(key),
        timeoutMs,
        undefined,
      );
    },
    set(key, value, options) {
      return within(cache.set(key, value, options), timeoutMs, undefined);
    },
    delete(key) {
      return within(cache.delete(key), timeoutMs, undefined);
    },
    withOptions(options) {
      return boundedCache(cache.withOptions(options), timeoutMs);
    },
  };
}
