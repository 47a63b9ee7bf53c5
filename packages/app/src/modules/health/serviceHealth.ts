import { useApi } from '@backstage/core-plugin-api';
import type { EntityLevels } from '@internal/plugin-scorecards-common';
import type { EntityBand } from '@internal/plugin-platform-metrics-common';
import {
  scorecardsApiRef,
  type ScorecardsApi,
} from '@internal/plugin-scorecards';
import {
  platformMetricsApiRef,
  type PlatformMetricsApi,
} from '@internal/plugin-platform-metrics';
import DataLoader from 'dataloader';
import useAsync from 'react-use/esm/useAsync';

/** What a row of a table (the catalog, the home page) says about a service. */
export interface ServiceHealth {
  levels?: EntityLevels;
  dora?: EntityBand;
}

/** Refs asked for in the same tick, in one request of at most this many. */
const BATCH = 100;
/** How long an answer is reused (a page re-rendering, paging back). */
const FRESH_MS = 60_000;

type Loaders = {
  levels: DataLoader<string, EntityLevels | undefined>;
  bands: DataLoader<string, EntityBand | undefined>;
};

const loaders = new WeakMap<object, Loaders & { at: number }>();

function loader<V extends { entityRef: string }>(
  fetch: (refs: string[]) => Promise<{ items: V[] }>,
) {
  return new DataLoader<string, V | undefined>(
    async refs => {
      const { items } = await fetch([...refs]);
      const byRef = new Map(items.map(i => [i.entityRef, i]));
      return refs.map(r => byRef.get(r));
    },
    { maxBatchSize: BATCH },
  );
}

/** The loaders of these APIs; new ones (an empty cache) after FRESH_MS. */
function loadersFor(scorecards: ScorecardsApi, metrics: PlatformMetricsApi) {
  const found = loaders.get(scorecards);
  if (found && Date.now() - found.at < FRESH_MS) return found;
  const fresh = {
    at: Date.now(),
    levels: loader(refs => scorecards.getLevels(refs)),
    bands: loader(refs => metrics.getBands({ entityRefs: refs })),
  };
  loaders.set(scorecards, fresh);
  return fresh;
}

/**
 * A service's scorecard levels and DORA band. Every row of a page asks in
 * the same render, so the whole page is one request to each backend.
 */
export function useServiceHealth(entityRef: string) {
  const scorecards = useApi(scorecardsApiRef);
  const metrics = useApi(platformMetricsApiRef);
  return useAsync(async (): Promise<ServiceHealth> => {
    const { levels, bands } = loadersFor(scorecards, metrics);
    const [l, d] = await Promise.allSettled([
      levels.load(entityRef),
      bands.load(entityRef),
    ]);
    return {
      levels: l.status === 'fulfilled' ? l.value : undefined,
      dora: d.status === 'fulfilled' ? d.value : undefined,
    };
  }, [scorecards, metrics, entityRef]);
}

/** "Silver" on the first scorecard (Production readiness), or undefined. */
export function levelOf(levels?: EntityLevels) {
  return levels?.scorecards[0];
}

const BAND_WORDS: Record<string, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** "DORA High", or undefined without data. */
export function bandText(dora?: EntityBand) {
  const word = dora && BAND_WORDS[dora.band];
  return word ? `DORA ${word}` : undefined;
}
