import { bothDatabases } from '@internal/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  asCi,
  asUser,
  GATEWAY,
  PRIYA,
  SAM,
  startScorecards,
} from './__testUtils__/scorecards';

jest.setTimeout(120_000);

const databases = bothDatabases();

const production = (body: any) =>
  body.scorecards.find((s: any) => s.scorecardId === 'production-readiness');

describe.each(databases.eachSupportedId())('scorecards plugin (%s)', id => {
  it('takes CI facts, re-checks and raises the level', async () => {
    const { server } = await startScorecards({
      knex: await databases.init(id),
    });
    const recheck = () =>
      request(server)
        .post('/api/scorecards/recheck')
        .set(asUser(PRIYA))
        .send({ entityRef: GATEWAY });

    const first = await recheck();
    expect(first.status).toBe(200);
    expect(production(first.body)).toMatchObject({
      level: 'Bronze',
      nextLevel: 'Silver',
    });
    const coverage = production(first.body).checks.find(
      (c: any) => c.id === 'coverage',
    );
    expect(coverage).toMatchObject({
      status: 'failed',
      fact: 'no coverage reported by CI',
      measuredAt: null,
      nextStep: { text: expect.stringContaining('80%') },
    });

    const post = {
      entityRef: 'component:checkout-gateway',
      measuredAt: '2026-11-20T10:00:00Z',
      testCoverage: 91.5,
      vulnerabilities: [
        {
          id: 'CVE-2026-1',
          severity: 'critical',
          foundAt: '2026-11-19T00:00:00Z',
          fixedAt: '2026-11-20T00:00:00Z',
        },
      ],
    };
    const posted = await request(server)
      .post('/api/scorecards/facts')
      .set(asCi())
      .send(post);
    expect(posted.status).toBe(202);
    expect(posted.body).toEqual({ entityRef: GATEWAY, changed: true });
    // Idempotent: the same post again changes nothing.
    const again = await request(server)
      .post('/api/scorecards/facts')
      .set(asCi())
      .send(post);
    expect(again.body.changed).toBe(false);
    // An older measurement never replaces a newer one.
    const older = await request(server)
      .post('/api/scorecards/facts')
      .set(asCi())
      .send({ ...post, measuredAt: '2026-11-01T00:00:00Z', testCoverage: 10 });
    expect(older.body.changed).toBe(false);

    const second = await recheck();
    expect(production(second.body).level).toBe('Silver');
    expect(
      production(second.body).checks.find((c: any) => c.id === 'coverage'),
    ).toMatchObject({
      status: 'passed',
      fact: 'coverage 91.5% (needs 80%)',
      measuredAt: '2026-11-20T10:00:00.000Z',
    });

    const read = await request(server)
      .get(`/api/scorecards/entity?entityRef=${encodeURIComponent(GATEWAY)}`)
      .set(asUser(PRIYA));
    expect(read.status).toBe(200);
    expect(production(read.body).level).toBe('Silver');

    const team = await request(server)
      .get('/api/scorecards/summary?ownerRef=group:default/checkout-core-team')
      .set(asUser(PRIYA));
    expect(team.status).toBe(200);
    expect(team.body.services).toEqual([
      {
        entityRef: GATEWAY,
        ownerRef: 'group:default/checkout-core-team',
        levels: {
          'production-readiness': 'Silver',
          'golden-path-health': 'Bronze',
        },
        exempt: { 'production-readiness': [], 'golden-path-health': [] },
      },
    ]);
    expect(team.body.distribution['production-readiness']).toEqual({
      None: 0,
      Bronze: 0,
      Silver: 1,
      Gold: 0,
    });
  });

  it('refuses facts from anyone but a CI token, and bad facts with a 400', async () => {
    const { server } = await startScorecards({
      knex: await databases.init(id),
    });
    const good = { entityRef: GATEWAY, testCoverage: 50 };
    const fromUser = await request(server)
      .post('/api/scorecards/facts')
      .set(asUser(PRIYA))
      .send(good);
    expect(fromUser.status).toBe(403);
    const anonymous = await request(server)
      .post('/api/scorecards/facts')
      .send(good);
    expect(anonymous.status).toBe(401);
    const fromPlugin = await request(server)
      .post('/api/scorecards/facts')
      .set(asCi('plugin:catalog'))
      .send(good);
    expect(fromPlugin.status).toBe(403);

    const bad: [unknown, RegExp][] = [
      [{ entityRef: GATEWAY }, /send testCoverage, vulnerabilities or both/],
      [{ ...good, testCoverage: 101 }, /testCoverage/],
      [{ ...good, testCoverage: '80' }, /testCoverage/],
      [{ ...good, entityRef: 'a\uD800b' }, /entityRef: must be valid Unicode/],
      [{ ...good, entityRef: 'x'.repeat(300) }, /entityRef/],
      [
        { ...good, measuredAt: '2999-01-01T00:00:00Z' },
        /measuredAt: must not be in the future/,
      ],
      [{ ...good, measuredAt: '2026-02-30T00:00:00Z' }, /measuredAt/],
      [{ ...good, extra: 1 }, /Unrecognized key/],
      [
        {
          entityRef: GATEWAY,
          vulnerabilities: [
            {
              id: 'x',
              severity: 'critical',
              foundAt: '2026-11-02T00:00:00Z',
              fixedAt: '2026-11-01T00:00:00Z',
            },
          ],
        },
        /vulnerabilities.0.fixedAt: must not be before foundAt/,
      ],
      [
        {
          entityRef: GATEWAY,
          vulnerabilities: Array.from({ length: 501 }, (_, i) => ({
            id: `v${i}`,
            severity: 'low',
            foundAt: '2026-11-01T00:00:00Z',
          })),
        },
        /vulnerabilities/,
      ],
    ];
    for (const [body, message] of bad) {
      const res = await request(server)
        .post('/api/scorecards/facts')
        .set(asCi())
        .send(body as object);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('lets only whom the permission allows exempt a service, and shows the exemption', async () => {
    const knex = await databases.init(id);
    const denied = await startScorecards({
      knex,
      decisions: {
        'scorecards.exemption.manage': AuthorizeResult.DENY,
        'scorecards.exemption.approve': AuthorizeResult.DENY,
      },
    });
    const exemption = {
      entityRef: GATEWAY,
      scorecardId: 'production-readiness',
      checkId: 'coverage',
      reason: 'Rewritten in Q1; coverage follows',
      expiresOn: '2099-01-01',
    };
    const refused = await request(denied.server)
      .post('/api/scorecards/exemptions')
      .set(asUser(PRIYA))
      .send({
        ...exemption,
        expiresOn: new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10),
      });
    expect(refused.status).toBe(403);
    await denied.backend.stop();

    const { server } = await startScorecards({ knex });
    const tooLate = await request(server)
      .post('/api/scorecards/exemptions')
      .set(asUser(PRIYA))
      .send(exemption);
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.error.message).toMatch(/at most 90 days/);
    // Not a date at all: a 400, never a 500 (a RangeError once escaped here).
    for (const expiresOn of ['', '2026-02-30', 'x'.repeat(11)]) {
      const notADay = await request(server)
        .post('/api/scorecards/exemptions')
        .set(asUser(PRIYA))
        .send({ ...exemption, expiresOn });
      expect(notADay.status).toBe(400);
      expect(notADay.body.error.message).toMatch(/expiresOn/);
    }
    const unknownCheck = await request(server)
      .post('/api/scorecards/exemptions')
      .set(asUser(PRIYA))
      .send({ ...exemption, checkId: 'nope' });
    expect(unknownCheck.status).toBe(400);
    const expiresOn = new Date(Date.now() + 30 * 864e5)
      .toISOString()
      .slice(0, 10);
    const created = await request(server)
      .post('/api/scorecards/exemptions')
      .set(asUser(PRIYA))
      .send({ ...exemption, expiresOn });
    expect(created.status).toBe(201);
    // Coverage is exempt; the scan is still missing, so still Bronze, but exempt shows.
    const read = await request(server)
      .get(`/api/scorecards/entity?entityRef=${encodeURIComponent(GATEWAY)}`)
      .set(asUser(PRIYA));
    expect(read.body.exemptions).toHaveLength(1);
    expect(
      production(read.body).checks.find((c: any) => c.id === 'coverage'),
    ).toMatchObject({
      status: 'exempt',
      exemption: {
        reason: 'Rewritten in Q1; coverage follows',
        expiresOn,
        createdBy: PRIYA,
      },
    });
    const removed = await request(server)
      .delete(`/api/scorecards/exemptions/${created.body.id}`)
      .set(asUser(PRIYA));
    expect(removed.status).toBe(204);
    const after = await request(server)
      .get(`/api/scorecards/entity?entityRef=${encodeURIComponent(GATEWAY)}`)
      .set(asUser(PRIYA));
    expect(after.body.exemptions).toHaveLength(0);
    expect(
      production(after.body).checks.find((c: any) => c.id === 'coverage')
        .status,
    ).toBe('failed');
  });

  it('keeps an owner from exempting their service from a security check until the platform team approves', async () => {
    const knex = await databases.init(id);
    const sent: any[] = [];
    // Priya owns the gateway; she is not on the platform team.
    const owner = await startScorecards({
      knex,
      sent,
      decisions: { 'scorecards.exemption.approve': AuthorizeResult.DENY },
    });
    const day = (d: number) =>
      new Date(Date.now() + d * 864e5).toISOString().slice(0, 10);
    const facts = await request(owner.server)
      .post('/api/scorecards/facts')
      .set(asCi())
      .send({
        entityRef: GATEWAY,
        testCoverage: 91.5,
        vulnerabilities: [
          {
            id: 'CVE-2026-9',
            severity: 'critical',
            foundAt: new Date(Date.now() - 30 * 864e5).toISOString(),
          },
        ],
      });
    expect(facts.status).toBe(202);
    const exempt = (server: any, body: object) =>
      request(server)
        .post('/api/scorecards/exemptions')
        .set(asUser(PRIYA))
        .send({
          entityRef: GATEWAY,
          scorecardId: 'production-readiness',
          checkId: 'vulnerabilities',
          reason: 'Vendor patch ships next sprint; WAF rule blocks the exploit',
          expiresOn: day(14),
          ...body,
        });
    const aYear = await exempt(owner.server, { expiresOn: day(365) });
    expect(aYear.status).toBe(400);
    expect(aYear.body.error.message).toMatch(/at most 30 days/);
    const threeLetters = await exempt(owner.server, { reason: 'n/a' });
    expect(threeLetters.status).toBe(400);
    expect(threeLetters.body.error.message).toMatch(/reason/);
    const noOne = await exempt(owner.server, { checkId: 'owner' });
    expect(noOne.status).toBe(403);
    expect(noOne.body.error.message).toMatch(/cannot be exempted/);

    const asked = await exempt(owner.server, {});
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ approvedBy: null, createdBy: PRIYA });
    const entity = async (server: any) =>
      production(
        (
          await request(server)
            .get(
              `/api/scorecards/entity?entityRef=${encodeURIComponent(GATEWAY)}`,
            )
            .set(asUser(PRIYA))
        ).body,
      );
    // Awaiting approval: the check still fails and the level stays.
    const pending = await entity(owner.server);
    expect(pending.level).toBe('Bronze');
    expect(
      pending.checks.find((c: any) => c.id === 'vulnerabilities'),
    ).toMatchObject({ status: 'failed', exemption: { approvedBy: null } });
    expect(sent).toContainEqual({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/platform-team'],
      },
      payload: expect.objectContaining({
        title:
          'Exemption awaits approval: Checkout Gateway, No critical vulnerability unpatched for more than 7 days',
        description: expect.stringMatching(/, by Priya Sharma: /),
      }),
    });
    const selfApproved = await request(owner.server)
      .post(`/api/scorecards/exemptions/${asked.body.id}/approve`)
      .set(asUser(PRIYA));
    expect(selfApproved.status).toBe(403);
    expect((await entity(owner.server)).level).toBe('Bronze');
    await owner.backend.stop();

    const platform = await startScorecards({ knex });
    const approved = await request(platform.server)
      .post(`/api/scorecards/exemptions/${asked.body.id}/approve`)
      .set(asUser(SAM));
    expect(approved.status).toBe(200);
    expect(approved.body.approvedBy).toBe(SAM);
    const counted = await entity(platform.server);
    expect(counted.level).toBe('Silver');
    expect(
      counted.checks.find((c: any) => c.id === 'vulnerabilities').status,
    ).toBe('exempt');

    // Shown as exempt, not passed, to the team, the organisation and campaigns.
    const team = await request(platform.server)
      .get('/api/scorecards/summary?ownerRef=group:default/checkout-core-team')
      .set(asUser(PRIYA));
    expect(team.body.services[0].exempt).toEqual({
      'production-readiness': ['vulnerabilities'],
      'golden-path-health': [],
    });
    const org = await request(platform.server)
      .get('/api/scorecards/summary')
      .set(asUser(PRIYA));
    expect(org.body.exempt['production-readiness']).toBe(1);
    expect(org.body.teams['production-readiness']).toContainEqual(
      expect.objectContaining({
        ownerRef: 'group:default/checkout-core-team',
        exempt: 1,
      }),
    );
    const campaign = await request(platform.server)
      .post('/api/scorecards/campaigns')
      .set(asUser(SAM))
      .send({
        title: 'Every tier-1 service at Silver',
        scorecardId: 'production-readiness',
        targetLevel: 'Silver',
        deadline: day(60),
        scope: { tags: ['tier-1'] },
      });
    expect(campaign.status).toBe(201);
    expect(campaign.body).toMatchObject({ reached: 1, exempt: 1, total: 1 });
    const details = await request(platform.server)
      .get(`/api/scorecards/campaigns/${campaign.body.id}`)
      .set(asUser(PRIYA));
    expect(details.body.services).toEqual([
      expect.objectContaining({ reached: true, exempt: ['vulnerabilities'] }),
    ]);
  });

  it('lets the platform team run a campaign, tells owners, and shows progress', async () => {
    const knex = await databases.init(id);
    const denied = await startScorecards({
      knex,
      decisions: { 'scorecards.campaign.manage': AuthorizeResult.DENY },
    });
    const campaign = {
      title: 'Every tier-1 service at Silver',
      scorecardId: 'production-readiness',
      targetLevel: 'Silver',
      deadline: '2027-03-31',
      scope: { tags: ['tier-1'] },
    };
    const refused = await request(denied.server)
      .post('/api/scorecards/campaigns')
      .set(asUser(PRIYA))
      .send(campaign);
    expect(refused.status).toBe(403);
    await denied.backend.stop();

    const sent: any[] = [];
    const { server } = await startScorecards({ knex, sent });
    const badLevel = await request(server)
      .post('/api/scorecards/campaigns')
      .set(asUser(SAM))
      .send({ ...campaign, targetLevel: 'Platinum' });
    expect(badLevel.status).toBe(400);
    expect(badLevel.body.error.message).toMatch(/'Platinum' is not a level/);

    await request(server)
      .post('/api/scorecards/recheck')
      .set(asUser(SAM))
      .send({ entityRef: GATEWAY });
    const started = await request(server)
      .post('/api/scorecards/campaigns')
      .set(asUser(SAM))
      .send(campaign);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      reached: 0,
      total: 1,
      createdBy: SAM,
    });
    expect(sent).toEqual([
      expect.objectContaining({
        recipients: {
          type: 'entity',
          entityRef: ['group:default/checkout-core-team'],
        },
        payload: expect.objectContaining({
          title: 'Campaign started: Every tier-1 service at Silver',
        }),
      }),
    ]);

    await request(server)
      .post('/api/scorecards/facts')
      .set(asCi())
      .send({ entityRef: GATEWAY, testCoverage: 90, vulnerabilities: [] });
    await request(server)
      .post('/api/scorecards/recheck')
      .set(asUser(SAM))
      .send({ entityRef: GATEWAY });
    const details = await request(server)
      .get(`/api/scorecards/campaigns/${started.body.id}`)
      .set(asUser(PRIYA));
    expect(details.status).toBe(200);
    expect(details.body.services).toEqual([
      {
        entityRef: GATEWAY,
        ownerRef: 'group:default/checkout-core-team',
        level: 'Silver',
        reached: true,
        exempt: [],
      },
    ]);
    expect(details.body.burnup.at(-1)).toMatchObject({ reached: 1, total: 1 });

    // Dropping a level while in a campaign tells the owners.
    await request(server)
      .post('/api/scorecards/facts')
      .set(asCi())
      .send({ entityRef: GATEWAY, testCoverage: 40 });
    await request(server)
      .post('/api/scorecards/recheck')
      .set(asUser(SAM))
      .send({ entityRef: GATEWAY });
    expect(sent.at(-1)).toMatchObject({
      payload: {
        title: 'checkout-gateway dropped to Bronze on Production readiness',
      },
    });

    const list = await request(server)
      .get('/api/scorecards/campaigns')
      .set(asUser(PRIYA));
    expect(list.body.items).toHaveLength(1);
    const missing = await request(server)
      .get('/api/scorecards/campaigns/8f1d7a0e-4c59-4b8e-9d2a-1f0e6c3b5a77')
      .set(asUser(PRIYA));
    expect(missing.status).toBe(404);
  });

  it('refuses to start with a bad scorecard file, naming the file and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scorecards-bad-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'apiVersion: scorecards.portal/v1\nkind: Scorecard\nmetadata: { name: bad, title: Bad }\nspec:\n  appliesTo: { kinds: [Component] }\n  levels: []\n',
    );
    await expect(
      startScorecards({ knex: await databases.init(id), files: [file] }),
    ).rejects.toThrow(`Invalid scorecard file ${file}: field 'spec.levels'`);
  });
});
