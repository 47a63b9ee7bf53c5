import type { CacheService } from '@backstage/backend-plugin-api';
import { boundedCache } from './boundedCache';

/** A cache whose every call behaves as `call` says. */
function cacheThat(call: (key: string) => Promise<any>): CacheService {
  const cache: CacheService = {
    get: key => call(key),
    set: key => call(key),
    delete: key => call(key),
    withOptions: () => cache,
  };
  return cache;
}

describe('boundedCache', () => {
  it('answers what a working cache answers', async () => {
    const values = new Map<string, any>();
    const working: CacheService = {
      get: async key => values.get(key),
      set: async (key, value) => {
        values.set(key, value);
      },
      delete: async key => {
        values.delete(key);
      },
      withOptions: () => working,
    };
    const cache = boundedCache(working);
    await cache.set('owner', { ref: 'group:default/platform-team' });
    await expect(cache.get('owner')).resolves.toEqual({
      ref: 'group:default/platform-team',
    });
    await cache.delete('owner');
    await expect(cache.get('owner')).resolves.toBeUndefined();
  });

  it('misses rather than waits for a cache that does not answer', async () => {
    const cache = boundedCache(
      cacheThat(() => new Promise(() => {})),
      50,
    );
    const started = Date.now();
    await expect(cache.get('owner')).resolves.toBeUndefined();
    await expect(cache.set('owner', 1)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('misses rather than fails when the cache fails', async () => {
    const cache = boundedCache(
      cacheThat(() => Promise.reject(new Error('Redis is down'))),
    );
    await expect(cache.get('owner')).resolves.toBeUndefined();
    await expect(cache.delete('owner')).resolves.toBeUndefined();
  });
});
