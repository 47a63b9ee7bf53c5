import { createHmac, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PortalBackend, sleep, waitUntil } from './testing/portalBackend';

/**
 * Two replicas of the real backend, started together on new PostgreSQL
 * databases (one per plugin) with Redis as their shared cache (as
 * scripts/cluster.sh runs them, docs/operations.md): their migrations do not collide, each
 * scheduled job runs once per cluster, a webhook delivered to both at the
 * same moment counts once, and a notification sent by either replica
 * reaches the user's signals connection on the other.
 */

jest.setTimeout(600_000);

// Two backends starting at once on a busy machine take a while.
const START_MS = 600_000;

const GITHUB_SECRET = 'demo-only-github-webhook-secret-0123456789';
const REDIS_URL = process.env.PORTAL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// One database per plugin, named with this prefix, as cluster.sh's
// CLUSTER_DB_PREFIX (Backstage creates them; the test drops them).
const PREFIX = `cluster_it_${Date.now()}_`;
let replicas: PortalBackend[] = [];

function connection() {
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url) {
    throw new Error(
      'Set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/test.sh does)',
    );
  }
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

async function query<T>(
  sql: string,
  params: unknown[] = [],
  database = 'postgres',
): Promise<T[]> {
  const client = new Client({ ...connection(), database });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** How many lines of both replicas' logs match `pattern`. */
function linesMatching(pattern: RegExp): number {
  return replicas
    .map(r => r.wholeLog.split('\n').filter(line => pattern.test(line)).length)
    .reduce((a, b) => a + b, 0);
}

// Four minutes and more of two full backends: run on demand
// (PORTAL_CLUSTER_TEST=1, README), not in every CI run.
const describeCluster = process.env.PORTAL_CLUSTER_TEST
  ? describe
  : describe.skip;

describeCluster('two replicas on one PostgreSQL database', () => {
  beforeAll(async () => {
    const namespace = `cluster-it-${Date.now()}`;
    replicas = [7571, 7572].map(
      port =>
        new PortalBackend({
          port,
          // As scripts/cluster.sh runs them: no restart when a file changes.
          watch: false,
          // As app-config.cluster.yaml: no idle connections kept per plugin.
          database: {
            client: 'pg',
            prefix: PREFIX,
            connection: connection(),
            knexConfig: { pool: { min: 0, max: 3, idleTimeoutMillis: 10000 } },
          },
          env: {
            ...process.env,
            APP_CONFIG_backend_cache_store: 'redis',
            APP_CONFIG_backend_cache_connection: REDIS_URL,
            APP_CONFIG_backend_cache_redis_client_namespace: namespace,
            // As app-config.cluster.yaml: events always through the bus.
            APP_CONFIG_events_useEventBus: 'always',
          },
        }),
    );
    // Together, on a fresh database: both run the plugins' migrations.
    await Promise.all(replicas.map(r => r.start(START_MS)));
    await waitUntil(async () => {
      const res = await replicas[1].request(
        'priya.sharma',
        '/api/catalog/entities/by-name/group/default/platform-team',
      );
      return res.ok;
    }, 180_000);
  }, START_MS + 300_000);

  afterAll(async () => {
    await Promise.all(replicas.map(r => r.stop()));
    const made = await query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`${PREFIX}%`],
    );
    for (const { datname } of made) {
      await query(`drop database "${datname}" with (force)`);
    }
  }, 120_000);

  it('run each scheduled job once per cluster', async () => {
    // Both replicas schedule the hourly usage retention (first run a
    // minute after start) and the demo survey answers (at once): one of
    // them runs each, once.
    await waitUntil(
      async () =>
        linesMatching(/Usage retention: cleared/) > 0 &&
        linesMatching(/Wrote \d+ demo survey responses/) > 0,
      240_000,
    );
    await sleep(10_000);
    expect(linesMatching(/Usage retention: cleared/)).toBe(1);
    expect(linesMatching(/Wrote \d+ demo survey responses/)).toBe(1);
    // The demo delivery history (every 10 minutes until the catalog has
    // components) is written once at most.
    expect(linesMatching(/Wrote demo delivery history/)).toBeLessThanOrEqual(1);
  });

  it('count a webhook delivered to both replicas at the same moment once', async () => {
    const deploymentId = Math.floor(Math.random() * 1e9) + 1;
    const body = JSON.stringify({
      deployment_status: {
        state: 'success',
        created_at: new Date().toISOString(),
      },
      deployment: {
        id: deploymentId,
        sha: 'a'.repeat(40),
        environment: 'production',
      },
      repository: {
        full_name: 'fintech-fast/payment-routing-service',
        default_branch: 'main',
      },
    });
    const signature = `sha256=${createHmac('sha256', GITHUB_SECRET)
      .update(body)
      .digest('hex')}`;
    const delivery = randomUUID();
    // GitHub redelivering while the first delivery is still in flight:
    // three times to each replica, all at once.
    const responses = await Promise.all(
      [...replicas, ...replicas, ...replicas].map(r =>
        fetch(`${r.baseUrl}/api/platform-metrics/webhooks/github`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-github-event': 'deployment_status',
            'x-github-delivery': delivery,
            'x-hub-signature-256': signature,
          },
          body,
        }).then(async res => ({ status: res.status, body: await res.json() })),
      ),
    );
    expect(responses.map(r => r.status)).toEqual(Array(6).fill(202));
    const firsts = responses.filter(r => !r.body.duplicate);
    expect(firsts).toHaveLength(1);
    expect(firsts[0].body).toMatchObject({ accepted: 1, duplicates: 0 });
    const rows = await query<{ n: string }>(
      `select count(*) as n from pm_deployments
        where source = 'github' and external_id = $1`,
      [String(deploymentId)],
      `${PREFIX}platform-metrics`,
    );
    expect(Number(rows[0].n)).toBe(1);
  });

  it('deliver a notification to a user connected to the other replica', async () => {
    // sam.okafor (platform team) is signed in on both replicas, one signals
    // connection each; whichever replica sends the platform team's
    // notification of a new report, one connection is on the other.
    const connections = await Promise.all(
      replicas.map(async replica => {
        const token = await replica.tokenFor('sam.okafor');
        const received: unknown[] = [];
        // As the app's SignalClient does: a connection not open within a
        // second is tried again (the signals backend starts listening for
        // WebSocket upgrades on the first one it sees, which stays unanswered).
        const ws = await (async function open(): Promise<WebSocket> {
          for (let attempt = 1; ; attempt++) {
            const socket = new WebSocket(
              `${replica.baseUrl.replace(/^http/, 'ws')}/api/signals`,
              [token],
            );
            const opened = await new Promise<boolean>(resolve => {
              socket.addEventListener('open', () => resolve(true));
              socket.addEventListener('error', () => resolve(false));
              setTimeout(() => resolve(false), 2_000);
            });
            if (opened) return socket;
            socket.close();
            if (attempt === 5) {
              throw new Error(`No signals connection to ${replica.baseUrl}`);
            }
          }
        })();
        ws.addEventListener('message', event =>
          received.push(JSON.parse(String(event.data))),
        );
        ws.send(
          JSON.stringify({ action: 'subscribe', channel: 'notifications' }),
        );
        return { ws, received };
      }),
    );
    try {
      // Subscribed before anything is sent.
      await sleep(1_000);
      const res = await replicas[0].request(
        'priya.sharma',
        '/api/feedback/reports',
        {
          method: 'POST',
          body: JSON.stringify({
            entityRef: 'component:default/payment-routing-service',
            category: 'ci-cd',
            severity: 'medium',
            text: 'The deploy pipeline waits for a runner for minutes',
          }),
        },
      );
      expect(res.status).toBe(201);
      await waitUntil(
        async () => connections.every(c => c.received.length > 0),
        60_000,
      );
      for (const { received } of connections) {
        expect(received[0]).toMatchObject({
          channel: 'notifications',
          message: { action: 'new_notification' },
        });
      }
    } finally {
      for (const { ws } of connections) ws.close();
    }
  });
});
