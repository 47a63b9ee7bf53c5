import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { EntityScorecardsResponse } from '@internal/plugin-scorecards-common';
import {
  ExemptionStore,
  FactStore,
  ResultStore,
  StoredFact,
  StoredResultWithChecks,
} from '../database/ScorecardStore';
import { droppedLevels } from '../engine/campaigns';
import { demoFactsOf } from '../engine/demo';
import { evaluateScorecard } from '../engine/evaluate';
import { dayOf } from '../engine/exemptions';
import { Fact, FACT_NAMES, Vulnerability } from '../engine/facts';
import { ownerOf, refOf } from '../engine/refs';
import { CampaignService } from './CampaignService';
import { PluginFactCache } from './PluginFactCache';
import { ScorecardEntities } from './ScorecardEntities';
import { ScorecardNotifier } from './ScorecardNotifier';

/**
 * How old a service's DORA band may be in the periodic evaluation of every
 * service, and how many older ones it reads again per run (a re-check reads
 * its service's at once). At 10,000 services, reading every band every
 * minute was 10,000 requests a minute, 54 s of an evaluation.
 */
const DORA_MAX_AGE_SECONDS = 600;
const DORA_STALE_PER_RUN = 1000;

/** Evaluates entities against their scorecards and stores the results. */
export class EvaluationService {
  constructor(
    private readonly options: {
      facts: FactStore;
      results: ResultStore;
      exemptions: ExemptionStore;
      entities: ScorecardEntities;
      pluginFacts: PluginFactCache;
      notifier: ScorecardNotifier;
      campaigns: CampaignService;
      logger: LoggerService;
      /** Seed made-up CI facts for services without any (demo only). */
      demoFacts?: boolean;
      clock: () => Date;
    },
  ) {}

  /**
   * CI facts of the given entities (all when omitted). In demo mode, the
   * demo organisation's services without any get made-up ones first.
   */
  private async ciFacts(
    entities: Entity[],
    refs: string[],
    all: boolean,
  ): Promise<StoredFact[]> {
    const { facts } = this.options;
    const stored = await facts.getFacts(all ? undefined : refs);
    if (!this.options.demoFacts) return stored;
    const have = new Set(stored.map(f => `${f.entityRef}|${f.name}`));
    const now = this.options.clock();
    const seeds = entities
      .filter((_e, i) => !have.has(`${refs[i]}|${FACT_NAMES.testCoverage}`))
      .flatMap(e => demoFactsOf(e, now));
    if (!seeds.length) return stored;
    for (const fact of seeds) await facts.putFact(fact);
    return facts.getFacts(all ? undefined : refs);
  }

  /**
   * Evaluates the given entities (all of them when omitted), stores their
   * results and tells owners in a campaign when a service dropped a level.
   */
  async evaluate(
    entities?: Entity[],
    credentials?: BackstageCredentials,
  ): Promise<number> {
    const {
      results: store,
      exemptions,
      entities: catalog,
      clock,
    } = this.options;
    const all = entities === undefined;
    const list = entities ?? (await catalog.loadEntities());
    const started = clock();
    const refs = list.map(refOf);
    const [groups, facts, active] = await Promise.all([
      catalog.groups(),
      this.ciFacts(list, refs, all),
      exemptions.activeExemptions(dayOf(started), all ? undefined : refs),
      this.options.pluginFacts.refresh(
        list,
        credentials,
        all
          ? {
              doraMaxAgeSeconds: DORA_MAX_AGE_SECONDS,
              doraStalePerRun: DORA_STALE_PER_RUN,
            }
          : {},
      ),
    ]);
    const factsOf = new Map<string, Map<string, Fact<unknown>>>();
    for (const f of facts) {
      const m = factsOf.get(f.entityRef) ?? new Map();
      m.set(f.name, {
        value: f.value,
        measuredAt: f.measuredAt,
        source: f.source,
      });
      factsOf.set(f.entityRef, m);
    }
    const now = clock();
    const results: StoredResultWithChecks[] = [];
    list.forEach((entity, i) => {
      const ref = refs[i];
      const ownerRef = ownerOf(entity);
      const ci = factsOf.get(ref);
      const entityFacts = {
        entity,
        catalogAt: now.toISOString(),
        ownerIsGroup: !!ownerRef && groups.has(ownerRef),
        testCoverage: ci?.get(FACT_NAMES.testCoverage) as Fact<number>,
        vulnerabilities: ci?.get(FACT_NAMES.vulnerabilities) as Fact<
          Vulnerability[]
        >,
        ...this.options.pluginFacts.factsOf(ref),
      };
      const mine = active.filter(e => e.entityRef === ref);
      for (const def of catalog.applicable(entity)) {
        const r = evaluateScorecard(def, entityFacts, mine, now);
        const ids = (status: string) =>
          r.checks.filter(c => c.status === status).map(c => c.id);
        results.push({
          entityRef: ref,
          scorecardId: r.scorecardId,
          ownerRef,
          levelIndex: r.levelIndex,
          failedChecks: ids('failed'),
          exemptChecks: ids('exempt'),
          checks: r.checks,
          evaluatedAt: r.evaluatedAt,
        });
      }
    });
    const before = await store.writeResults(results);
    const dropped = droppedLevels(results, before);
    if (dropped.length) await this.options.notifier.levelsDropped(dropped, now);
    if (all) {
      await store.pruneResults(started.toISOString());
      await this.options.campaigns.weekNotices(now);
    }
    return list.length;
  }

  /**
   * Re-checks one entity at once, with the caller's credentials. Also asks
   * the catalog to re-read the entity's file, so that an annotation just
   * added counts from the next evaluation (seconds later) on.
   */
  async recheck(entityRef: string, credentials: BackstageCredentials) {
    const { entities, logger } = this.options;
    const entity = await entities.readableEntity(entityRef, credentials);
    await entities
      .refresh(entityRef, credentials)
      .catch(e =>
        logger.debug(
          `Scorecards could not refresh ${entityRef}: ${(e as Error).message}`,
        ),
      );
    await this.evaluate([entity], credentials);
    return this.entityScorecards(entityRef, credentials);
  }

  /** An entity's stored results and exemptions, if the caller may see it. */
  async entityScorecards(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityScorecardsResponse> {
    const { entities, results, exemptions, clock } = this.options;
    await entities.readableEntity(entityRef, credentials);
    const [stored, active] = await Promise.all([
      results.getEntityResults(entityRef),
      exemptions.activeExemptions(dayOf(clock()), [entityRef]),
    ]);
    return {
      entityRef,
      scorecards: stored.flatMap(r => {
        const def = entities.scorecards.find(
          s => s.metadata.name === r.scorecardId,
        );
        if (!def) return [];
        const levels = def.spec.levels.map(l => l.name);
        return [
          {
            scorecardId: r.scorecardId,
            title: def.metadata.title,
            level: r.levelIndex ? levels[r.levelIndex - 1] : null,
            levelIndex: r.levelIndex,
            levels,
            nextLevel: levels[r.levelIndex] ?? null,
            checks: r.checks,
            evaluatedAt: r.evaluatedAt,
          },
        ];
      }),
      exemptions: active,
    };
  }
}
