import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  CampaignCreate,
  CampaignDetails,
  Campaign,
  EntityScorecardsResponse,
  ExemptionInfo,
  LevelCounts,
  NO_LEVEL,
  ScorecardDefinition,
  SummaryResponse,
} from '@internal/plugin-scorecards-common';
import { matchesSelector } from '../engine/definitions';
import { dayOf, evaluateScorecard } from '../engine/evaluate';
import {
  DoraBand,
  DriftFact,
  EntityFacts,
  Fact,
  FACT_NAMES,
  OpenReport,
  Vulnerability,
} from '../engine/facts';
import {
  ScorecardStore,
  StoredCampaign,
  StoredResultWithChecks,
} from '../database/ScorecardStore';
import { PluginFacts } from './pluginFacts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Snapshots are kept this many days (more than a year). */
export const SNAPSHOT_RETENTION_DAYS = 400;
const DORA_CONCURRENCY = 8;
const DEMO_HISTORY_DAYS = 180;
const lower = (s: string) => s.toLocaleLowerCase('en-US');
const FIELDS = ['kind', 'metadata', 'spec', 'relations'];

export interface ScorecardsServiceOptions {
  store: ScorecardStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  pluginFacts: PluginFacts;
  scorecards: ScorecardDefinition[];
  notifications?: NotificationService;
  /** Group told of new exemptions (portal.platformTeam). */
  platformTeamRef: string;
  /** Seed made-up CI facts for services without any (demo only). */
  demoFacts?: boolean;
  clock?: () => Date;
}

/** Owner of an entity as a full, lower-case ref. */
export function ownerOf(entity: Entity): string | null {
  const rel = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (rel) return lower(rel.targetRef);
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return null;
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  } catch {
    return null;
  }
}

