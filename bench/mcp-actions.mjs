// The portal's read actions over MCP, as an AI assistant calls them.
//
//   bash bench/mcp-actions.sh
//
// Starts the real backend (demo config, fresh PostgreSQL database, port
// 7542), signs in as a developer (and a platform engineer for the usage
// figures) through the demo sign-in, connects the official MCP TypeScript
// SDK client to /api/mcp-actions/v1 and calls each read action REPEAT times
// one after another, after WARMUP calls; prints p50/p95 per action (target
// p95 under 200 ms). A call is the whole round trip: the MCP endpoint lists
// the caller's actions, then invokes the action in its plugin as the caller.
import {
  backendMode,
  benchBackend,
  pct,
  require,
  sleep,
} from './lib/backend.mjs';

const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
  StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const REPEAT = Number(process.env.REPEAT ?? 50);
const WARMUP = Number(process.env.WARMUP ?? 5);
const backend = benchBackend({ name: 'mcp_actions', port: 7542 });
const BASE = backend.base;

const TEAM = 'group:default/checkout-core-team';
const SERVICE = 'component:default/checkout-gateway';
const READS = [
  ['platform-metrics.get-dora-metrics', { entityRef: TEAM, window: 90 }],
  ['platform-metrics.get-dora-metrics', { window: 90 }, 'organisation'],
  ['platform-metrics.list-team-metrics', { window: 30 }],
  ['platform-metrics.list-delivery-events', { entityRef: TEAM, limit: 50 }],
  ['platform-metrics.get-adoption', {}],
  ['golden-paths.list-golden-paths', {}],
  [
    'golden-paths.get-service-drift',
    { entityRef: 'component:default/payouts-service' },
  ],
  ['feedback.list-entity-reports', { entityRef: SERVICE }],
  ['feedback.list-shipped', { weeks: 12 }],
  ['scorecards.get-service-scorecards', { entityRef: SERVICE }],
  ['scorecards.get-team-scorecards', { ownerRef: TEAM, days: 90 }],
  ['portal-analytics.get-platform-kpis', {}],
  ['portal-analytics.get-portal-usage', { days: 30 }, 'platform engineer'],
];

async function token(user) {
  for (let i = 0; ; i++) {
    const res = await fetch(`${BASE}/api/auth/demo/refresh`, {
      headers: { 'x-portal-demo-user': user },
    });
    if (res.ok) return (await res.json()).backstageIdentity.token;
    if (i > 240) throw new Error(`sign-in ${user}: ${res.status}`);
    await sleep(500);
  }
}

async function connect(user) {
  const client = new Client({ name: 'portal-bench', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${BASE}/api/mcp-actions/v1`), {
      requestInit: {
        headers: { Authorization: `Bearer ${await token(user)}` },
      },
    }),
  );
  return client;
}

async function main() {
  await backend.open();
  const developer = await connect('priya.sharma');
  const platform = await connect('sam.okafor');
  // Wait for the demo history and a first scorecard evaluation.
  for (let i = 0; i < 240; i++) {
    const r = await developer.callTool({
      name: 'scorecards.get-service-scorecards',
      arguments: { entityRef: SERVICE },
    });
    const d = await developer.callTool({
      name: 'platform-metrics.get-dora-metrics',
      arguments: { entityRef: TEAM, window: 90 },
    });
    if (
      !r.isError &&
      r.structuredContent.scorecards.length > 0 &&
      !d.isError &&
      d.structuredContent.eventCount.deployments > 0
    )
      break;
    await sleep(1000);
  }
  console.log(
    `MCP tool calls, ${REPEAT} each after ${WARMUP} warm-up calls (${backendMode}; load ${os()})`,
  );
  console.log('action | p50 ms | p95 ms | max ms');
  for (const [name, args, who] of READS) {
    const client = who === 'platform engineer' ? platform : developer;
    const times = [];
    for (let i = 0; i < WARMUP + REPEAT; i++) {
      const started = performance.now();
      const result = await client.callTool({ name, arguments: args });
      const ms = performance.now() - started;
      if (result.isError) {
        throw new Error(`${name}: ${result.content[0]?.text}`);
      }
      if (i >= WARMUP) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const label = who ? `${name} (${who})` : name;
    console.log(
      `${label} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(
        1,
      )} | ${times[times.length - 1].toFixed(1)}`,
    );
  }
  await developer.close();
  await platform.close();
}

function os() {
  return require('node:os')
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');
}

main()
  .catch(error => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => backend.close());
