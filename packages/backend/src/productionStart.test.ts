import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { PortalBackend, waitUntil } from './testing/portalBackend';

/**
 * The backend started with the production config (app-config.yaml +
 * app-config.production.yaml, as deployed) and none of its secrets refuses
 * to start, naming each missing variable, instead of falling back to a demo
 * value.
 */

jest.setTimeout(120_000);

const REPO_ROOT = path.resolve(resolvePackagePath('backend'), '../..');
const PRODUCTION = ['app-config.yaml', 'app-config.production.yaml'].map(f =>
  path.join(REPO_ROOT, f),
);

function productionEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    'PORTAL_BASE_URL',
    'PLATFORM_METRICS_GITHUB_WEBHOOK_SECRET',
    'PLATFORM_METRICS_PAGERDUTY_WEBHOOK_SECRET',
    'AUTH_GITHUB_ORGANIZATION',
  ]) {
    delete env[name];
  }
  return { ...env, ...extra };
}

async function startFailure(env: NodeJS.ProcessEnv): Promise<string> {
  const backend = new PortalBackend({
    port: 7109,
    database: { client: 'better-sqlite3', connection: ':memory:' },
    configFiles: PRODUCTION,
    env: productionEnv(env),
  });
  try {
    // The development runner keeps watching after the backend exits, so
    // wait for either readiness or the backend's error in its output.
    const outcome = await Promise.race([
      backend.start(90_000).then(
        () => 'The backend started with the production config',
        e => String(e),
      ),
      waitUntil(async () => /\nError: /.test(backend.log), 90_000),
    ]);
    return outcome === true ? backend.log : String(outcome);
  } finally {
    await backend.stop();
  }
}

describe('the backend with the production config', () => {
  it('refuses to start without its secrets, naming each variable', async () => {
    const failure = await startFailure({});
    expect(failure).toMatch(/Refusing to start outside demo mode/);
    for (const problem of [
      'PORTAL_BASE_URL is not set',
      'PLATFORM_METRICS_GITHUB_WEBHOOK_SECRET is not set',
      'PLATFORM_METRICS_PAGERDUTY_WEBHOOK_SECRET is not set',
      'AUTH_GITHUB_ORGANIZATION is not set',
    ]) {
      expect(failure).toContain(problem);
    }
  });

  it('refuses short secrets and the demo values', async () => {
    const failure = await startFailure({
      PORTAL_BASE_URL: 'https://portal.fintech-fast.example',
      PLATFORM_METRICS_GITHUB_WEBHOOK_SECRET: 'too-short',
      PLATFORM_METRICS_PAGERDUTY_WEBHOOK_SECRET:
        'demo-only-pagerduty-webhook-secret-0123456789',
    });
    expect(failure).toContain(
      'PLATFORM_METRICS_GITHUB_WEBHOOK_SECRET is shorter than 32 characters',
    );
    expect(failure).toContain(
      'PLATFORM_METRICS_PAGERDUTY_WEBHOOK_SECRET is a public demo value',
    );
    // No legacy shared secret (backend.auth.keys) is asked for.
    expect(failure).not.toContain('BACKEND_SECRET');
  });

  it('refuses demo mode switched on by an environment variable', async () => {
    const failure = await startFailure({
      APP_CONFIG_portal_demoMode: 'true',
      PORTAL_BASE_URL: 'https://portal.fintech-fast.example',
      PLATFORM_METRICS_GITHUB_WEBHOOK_SECRET: 'g'.repeat(40),
      PLATFORM_METRICS_PAGERDUTY_WEBHOOK_SECRET: 'p'.repeat(40),
    });
    expect(failure).toMatch(/Refusing to start in demo mode/);
    // (The test's overlay gives the backend a local address and a port.)
    for (const problem of [
      'app.baseUrl is not a local address',
      'backend.listen.host is not a loopback address',
    ]) {
      expect(failure).toContain(problem);
    }
  });
});