/** A small stable number from a string (for demo facts). */
function hash(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

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

/** Evaluates scorecards, keeps their history, exemptions and campaigns. */
export class ScorecardsService {
  private readonly clock: () => Date;
  /** Last known facts read from plugins (kept when a plugin is unavailable). */
  private drift?: Fact<Map<string, DriftFact>>;
  private friction?: Fact<Map<string, OpenReport[]>>;
  private readonly dora = new Map<string, Fact<DoraBand>>();
  private readonly doraWindows: number[];
  private readonly kinds: string[];

  constructor(private readonly options: ScorecardsServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.doraWindows = [
      ...new Set(
        options.scorecards.flatMap(s =>
          s.spec.levels.flatMap(l =>
            l.checks.flatMap(c => (c.type === 'dora' ? [c.windowDays] : [])),
          ),
        ),
      ),
    ];
    this.kinds = [
      ...new Set(options.scorecards.flatMap(s => s.spec.appliesTo.kinds)),
    ];
  }

  get scorecards() {
    return this.options.scorecards;
  }

  scorecard(id: string): ScorecardDefinition {
    const def = this.options.scorecards.find(s => s.metadata.name === id);
    if (!def) throw new InputError(`Unknown scorecard '${id}'`);
    return def;
  }

  private applicable(entity: Entity) {
    return this.options.scorecards.filter(s =>
      matchesSelector(entity, s.spec.appliesTo),
    );
  }

  private async serviceCredentials() {
    return this.options.auth.getOwnServiceCredentials();
  }

  /** Every entity some scorecard applies to. */
  async loadEntities(): Promise<Entity[]> {
    const { items } = await this.options.catalog.getEntities(
      { filter: this.kinds.map(kind => ({ kind })), fields: FIELDS },
      { credentials: await this.serviceCredentials() },
    );
    return items.filter(e => this.applicable(e).length > 0);
  }

  private async groups(): Promise<Set<string>> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: 'group' },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await this.serviceCredentials() },
    );
    return new Set(items.map(g => lower(stringifyEntityRef(g))));
  }

  private async refreshPluginFacts(
    entities: Entity[],
    credentials?: BackstageCredentials,
  ) {
    const { pluginFacts } = this.options;
    const at = () => this.clock().toISOString();
    const [drift, friction] = await Promise.all([
      pluginFacts.drift(credentials),
      pluginFacts.openReports(credentials),
    ]);
    if (drift) this.drift = { value: drift, measuredAt: at() };
    if (friction) this.friction = { value: friction, measuredAt: at() };
    if (!this.doraWindows.length) return;
    const needsDora = entities.filter(e =>
      this.applicable(e).some(s =>
        s.spec.levels.some(l => l.checks.some(c => c.type === 'dora')),
      ),
    );
    await mapLimit(needsDora, DORA_CONCURRENCY, async entity => {
      const ref = lower(stringifyEntityRef(entity));
      for (const days of this.doraWindows) {
        const band = await pluginFacts.doraBand(ref, days, credentials);
        if (band)
          this.dora.set(`${ref}|${days}`, { value: band, measuredAt: at() });
      }
    });
  }

  private async seedDemoFacts(refs: string[], have: Set<string>) {
    const now = this.clock();
    for (const ref of refs) {
      if (have.has(`${ref}|${FACT_NAMES.testCoverage}`)) continue;
      const h = hash(ref);
      const measuredAt = new Date(
        now.getTime() - (h % 5) * DAY_MS,
      ).toISOString();
      await this.options.store.putFact({
        entityRef: ref,
        name: FACT_NAMES.testCoverage,
        value: 55 + (h % 43),
        measuredAt,
        source: 'demo-seed',
      });
      const vulns: Vulnerability[] =
        h % 4 === 0
          ? [
              {
                id: `CVE-2026-${1000 + (h % 9000)}`,
                severity: 'critical',
                foundAt: new Date(now.getTime() - 12 * DAY_MS).toISOString(),
              },
            ]
          : [];
      await this.options.store.putFact({
        entityRef: ref,
        name: FACT_NAMES.vulnerabilities,
        value: vulns,
        measuredAt,
        source: 'demo-seed',
      });
    }
  }

  /**
   * Evaluates the given entities (all of them when omitted), stores their
   * results and tells owners in a campaign when a service dropped a level.
   */
  async evaluate(
    entities?: Entity[],
    credentials?: BackstageCredentials,
  ): Promise<number> {
    const { store } = this.options;
    const all = entities === undefined;
    const list = entities ?? (await this.loadEntities());
    const started = this.clock();
    const refs = list.map(e => lower(stringifyEntityRef(e)));
    const [groups, stored, exemptions] = await Promise.all([
      this.groups(),
      store.getFacts(all ? undefined : refs),
      store.activeExemptions(dayOf(started), all ? undefined : refs),
      this.refreshPluginFacts(list, credentials),
    ]);
    let facts = stored;
    if (this.options.demoFacts) {
      const have = new Set(stored.map(f => `${f.entityRef}|${f.name}`));
      const missing = refs.filter(
        r => !have.has(`${r}|${FACT_NAMES.testCoverage}`),
      );
      if (missing.length) {
        await this.seedDemoFacts(missing, have);
        facts = await store.getFacts(all ? undefined : refs);
      }
    }
    const factsOf = new Map<string, Map<string, Fact<unknown>>>();
    for (const f of facts) {
      const m = factsOf.get(f.entityRef) ?? new Map();
      m.set(f.name, { value: f.value, measuredAt: f.measuredAt });
      factsOf.set(f.entityRef, m);
    }
    const now = this.clock();
    const results: StoredResultWithChecks[] = [];
    list.forEach((entity, i) => {
      const ref = refs[i];
      const ownerRef = ownerOf(entity);
      const ci = factsOf.get(ref);
      const drifted = this.drift?.value.get(ref);
      const entityFacts: EntityFacts = {
        entity,
        catalogAt: now.toISOString(),
        ownerIsGroup: !!ownerRef && groups.has(ownerRef),
        testCoverage: ci?.get(FACT_NAMES.testCoverage) as Fact<number>,
        vulnerabilities: ci?.get(FACT_NAMES.vulnerabilities) as Fact<
          Vulnerability[]
        >,
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
      const mine = exemptions.filter(e => e.entityRef === ref);
      for (const def of this.applicable(entity)) {
        const r = evaluateScorecard(def, entityFacts, mine, now);
        results.push({
          entityRef: ref,
          scorecardId: r.scorecardId,
          ownerRef,
          levelIndex: r.levelIndex,
          failedChecks: r.checks
            .filter(c => c.status === 'failed')
            .map(c => c.id),
          exemptChecks: r.checks
            .filter(c => c.status === 'exempt')
            .map(c => c.id),
          checks: r.checks,
          evaluatedAt: r.evaluatedAt,
        });
      }
    });
    const before = await store.writeResults(results);
    const dropped = results.filter(r => {
      const old = before.get(`${r.entityRef}|${r.scorecardId}`);
      return old !== undefined && r.levelIndex < old;
    });
    if (dropped.length) await this.notifyDrops(dropped, now);
    if (all) {
      await store.pruneResults(started.toISOString());
      await this.weekNotices(now);
    }
    return list.length;
  }

  /**
   * Re-checks one entity at once, with the caller's credentials. Also asks
   * the catalog to re-read the entity's file, so that an annotation just
   * added counts from the next evaluation (seconds later) on.
   */
  async recheck(entityRef: string, credentials: BackstageCredentials) {
    const entity = await this.readableEntity(entityRef, credentials);
    await this.options.catalog
      .refreshEntity(entityRef, { credentials })
      .catch(e =>
        this.options.logger.debug(
          `Scorecards could not refresh ${entityRef}: ${(e as Error).message}`,
        ),
      );
    await this.evaluate([entity], credentials);
    return this.entityScorecards(entityRef, credentials);
  }

  /** The entity, if the caller may see it in the catalog. */
  async readableEntity(entityRef: string, credentials: BackstageCredentials) {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    return entity;
  }

  async entityScorecards(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityScorecardsResponse> {
    await this.readableEntity(entityRef, credentials);
    const [results, exemptions] = await Promise.all([
      this.options.store.getEntityResults(entityRef),
      this.options.store.activeExemptions(dayOf(this.clock()), [entityRef]),
    ]);
    return {
      entityRef,
      scorecards: results.flatMap(r => {
        const def = this.options.scorecards.find(
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
      exemptions,
    };
  }

  private levelName(scorecardId: string, index: number) {
    const def = this.options.scorecards.find(
      s => s.metadata.name === scorecardId,
    );
    return index ? def?.spec.levels[index - 1]?.name ?? NO_LEVEL : NO_LEVEL;
  }

  private emptyCounts(def: ScorecardDefinition): LevelCounts {
    return Object.fromEntries(
      [NO_LEVEL, ...def.spec.levels.map(l => l.name)].map(n => [n, 0]),
    );
  }

  /** A team's services and distribution, or the organisation's. */
  async summary(query: {
    ownerRef?: string;
    days: number;
  }): Promise<SummaryResponse> {
    const { store, scorecards } = this.options;
    const now = this.clock();
    const fromDay = dayOf(new Date(now.getTime() - query.days * DAY_MS));
    const [results, trendRows] = await Promise.all([
      store.listResults({ ownerRef: query.ownerRef }),
      store.trend(fromDay, query.ownerRef),
    ]);
    const distribution: SummaryResponse['distribution'] = {};
    const teams: Record<string, Map<string, LevelCounts>> = {};
    const teamExempt = new Map<string, number>();
    const exempt: SummaryResponse['exempt'] = {};
    const failed = new Map<string, number>();
    for (const def of scorecards) {
      distribution[def.metadata.name] = this.emptyCounts(def);
      teams[def.metadata.name] = new Map();
      exempt[def.metadata.name] = 0;
    }
    const services = new Map<
      string,
      SummaryResponse['services'] extends (infer S)[] | undefined ? S : never
    >();
    for (const r of results) {
      const def = scorecards.find(s => s.metadata.name === r.scorecardId);
      if (!def) continue;
      const name = this.levelName(r.scorecardId, r.levelIndex);
      distribution[r.scorecardId][name] += 1;
      const owner = r.ownerRef ?? '(no owner)';
      const team = teams[r.scorecardId].get(owner) ?? this.emptyCounts(def);
      team[name] += 1;
      teams[r.scorecardId].set(owner, team);
      if (r.exemptChecks.length) {
        exempt[r.scorecardId] += 1;
        const key = `${r.scorecardId}|${owner}`;
        teamExempt.set(key, (teamExempt.get(key) ?? 0) + 1);
      }
      for (const c of r.failedChecks) {
        const key = `${r.scorecardId}|${c}`;
        failed.set(key, (failed.get(key) ?? 0) + 1);
      }
      const s = services.get(r.entityRef) ?? {
        entityRef: r.entityRef,
        ownerRef: r.ownerRef,
        levels: {},
        exempt: {},
      };
      s.levels[r.scorecardId] = r.levelIndex ? name : null;
      s.exempt[r.scorecardId] = r.exemptChecks;
      services.set(r.entityRef, s);
    }
    const titleOf = (scorecardId: string, checkId: string) =>
      scorecards
        .find(s => s.metadata.name === scorecardId)
        ?.spec.levels.flatMap(l => l.checks)
        .find(c => c.id === checkId)?.title ?? checkId;
    const trend: SummaryResponse['trend'] = {};
    for (const def of scorecards) {
      const byDay = new Map<string, LevelCounts>();
      for (const row of trendRows.filter(
        t => t.scorecardId === def.metadata.name,
      )) {
        const counts = byDay.get(row.day) ?? this.emptyCounts(def);
        counts[this.levelName(row.scorecardId, row.levelIndex)] += row.count;
        byDay.set(row.day, counts);
      }
      trend[def.metadata.name] = [...byDay.entries()].map(([day, counts]) => ({
        day,
        counts,
      }));
    }
    return {
      scope: query.ownerRef ? { ownerRef: query.ownerRef } : {},
      scorecards: scorecards.map(s => ({
        id: s.metadata.name,
        title: s.metadata.title,
        description: s.metadata.description,
        levels: s.spec.levels.map(l => l.name),
        checks: s.spec.levels.flatMap(l =>
          l.checks.map(c => ({ id: c.id, title: c.title, level: l.name })),
        ),
      })),
      distribution,
      exempt,
      ...(query.ownerRef
        ? { services: [...services.values()] }
        : {
            teams: Object.fromEntries(
              Object.entries(teams).map(([id, m]) => [
                id,
                [...m.entries()]
                  .map(([ownerRef, counts]) => ({
                    ownerRef,
                    counts,
                    exempt: teamExempt.get(`${id}|${ownerRef}`) ?? 0,
                  }))
                  .sort((a, b) => a.ownerRef.localeCompare(b.ownerRef)),
              ]),
            ),
          }),
      topFailed: [...failed.entries()]
        .map(([key, n]) => {
          const [scorecardId, checkId] = key.split('|');
          return {
            scorecardId,
            checkId,
            title: titleOf(scorecardId, checkId),
            failed: n,
          };
        })
        .sort((a, b) => b.failed - a.failed)
        .slice(0, 10),
      trend,
    };
  }

  /** Copies today's levels into the history; drops what is over 400 days old. */
  async snapshot() {
    const now = this.clock();
    const today = dayOf(now);
    await this.options.store.snapshot(
      today,
      dayOf(new Date(now.getTime() - SNAPSHOT_RETENTION_DAYS * DAY_MS)),
    );
    if (
      this.options.demoFacts &&
      !(await this.options.store.hasSnapshotsBefore(today))
    ) {
      await this.seedDemoHistory(now);
    }
  }

  /**
   * Demo only: half a year of made-up daily levels ending at today's, each
   * service climbing one level every one to three months, so the trend and
   * burn-up charts have a shape.
   */
  private async seedDemoHistory(now: Date) {
    const results = await this.options.store.listResults({});
    const rows = [];
    for (let d = 1; d <= DEMO_HISTORY_DAYS; d++) {
      const day = dayOf(new Date(now.getTime() - d * DAY_MS));
      for (const r of results) {
        const every = 30 + (hash(`${r.entityRef}|${r.scorecardId}`) % 60);
        rows.push({
          day,
          entityRef: r.entityRef,
          scorecardId: r.scorecardId,
          ownerRef: r.ownerRef,
          levelIndex: Math.max(0, r.levelIndex - Math.floor(d / every)),
        });
      }
    }
    await this.options.store.insertSnapshots(rows);
  }

  async startCampaign(
    input: CampaignCreate,
    createdBy: string,
  ): Promise<Campaign> {
    const def = this.scorecard(input.scorecardId);
    const targetIndex =
      def.spec.levels.findIndex(l => l.name === input.targetLevel) + 1;
    if (!targetIndex) {
      throw new InputError(
        `Invalid campaign: targetLevel: '${
          input.targetLevel
        }' is not a level of ${input.scorecardId} (${def.spec.levels
          .map(l => l.name)
          .join(', ')})`,
      );
    }
    const today = dayOf(this.clock());
    if (input.deadline <= today) {
      throw new InputError('Invalid campaign: deadline: must be after today');
    }
    const entities = (await this.loadEntities()).filter(
      e =>
        matchesSelector(e, def.spec.appliesTo) &&
        matchesSelector(e, input.scope),
    );
    if (!entities.length) {
      throw new InputError('Invalid campaign: scope: no service is in scope');
    }
    const services = entities.map(e => ({
      entityRef: lower(stringifyEntityRef(e)),
      ownerRef: ownerOf(e),
    }));
    const campaign = await this.options.store.createCampaign(
      { ...input, createdBy, targetIndex },
      services,
    );
    await this.notify(
      services.map(s => s.ownerRef),
      {
        title: `Campaign started: ${campaign.title}`,
        description: `Bring your services to ${campaign.targetLevel} on ${def.metadata.title} by ${campaign.deadline}.`,
        link: `/scorecards/campaigns/${campaign.id}`,
      },
    );
    return this.withProgress(campaign);
  }

  private async withProgress(c: StoredCampaign): Promise<Campaign> {
    const details = await this.campaignProgress(c);
    return details.campaign;
  }

  private async campaignProgress(c: StoredCampaign) {
    const services = await this.options.store.campaignServices(c.id);
    const results = await this.options.store.listResults({});
    const current = new Map(
      results
        .filter(r => r.scorecardId === c.scorecardId)
        .map(r => [r.entityRef, r]),
    );
    const rows = services.map(s => {
      const r = current.get(s.entityRef);
      const index = r?.levelIndex ?? 0;
      return {
        entityRef: s.entityRef,
        ownerRef: s.ownerRef,
        level: index ? this.levelName(c.scorecardId, index) : null,
        reached: index >= c.targetIndex,
        exempt: r?.exemptChecks ?? [],
      };
    });
    const { targetIndex: _t, weekNoticeAt: _w, ...rest } = c;
    const reached = rows.filter(r => r.reached);
    const campaign: Campaign = {
      ...rest,
      reached: reached.length,
      exempt: reached.filter(r => r.exempt.length).length,
      total: rows.length,
    };
    return { campaign, rows };
  }

  async listCampaigns(): Promise<Campaign[]> {
    const list = await this.options.store.listCampaigns();
    return Promise.all(list.map(c => this.withProgress(c)));
  }

  async campaign(id: string): Promise<CampaignDetails> {
    const c = await this.options.store.getCampaign(id);
    if (!c) throw new NotFoundError('Campaign not found');
    const { campaign, rows } = await this.campaignProgress(c);
    const today = dayOf(this.clock());
    const history = (
      await this.options.store.burnup(id, c.createdAt.slice(0, 10))
    ).filter(p => p.day !== today);
    return {
      ...campaign,
      services: rows,
      burnup: [
        ...history,
        { day: today, reached: campaign.reached, total: campaign.total },
      ],
    };
  }

  /** Tells the platform team of a new exemption (and whether it awaits them). */
  async notifyExemption(
    exemption: ExemptionInfo,
    check: { title: string },
    awaitsApproval: boolean,
  ) {
    const { name, namespace, kind } = parseEntityRef(exemption.entityRef);
    await this.notify([this.options.platformTeamRef], {
      title: `${
        awaitsApproval ? 'Exemption awaits approval' : 'New exemption'
      }: ${name}, ${check.title}`,
      description: `Until ${exemption.expiresOn}, by ${exemption.createdBy}: ${exemption.reason}`,
      link: `/catalog/${namespace}/${kind}/${name}/scorecards`,
    });
  }

  private async notify(
    owners: (string | null)[],
    payload: { title: string; description: string; link: string },
  ) {
    const { notifications, logger } = this.options;
    const recipients = [...new Set(owners.filter((o): o is string => !!o))];
    if (!notifications || !recipients.length) return;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: { ...payload, topic: 'scorecards', severity: 'normal' },
      });
    } catch (e) {
      logger.warn(`Scorecards notification failed: ${(e as Error).message}`);
    }
  }

  private async notifyDrops(dropped: StoredResultWithChecks[], now: Date) {
    const active = await this.options.store.activeCampaignsOf(
      dropped.map(d => d.entityRef),
      dayOf(now),
    );
    for (const d of dropped) {
      if (
        !active.some(
          a => a.entityRef === d.entityRef && a.scorecardId === d.scorecardId,
        )
      ) {
        continue;
      }
      const def = this.scorecard(d.scorecardId);
      const { name, namespace, kind } = parseEntityRef(d.entityRef);
      await this.notify([d.ownerRef], {
        title: `${name} dropped to ${this.levelName(
          d.scorecardId,
          d.levelIndex,
        )} on ${def.metadata.title}`,
        description: `Failing: ${d.checks
          .filter(c => c.status === 'failed')
          .map(c => c.title)
          .join(', ')}`,
        link: `/catalog/${namespace}/${kind}/${name}/scorecards`,
      });
    }
  }

  private async weekNotices(now: Date) {
    const today = dayOf(now);
    const weekAhead = dayOf(new Date(now.getTime() + 7 * DAY_MS));
    for (const c of await this.options.store.listCampaigns()) {
      if (c.weekNoticeAt || c.deadline < today || c.deadline > weekAhead)
        continue;
      const { rows } = await this.campaignProgress(c);
      await this.notify(
        rows.filter(r => !r.reached).map(r => r.ownerRef),
        {
          title: `A week left: ${c.title}`,
          description: `Deadline ${c.deadline}: services below ${c.targetLevel} still need work.`,
          link: `/scorecards/campaigns/${c.id}`,
        },
      );
      await this.options.store.markWeekNotice(c.id, now.toISOString());
    }
  }
}
