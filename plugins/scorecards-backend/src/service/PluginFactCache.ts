import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ScorecardDefinition } from '@internal/plugin-scorecards-common';
import { matchesSelector } from '../engine/definitions';
import {
  DoraBand,
  DriftFact,
  EntityFacts,
  Fact,
  OpenReport,
} from '../engine/facts';
import { refOf } from '../engine/refs';
import { PluginFacts } from './pluginFacts';

const DORA_CONCURRENCY = 8;

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/**
 * The last known facts read from the portal's plugins (drift, friction,
 * DORA), kept in memory: a plugin that cannot be read keeps its last value
 * and time.
 */
export class PluginFactCache {
  private drift?: Fact<Map<string, DriftFact>>;
  private friction?: Fact<Map<string, OpenReport[]>>;
  private readonly dora = new Map<string, Fact<DoraBand>>();
  private readonly doraWindows: number[];

  constructor(
    private readonly options: {
      pluginFacts: PluginFacts;
      scorecards: ScorecardDefinition[];
      clock: () => Date;
    },
  ) {
    this.doraWindows = [
      ...new Set(
        options.scorecards.flatMap(s =>
          s.spec.levels.flatMap(l =>
            l.checks.flatMap(c => (c.type === 'dora' ? [c.windowDays] : [])),
          ),
        ),
      ),
    ];
  }

  /**
   * Reads drift, friction and the DORA bands of the given entities again;
   * with `doraMaxAgeSeconds`, only bands not known yet and, oldest first, at
   * most `doraStalePerRun` of those older than that (the periodic evaluation
   * of thousands of services spreads their reads over time: bands of 30 days
   * or more move slowly).
   */
  async refresh(
    entities: Entity[],
    credentials?: BackstageCredentials,
    options: { doraMaxAgeSeconds?: number; doraStalePerRun?: number } = {},
  ) {
    const { pluginFacts, scorecards } = this.options;
    const at = () => this.options.clock().toISOString();
    const [drift, friction] = await Promise.all([
      pluginFacts.drift(credentials),
      pluginFacts.openReports(credentials),
    ]);
    if (drift) this.drift = { value: drift, measuredAt: at() };
    if (friction) this.friction = { value: friction, measuredAt: at() };
    const keys = entities
      .filter(e =>
        scorecards.some(
          s =>
            matchesSelector(e, s.spec.appliesTo) &&
            s.spec.levels.some(l => l.checks.some(c => c.type === 'dora')),
        ),
      )
      .flatMap(e => this.doraWindows.map(days => ({ ref: refOf(e), days })));
    const since =
      this.options.clock().getTime() - (options.doraMaxAgeSeconds ?? 0) * 1000;
    const unknown: typeof keys = [];
    const known: Array<{ key: (typeof keys)[number]; at: number }> = [];
    for (const key of keys) {
      const band = this.dora.get(`${key.ref}|${key.days}`);
      if (band) known.push({ key, at: Date.parse(band.measuredAt) });
      else unknown.push(key);
    }
    const stale = known
      .filter(k => k.at <= since)
      .sort((a, b) => a.at - b.at)
      .slice(0, options.doraStalePerRun ?? Infinity)
      .map(k => k.key);
    await mapLimit([...unknown, ...stale], DORA_CONCURRENCY, async k => {
      const band = await pluginFacts.doraBand(k.ref, k.days, credentials);
      if (band)
        this.dora.set(`${k.ref}|${k.days}`, { value: band, measuredAt: at() });
    });
  }

  /** The plugin facts of one entity, as its checks read them. */
  factsOf(ref: string): Pick<EntityFacts, 'drift' | 'dora' | 'friction'> {
    const drifted = this.drift?.value.get(ref);
    return {
      drift: this.drift && {
        value: drifted ?? { drifted: false },
        measuredAt: this.drift.measuredAt,
      },
      dora: Object.fromEntries(
        this.doraWindows.map(d => [d, this.dora.get(`${ref}|${d}`)]),
      ),
      friction: this.friction && {
        value: this.friction.value.get(ref) ?? [],
        measuredAt: this.friction.measuredAt,
      },
    };
  }
}
