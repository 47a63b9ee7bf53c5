import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { knex } from 'knex';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { PortalBackend, waitUntil } from './testing/portalBackend';
import { setupTestBackend, TestDatabase } from './testing/testDatabase';

/**
 * The portal's actions over MCP, in the real backend on SQLite and on
 * PostgreSQL, through the official MCP TypeScript SDK client with a demo
 * sign-in token: each person sees the tools they may use, every action
 * answers what the plugin's HTTP API answers, refusals are MCP errors, and
 * an anonymous report filed through MCP names nobody.
 */

jest.setTimeout(180_000);

/** A developer in checkout-core-team; a platform engineer in platform-team. */
const DEVELOPER = 'priya.sharma';
const PLATFORM_ENGINEER = 'sam.okafor';

/** The portal's own actions, as MCP tools (`<plugin id>.<action name>`). */
const EVERYONE_TOOLS = [
  'platform-metrics.get-dora-metrics',
  'platform-metrics.list-team-metrics',
  'platform-metrics.list-delivery-events',
  'platform-metrics.get-adoption',
  'golden-paths.list-golden-paths',
  'golden-paths.get-service-drift',
  'golden-paths.order-database',
  'golden-paths.order-cache',
  'feedback.report-friction',
  'feedback.support-report',
  'feedback.list-entity-reports',
  'feedback.list-shipped',
  'scorecards.get-service-scorecards',
  'scorecards.get-team-scorecards',
  'portal-analytics.get-platform-kpis',
];
const PLATFORM_TEAM_TOOLS = ['portal-analytics.get-portal-usage'];

/** The value with every fraction rounded to 6 significant digits. */
const sixDigits = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (_key, v) =>
      typeof v === 'number' && !Number.isInteger(v)
        ? Number(v.toPrecision(6))
        : v,
    ),
  );

type ToolResult = {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
};

