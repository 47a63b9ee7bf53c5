import { entities, SCORECARD_FILES } from '../__testUtils__/scorecards';
import { loadScorecards } from '../engine/definitions';
import { PluginFactCache } from './PluginFactCache';

it('reads DORA bands not known yet, then at most so many of the stale ones per run, oldest first', async () => {
  let now = new Date('2027-03-25T09:00:00Z');
  const reads: string[] = [];
  const cache = new PluginFactCache({
    pluginFacts: {
      drift: async () => new Map(),
      openReports: async () => new Map(),
      doraBand: async ref => {
        reads.push(ref);
        return 'high';
      },
    },
    scorecards: loadScorecards(SCORECARD_FILES),
    clock: () => now,
  });
  const gateway = entities.find(e => e.metadata.name === 'checkout-gateway')!;
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
  const periodic = { doraMaxAgeSeconds: 600, doraStalePerRun: 1 };

  await cache.refresh(entities, undefined, periodic);
  expect(reads.sort()).toEqual([
    'component:default/checkout-gateway',
    'component:default/marketing-site',
  ]);
  now = minutes(1);
  await cache.refresh([gateway]);
  reads.length = 0;

  now = minutes(5);
  await cache.refresh(entities, undefined, periodic);
  expect(reads).toEqual([]);
  // Both stale: the older first, one per run.
  now = minutes(15);
  await cache.refresh(entities, undefined, periodic);
  expect(reads).toEqual(['component:default/marketing-site']);
  await cache.refresh(entities, undefined, periodic);
  expect(reads).toEqual([
    'component:default/marketing-site',
    'component:default/checkout-gateway',
  ]);
  expect(cache.factsOf('component:default/checkout-gateway').dora).toEqual({
    90: { value: 'high', measuredAt: now.toISOString() },
  });
});
