import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { bothDatabases } from '@internal/test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { entities, SCORECARD_FILES } from '../__testUtils__/scorecards';
import { createScorecardStores } from '../database/createScorecardStores';
import { ScorecardStores } from '../database/ScorecardStore';
import { loadScorecards } from '../engine/definitions';
import { DriftFact } from '../engine/facts';
import { PluginFacts } from './pluginFacts';
import { createScorecardsServices, ScorecardsServices } from './createServices';

jest.setTimeout(60_000);

const databases = bothDatabases();
const GATEWAY = 'component:default/checkout-gateway';

describe.each(databases.eachSupportedId())('scorecards services (%s)', id => {
  let now: Date;
  let sent: any[];
  let drift: Map<string, DriftFact> | undefined;
  let services: ScorecardsServices;
  let stores: ScorecardStores;
  let doraReads: string[];

  beforeEach(async () => {
    const knex = await databases.init(id);
    stores = await createScorecardStores({
      database: { getClient: async () => knex },
    });
    now = new Date('2027-03-25T09:00:00Z');
    sent = [];
    drift = new Map();
    doraReads = [];
    const pluginFacts: PluginFacts = {
      drift: async () => drift,
      doraBand: async ref => {
        doraReads.push(ref);
        return 'high';
      },
      openReports: async () => new Map(),
    };
    services = createScorecardsServices({
      stores,
      permissions: mockServices.permissions(),
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth() as AuthService,
      logger: mockServices.logger.mock() as unknown as LoggerService,
      pluginFacts,
      scorecards: loadScorecards(SCORECARD_FILES),
      notifications: {
        send: async (n: unknown) => {
          sent.push(n);
        },
      } as NotificationService,
      demoFacts: true,
      platformTeamRef: 'group:default/platform-team',
      clock: () => now,
    });
  });

  it('tells owners once when a campaign deadline is a week away', async () => {
    await services.evaluation.evaluate();
    const campaign = await services.campaigns.startCampaign(
      {
        title: 'Tier 1 at Gold',
        scorecardId: 'production-readiness',
        targetLevel: 'Gold',
        deadline: '2027-04-05',
        scope: { tags: ['tier-1'] },
      },
      'user:default/sam.okafor',
    );
    expect(sent.map(n => n.payload.title)).toEqual([
      'Campaign started: Tier 1 at Gold',
    ]);
    await services.evaluation.evaluate();
    expect(sent).toHaveLength(1); // 11 days before: not yet
    now = new Date('2027-03-29T09:00:00Z');
    await services.evaluation.evaluate();
    await services.evaluation.evaluate();
    expect(sent.map(n => n.payload.title)).toEqual([
      'Campaign started: Tier 1 at Gold',
      'A week left: Tier 1 at Gold',
    ]);
    expect(sent[1].recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/checkout-core-team'],
    });
    expect(
      (await stores.campaigns.getCampaign(campaign.id))?.weekNoticeAt,
    ).toBe(now.toISOString());
  });

  it('reads DORA bands again every ten minutes in the periodic evaluation, at once on a re-check', async () => {
    await services.evaluation.evaluate();
    const first = doraReads.length;
    expect(doraReads).toContain(GATEWAY);
    now = new Date(now.getTime() + 5 * 60_000);
    await services.evaluation.evaluate();
    expect(doraReads).toHaveLength(first);
    await services.evaluation.recheck(GATEWAY, mockCredentials.user());
    expect(doraReads.slice(first)).toEqual([GATEWAY]);
    // Ten minutes on, the bands read then are due; the re-checked one not yet.
    now = new Date(now.getTime() + 6 * 60_000);
    await services.evaluation.evaluate();
    expect(doraReads.slice(first + 1)).toEqual([
      'component:default/marketing-site',
    ]);
  });

  it('keeps the last known fact of a plugin that stops answering', async () => {
    drift = new Map();
    drift.set(GATEWAY, {
      drifted: true,
      version: '1.3.1',
      currentVersion: '2.0.0',
    });
    await services.evaluation.evaluate();
    const measured = now.toISOString();
    now = new Date(now.getTime() + 60_000);
    drift = undefined;
    await services.evaluation.evaluate();
    const [golden] = (await stores.results.getEntityResults(GATEWAY)).filter(
      r => r.scorecardId === 'golden-path-health',
    );
    expect(golden.checks.find(c => c.id === 'not-drifted')).toMatchObject({
      status: 'failed',
      fact: 'on 1.3.1, the path is at 2.0.0',
      measuredAt: measured,
    });
  });

  it('seeds demo CI facts once, snapshots the day and shows the trend', async () => {
    await services.evaluation.evaluate();
    const facts = await stores.facts.getFacts([GATEWAY]);
    expect(facts.map(f => [f.name, f.source]).sort()).toEqual([
      ['testCoverage', 'demo-seed'],
      ['vulnerabilities', 'demo-seed'],
    ]);
    // Nothing made up for a service outside the demo organisation.
    expect(
      await stores.facts.getFacts(['component:default/marketing-site']),
    ).toEqual([]);
    await services.evaluation.evaluate();
    expect(await stores.facts.getFacts([GATEWAY])).toEqual(facts);

    await services.snapshots.snapshot();
    const summary = await services.summary.summary({ days: 30 });
    // Today's snapshot, and (demo) made-up history before it.
    const trend = summary.trend['production-readiness'];
    expect(trend).toHaveLength(31);
    expect(trend.at(-1)?.day).toBe('2027-03-25');
    for (const point of trend) {
      expect(Object.values(point.counts).reduce((a, b) => a + b, 0)).toBe(2);
    }
    // History is seeded once; later snapshots only write their own day.
    await services.snapshots.snapshot();
    expect((await services.summary.summary({ days: 30 })).trend).toEqual(
      summary.trend,
    );
    expect(
      summary.teams?.['production-readiness'].map(t => t.ownerRef),
    ).toEqual(['group:default/checkout-core-team', 'group:default/web-team']);
  });
});