describe.each([
  ['SQLite', 7540],
  ['PostgreSQL', 7541],
] as const)('MCP actions in the portal backend on %s', (dbKind, port) => {
  let backend: PortalBackend;
  let db: TestDatabase;
  const clients = new Map<string, Client>();

  const http = async (user: string, urlPath: string, init?: RequestInit) => {
    const res = await backend.request(user, urlPath, init);
    return { status: res.status, body: await res.json().catch(() => null) };
  };
  const entityExists = async (ref: string) => {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const res = await backend.request(
      DEVELOPER,
      `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
    );
    return res.status === 200;
  };

  /** An MCP client sending a token, as Claude Code or Cursor would. */
  async function mcpWithToken(token: string): Promise<Client> {
    const client = new Client({ name: 'portal-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`${backend.baseUrl}/api/mcp-actions/v1`),
        { requestInit: { headers: { Authorization: `Bearer ${token}` } } },
      ),
    );
    return client;
  }

  /** An MCP client signed in as the user through the demo sign-in. */
  async function mcp(user: string): Promise<Client> {
    const existing = clients.get(user);
    if (existing) return existing;
    const client = await mcpWithToken(await backend.tokenFor(user));
    clients.set(user, client);
    return client;
  }

  const call = async (
    user: string,
    name: string,
    args: Record<string, unknown> = {},
  ) =>
    (await (
      await mcp(user)
    ).callTool({
      name,
      arguments: args,
    })) as ToolResult;

  /** A tool's output, failing the test with the tool's error otherwise. */
  const output = async (
    user: string,
    name: string,
    args: Record<string, unknown> = {},
  ) => {
    const result = await call(user, name, args);
    if (result.isError) {
      throw new Error(`${name} failed: ${result.content[0]?.text}`);
    }
    // The text content is the same JSON as the structured content.
    expect(JSON.parse(result.content[0].text!)).toEqual(
      result.structuredContent,
    );
    return result.structuredContent!;
  };

  /** Without the window, whose end is the moment of each call. */
  const withoutWindow = (body: Record<string, unknown>) => {
    const { window, ...rest } = body as { window: { days: number } };
    return { ...rest, days: window.days };
  };

  setupTestBackend(dbKind, 'mcp_actions_it', testDb => {
    db = testDb;
    backend = new PortalBackend({
      port,
      database: testDb.config,
      extraConfig: {
        goldenPaths: { publish: { localDir: path.join(testDb.dir, 'git') } },
      },
    });
    return {
      backend,
      ready: async () =>
        (await entityExists(`user:default/${DEVELOPER}`)) &&
        (await entityExists(`user:default/${PLATFORM_ENGINEER}`)) &&
        (await entityExists('template:default/postgresql-database')) &&
        (await entityExists('template:default/nodejs-api')) &&
        (await entityExists('component:default/checkout-gateway')) &&
        (await entityExists('component:default/payouts-service')),
    };
  });

  afterAll(async () => {
    await Promise.all([...clients.values()].map(c => c.close()));
  });

  it('lists the tools each person may use: usage figures for the platform team only', async () => {
    const names = async (user: string) =>
      (await (await mcp(user)).listTools()).tools.map(t => t.name);
    const developer = await names(DEVELOPER);
    const platform = await names(PLATFORM_ENGINEER);
    expect(developer).toEqual(expect.arrayContaining(EVERYONE_TOOLS));
    for (const tool of PLATFORM_TEAM_TOOLS) {
      expect(developer).not.toContain(tool);
      expect(platform).toContain(tool);
    }
    expect(platform).toEqual(expect.arrayContaining(EVERYONE_TOOLS));
    // The catalog's and scaffolder's own actions are there too.
    expect(developer.some(n => n.startsWith('catalog.'))).toBe(true);

    // Each tool says what it does and whether it changes anything.
    const { tools } = await (await mcp(DEVELOPER)).listTools();
    const dora = tools.find(
      t => t.name === 'platform-metrics.get-dora-metrics',
    );
    expect(dora?.description).toMatch(/Lead time: median hours/);
    expect(dora?.annotations).toMatchObject({
      readOnlyHint: true,
      idempotentHint: true,
      destructiveHint: false,
    });
    const report = tools.find(t => t.name === 'feedback.report-friction');
    expect(report?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
    });
    expect(report?.inputSchema.required).toEqual(
      expect.arrayContaining(['entityRef', 'category', 'severity', 'text']),
    );
  });

  it('answers the platform metrics as the HTTP API does', async () => {
    const team = 'group:default/checkout-core-team';
    // Platform metrics read the catalog through a cache of a minute: wait
    // until it knows the team.
    await waitUntil(
      async () =>
        (
          await http(DEVELOPER, `/api/platform-metrics/dora?entityRef=${team}`)
        ).status === 200,
      90_000,
    );
    const dora = await output(DEVELOPER, 'platform-metrics.get-dora-metrics', {
      entityRef: team,
      window: 90,
    });
    const doraHttp = await http(
      DEVELOPER,
      `/api/platform-metrics/dora?entityRef=${team}&window=90`,
    );
    expect(doraHttp.status).toBe(200);
    expect(withoutWindow(dora)).toEqual(withoutWindow(doraHttp.body));
    expect(dora).toMatchObject({ scope: { kind: 'team', entityRef: team } });

    const teams = await output(
      DEVELOPER,
      'platform-metrics.list-team-metrics',
      { window: 30 },
    );
    const teamsHttp = await http(
      DEVELOPER,
      '/api/platform-metrics/teams?window=30',
    );
    expect(withoutWindow(teams)).toEqual(withoutWindow(teamsHttp.body));

    const events = await output(
      DEVELOPER,
      'platform-metrics.list-delivery-events',
      { entityRef: team, type: 'deployment', limit: 5 },
    );
    const eventsHttp = await http(
      DEVELOPER,
      `/api/platform-metrics/events?entityRef=${team}&type=deployment&limit=5`,
    );
    expect(events).toEqual(eventsHttp.body);

    const adoption = await output(
      DEVELOPER,
      'platform-metrics.get-adoption',
      {},
    );
    const adoptionHttp = await http(
      DEVELOPER,
      '/api/platform-metrics/adoption',
    );
    expect(withoutWindow(adoption)).toEqual(withoutWindow(adoptionHttp.body));

    // Bad input is an MCP error naming the field, as the API's 400.
    const bad = await call(DEVELOPER, 'platform-metrics.get-dora-metrics', {
      window: 12,
    });
    expect(bad.isError).toBe(true);
    expect(bad.content[0].text).toMatch(
      /^InputError: Invalid input: window: must be one of 7, 30, 90, 365/,
    );
  });

  it('answers the golden paths and a service’s drift as the HTTP API does', async () => {
    const paths = await output(DEVELOPER, 'golden-paths.list-golden-paths');
    const pathsHttp = await http(DEVELOPER, '/api/golden-paths/paths');
    expect(paths).toEqual(pathsHttp.body);
    expect(paths.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entityRef: 'template:default/nodejs-api',
          persona: 'backend',
        }),
      ]),
    );

    const drift = await output(DEVELOPER, 'golden-paths.get-service-drift', {
      entityRef: 'component:default/payouts-service',
    });
    const driftHttp = await http(
      DEVELOPER,
      '/api/golden-paths/drift/component/default/payouts-service',
    );
    expect(drift).toEqual(driftHttp.body);
    expect(drift.drift).toMatchObject({ version: '1.2.0' });

    const unknown = await call(DEVELOPER, 'golden-paths.get-service-drift', {
      entityRef: 'component:default/no-such-service',
    });
    expect(unknown.isError).toBe(true);
    expect(unknown.content[0].text).toMatch(/^NotFoundError: /);
  });

  it('orders a database for the caller’s own team only, through the template', async () => {
    const refused = await call(DEVELOPER, 'golden-paths.order-database', {
      component: 'component:default/payouts-service',
      environment: 'staging',
    });
    expect(refused.isError).toBe(true);
    expect(refused.content[0].text).toMatch(
      /^NotAllowedError: user:default\/priya\.sharma may not create anything owned by group:default\/payouts-team/,
    );
    expect(
      await entityExists('resource:default/payouts-service-staging-postgres'),
    ).toBe(false);

    const order = await output(DEVELOPER, 'golden-paths.order-database', {
      component: 'component:default/checkout-gateway',
      environment: 'staging',
      size: 'small',
    });
    expect(order).toMatchObject({
      status: 'completed',
      entityRef: 'resource:default/checkout-gateway-staging-postgres',
    });
    // The scaffolder ran it as her: her task, readable by her.
    const task = await http(
      DEVELOPER,
      `/api/scaffolder/v2/tasks/${order.taskId}`,
    );
    expect(task.body).toMatchObject({
      status: 'completed',
      createdBy: `user:default/${DEVELOPER}`,
      spec: {
        templateInfo: { entityRef: 'template:default/postgresql-database' },
      },
    });
    expect(
      await entityExists('resource:default/checkout-gateway-staging-postgres'),
    ).toBe(true);
  });

  it('creates a service from its golden path with the scaffolder’s tool, on-call required', async () => {
    const templateRef = 'template:default/nodejs-api';
    const values = {
      name: 'mcp-orders-api',
      owner: 'group:default/checkout-core-team',
      system: 'system:default/payment-system',
      description: 'Orders',
      pagerdutyServiceId: 'PMCP0R1',
    };
    // The form's fields, as the assistant discovers them from the template
    // (the scaffolder's tool description tells it to look there first).
    const template = await output(DEVELOPER, 'catalog.get-catalog-entity', {
      kind: 'Template',
      name: 'nodejs-api',
    });
    expect(
      (template as { spec: { parameters: Array<{ required: string[] }> } }).spec
        .parameters[0].required,
    ).toContain('pagerdutyServiceId');

    // Without it the run is refused before it starts. (Backstage's tool
    // reports the scaffolder's refusal as an internal error, not its words.)
    const { pagerdutyServiceId, ...withoutOnCall } = values;
    const refused = await call(DEVELOPER, 'scaffolder.execute-template', {
      templateRef,
      values: withoutOnCall,
    }).then(
      result => result.isError === true,
      () => true,
    );
    expect(refused).toBe(true);
    expect(await entityExists(`component:default/${values.name}`)).toBe(false);

    const { taskId } = await output(DEVELOPER, 'scaffolder.execute-template', {
      templateRef,
      values,
    });
    const status = await waitUntil(async () => {
      const task = await http(DEVELOPER, `/api/scaffolder/v2/tasks/${taskId}`);
      return ['completed', 'failed'].includes(task.body?.status)
        ? task.body.status
        : undefined;
    }, 90_000);
    expect(status).toBe('completed');
    const entity = await http(
      DEVELOPER,
      `/api/catalog/entities/by-name/component/default/${values.name}`,
    );
    expect(entity.body.metadata.annotations).toMatchObject({
      'pagerduty.com/service-id': pagerdutyServiceId,
    });
    expect(await entityExists(`api:default/${values.name}`)).toBe(true);
  });

  it('files friction as the caller; an anonymous report names nobody, anywhere', async () => {
    const named = await output(DEVELOPER, 'feedback.report-friction', {
      entityRef: 'component:default/checkout-gateway',
      category: 'ci-cd',
      severity: 'high',
      text: 'The pipeline waits 20 minutes for a runner',
    });
    expect(named).toMatchObject({
      reporterRef: `user:default/${DEVELOPER}`,
      reporterTeamRef: 'group:default/checkout-core-team',
      anonymous: false,
      status: 'new',
    });
    const namedHttp = await http(
      DEVELOPER,
      `/api/feedback/reports/${named.id}`,
    );
    expect(namedHttp.body).toMatchObject(named);

    // About another team's service, so that no field names her team.
    const entityRef = 'component:default/payouts-service';
    const anonymous = await output(DEVELOPER, 'feedback.report-friction', {
      entityRef,
      category: 'docs',
      severity: 'medium',
      text: 'The runbook link of the payouts service is dead',
      anonymous: true,
    });
    expect(anonymous.anonymous).toBe(true);
    expect(anonymous).not.toHaveProperty('reporterRef');
    expect(anonymous).not.toHaveProperty('reporterTeamRef');
    // Not to the platform team either, through the API or through MCP.
    const asPlatform = await http(
      PLATFORM_ENGINEER,
      `/api/feedback/reports/${anonymous.id}`,
    );
    expect(asPlatform.status).toBe(200);
    expect(asPlatform.body).not.toHaveProperty('reporterRef');
    expect(JSON.stringify(asPlatform.body)).not.toContain(DEVELOPER);
    expect(JSON.stringify(asPlatform.body)).not.toContain('checkout-core-team');
    const listed = await output(
      PLATFORM_ENGINEER,
      'feedback.list-entity-reports',
      { entityRef },
    );
    const listedHttp = await http(
      PLATFORM_ENGINEER,
      `/api/feedback/reports?entityRef=${entityRef}`,
    );
    expect(listed).toEqual(listedHttp.body);
    const listedAnonymous = (listed.items as Array<{ id: string }>).find(
      r => r.id === anonymous.id,
    );
    expect(listedAnonymous).toBeDefined();
    expect(JSON.stringify(listedAnonymous)).not.toContain(DEVELOPER);

    // The row keeps no team, as a report filed in the browser; the
    // reporter's ref is kept only to notify them of status changes.
    const row = await reportRow(db, dbKind, anonymous.id as string);
    expect(row).toMatchObject({ reporter_team_ref: null });
    expect(Boolean(row.anonymous)).toBe(true);

    // "Me too" from a platform engineer counts them, as the API does.
    const supported = await output(
      PLATFORM_ENGINEER,
      'feedback.support-report',
      {
        reportId: named.id,
      },
    );
    expect(supported).toMatchObject({ supporterCount: 2, supportedByMe: true });
    const supportedHttp = await http(
      PLATFORM_ENGINEER,
      `/api/feedback/reports/${named.id}`,
    );
    const { events: _events, ...supportedHttpReport } = supportedHttp.body;
    expect(supported).toEqual(supportedHttpReport);

    const shipped = await output(DEVELOPER, 'feedback.list-shipped', {
      weeks: 12,
    });
    const shippedHttp = await http(DEVELOPER, '/api/feedback/shipped?weeks=12');
    expect(shipped).toEqual(shippedHttp.body);

    const unknown = await call(DEVELOPER, 'feedback.report-friction', {
      entityRef: 'component:default/no-such-service',
      category: 'docs',
      severity: 'low',
      text: 'x',
    });
    expect(unknown.isError).toBe(true);
    expect(unknown.content[0].text).toBe(
      'InputError: Unknown entity component:default/no-such-service',
    );
  });

  it('answers scorecards as the HTTP API does', async () => {
    expect.hasAssertions();
    const entityRef = 'component:default/checkout-gateway';
    // Wait for the first evaluation, then compare (a re-evaluation in
    // between moves evaluatedAt: read both again).
    await waitUntil(
      async () =>
        (
          await http(DEVELOPER, `/api/scorecards/entity?entityRef=${entityRef}`)
        ).body?.scorecards?.length > 0,
      90_000,
    );
    await expectSameTwice(async () => [
      await output(DEVELOPER, 'scorecards.get-service-scorecards', {
        entityRef,
      }),
      (
        await http(DEVELOPER, `/api/scorecards/entity?entityRef=${entityRef}`)
      ).body,
    ]);
    const team = 'group:default/checkout-core-team';
    await expectSameTwice(async () => [
      await output(DEVELOPER, 'scorecards.get-team-scorecards', {
        ownerRef: team,
        days: 30,
      }),
      (
        await http(
          DEVELOPER,
          `/api/scorecards/summary?ownerRef=${team}&days=30`,
        )
      ).body,
    ]);
  });

  it('answers the KPIs as the KPI page, and usage to the platform team only', async () => {
    // Uptime counts up to the moment of each call: equal to 6 digits. The
    // demo's delivery history may land between two calls: the pair is
    // asked again until the data holds still (a real difference never does).
    const both = async () => ({
      mcp: sixDigits(
        (await output(DEVELOPER, 'portal-analytics.get-platform-kpis')).kpis,
      ),
      http: sixDigits(
        (await http(DEVELOPER, '/api/portal-analytics/kpis')).body.kpis,
      ),
    });
    let pair = await both();
    await waitUntil(async () => {
      pair = await both();
      return isDeepStrictEqual(pair.mcp, pair.http);
    }, 30_000).catch(() => undefined);
    expect(pair.mcp).toEqual(pair.http);
    expect((pair.mcp as unknown[]).length).toBe(10);

    const usage = await output(
      PLATFORM_ENGINEER,
      'portal-analytics.get-portal-usage',
      { days: 30 },
    );
    const usageHttp = await http(
      PLATFORM_ENGINEER,
      '/api/portal-analytics/usage/summary?days=30',
    );
    expect(usage).toEqual(usageHttp.body);

    // Refused in the UI (403), refused here: an MCP error, not data.
    expect(
      (await http(DEVELOPER, '/api/portal-analytics/usage/summary')).status,
    ).toBe(403);
    const refused = await call(DEVELOPER, 'portal-analytics.get-portal-usage', {
      days: 30,
    });
    expect(refused.isError).toBe(true);
    expect(refused.structuredContent).toBeUndefined();
    expect(refused.content[0].text).toMatch(/^NotFoundError: /);
  });
  it('signs an MCP client in with OAuth against the portal’s own sign-in', async () => {
    // What an MCP client discovers from the endpoint (RFC 9728, RFC 8414).
    const resource = await fetch(
      `${backend.baseUrl}/.well-known/oauth-protected-resource/api/mcp-actions/v1`,
    ).then(r => r.json());
    expect(resource.resource).toBe(`${backend.baseUrl}/api/mcp-actions/v1`);
    const [issuer] = resource.authorization_servers as string[];
    expect(issuer).toBe(`${backend.baseUrl}/api/auth`);
    const oidc = await fetch(
      `${backend.baseUrl}/.well-known/oauth-authorization-server`,
    ).then(r => r.json());

    // The backend's own CLI client (a Client ID Metadata Document), with PKCE.
    const clientId = `${issuer}/.well-known/oauth-client/cli.json`;
    const redirectUri = 'http://127.0.0.1:8055/callback';
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(oidc.authorization_endpoint);
    authorize.search = new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid',
      state: 'state-1',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    const started = await fetch(authorize, { redirect: 'manual' });
    expect(started.status).toBe(302);
    // To the portal's consent page, where the signed-in person approves.
    const consent = new URL(started.headers.get('location')!);
    expect(consent.pathname).toMatch(/^\/oauth2\/authorize\/[^/]+$/);
    const sessionId = consent.pathname.split('/').pop();
    const session = await http(DEVELOPER, `/api/auth/v1/sessions/${sessionId}`);
    expect(session.body).toMatchObject({
      clientName: 'Backstage CLI',
      redirectUri,
    });
    const approved = await http(
      DEVELOPER,
      `/api/auth/v1/sessions/${sessionId}/approve`,
      { method: 'POST' },
    );
    expect(approved.status).toBe(200);
    const callback = new URL(approved.body.redirectUrl);
    expect(callback.searchParams.get('state')).toBe('state-1');
    const tokens = await fetch(oidc.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code'),
        redirect_uri: redirectUri,
        code_verifier: verifier,
        client_id: clientId,
      }),
    }).then(r => r.json());
    expect(tokens.token_type).toBe('Bearer');

    // The token is hers: her tools, and a report filed with it names her.
    const client = await mcpWithToken(tokens.access_token);
    try {
      const { tools } = await client.listTools();
      const names = tools.map(t => t.name);
      expect(names).toEqual(expect.arrayContaining(EVERYONE_TOOLS));
      expect(names).not.toContain('portal-analytics.get-portal-usage');
      const filed = (await client.callTool({
        name: 'feedback.report-friction',
        arguments: {
          entityRef: 'component:default/checkout-gateway',
          category: 'tooling',
          severity: 'low',
          text: 'Filed from an assistant signed in with OAuth',
        },
      })) as ToolResult;
      expect(filed.isError).toBeFalsy();
      expect(filed.structuredContent).toMatchObject({
        reporterRef: `user:default/${DEVELOPER}`,
      });
    } finally {
      await client.close();
    }

    // Without a token, the endpoint says where to sign in.
    const anonymous = await fetch(`${backend.baseUrl}/api/mcp-actions/v1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
  });
});

/** Compares two reads, again once if they differ (a background refresh). */
async function expectSameTwice(
  read: () => Promise<[unknown, unknown]>,
): Promise<void> {
  let [a, b] = await read();
  if (JSON.stringify(a) !== JSON.stringify(b)) [a, b] = await read();
  expect(a).toEqual(b);
}

/** The stored row of a feedback report, read from the plugin's database. */
async function reportRow(
  db: TestDatabase,
  kind: 'SQLite' | 'PostgreSQL',
  id: string,
): Promise<Record<string, unknown>> {
  const feedbackDb =
    kind === 'SQLite'
      ? knex({
          client: 'better-sqlite3',
          connection: {
            filename: path.join(db.dir, 'sqlite', 'feedback.sqlite'),
          },
          useNullAsDefault: true,
        })
      : knex({
          client: 'pg',
          connection: db.config.connection as Record<string, string>,
        });
  try {
    const reports =
      kind === 'SQLite'
        ? feedbackDb('reports')
        : feedbackDb.withSchema('feedback').table('reports');
    return await reports.where({ id }).first();
  } finally {
    await feedbackDb.destroy();
  }
}
