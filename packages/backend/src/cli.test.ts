import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PortalBackend, waitUntil } from './testing/portalBackend';
import { setupTestBackend } from './testing/testDatabase';

/**
 * The `portal` CLI (packages/cli) as a person and a CI job run it, against
 * the real backend on SQLite: sign-in, a service created end to end from a
 * golden path, a demo service's status, feedback, what's new, KPIs,
 * deployment events; wrong input for every command, with its exit code and
 * words; --json parsed; and its requests counted as the CLI channel.
 */

jest.setTimeout(180_000);

const PORT = 7550;
// eslint-disable-next-line no-restricted-syntax
const BIN = path.resolve(__dirname, '../../cli/bin/portal');
const CI_TOKEN = 'demo-only-ci-token-0123456789abcdef';

type Run = { code: number; stdout: string; stderr: string };

/** The backend, given longer to start on a busy machine. */
class PatientBackend extends PortalBackend {
  start() {
    return super.start(420_000);
  }
}

describe('the portal CLI against the portal backend on SQLite', () => {
  let backend: PortalBackend;
  let dir: string;
  let configHome: string;

  const portal = (...args: string[]): Promise<Run> =>
    new Promise(resolve => {
      execFile(
        process.execPath,
        [BIN, ...args],
        {
          env: {
            ...process.env,
            XDG_CONFIG_HOME: configHome,
            PORTAL_URL: backend.baseUrl,
            PORTAL_TOKEN: '',
          },
          timeout: 170_000,
        },
        (error, stdout, stderr) =>
          resolve({
            code: error ? Number((error as { code?: number }).code ?? 1) : 0,
            stdout,
            stderr,
          }),
      );
    });
  const json = (run: Run) => {
    expect(run).toMatchObject({ code: 0 });
    return JSON.parse(run.stdout);
  };
  const entity = async (kind: string, name: string) =>
    (
      await backend.request(
        'priya.sharma',
        `/api/catalog/entities/by-name/${kind}/default/${name}`,
      )
    ).ok;

  setupTestBackend(
    'SQLite',
    'portal_cli_it',
    db => {
      dir = db.dir;
      configHome = path.join(dir, 'config');
      backend = new PatientBackend({
        port: PORT,
        database: db.config,
        extraConfig: {
          goldenPaths: { publish: { localDir: path.join(dir, 'git') } },
          portalAnalytics: { channelFlushSeconds: 1 },
        },
      });
      return {
        backend,
        ready: async () =>
          (await entity('template', 'nodejs-api')) &&
          (await entity('group', 'checkout-core-team')) &&
          (await entity('system', 'payment-system')) &&
          (await entity('user', 'priya.sharma')) &&
          (await entity('component', 'payment-routing-service')),
      };
    },
    600_000,
  );

  it('refuses to work unsigned, and signs in with the demo sign-in', async () => {
    expect(await portal('whoami')).toMatchObject({
      code: 3,
      stderr: expect.stringContaining('You are not signed in'),
    });
    expect(await portal('status', 'payment-routing-service')).toMatchObject({
      code: 3,
    });
    expect(
      await portal('login', '--url', 'ftp://x', '--user', 'a'),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--url must be an http(s) address'),
    });
    expect(await portal('login', '--user', 'no.such.person')).toMatchObject({
      code: 5,
      stderr: expect.stringContaining("no catalog User 'no.such.person'"),
    });
    expect(await portal('login', '--token', 'not-a-token')).toMatchObject({
      code: 3,
    });
    expect(
      await portal('login', '--url', 'http://127.0.0.1:7559', '--user', 'a'),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Cannot reach the portal'),
    });

    const login = await portal('login', '--user', 'priya.sharma');
    expect(login).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('as user:default/priya.sharma'),
    });
    const file = path.join(configHome, 'portal', 'config.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({
      url: backend.baseUrl,
      token: expect.any(String),
    });

    const me = json(await portal('whoami', '--json'));
    expect(me).toMatchObject({
      userEntityRef: 'user:default/priya.sharma',
      groups: expect.arrayContaining(['group:default/checkout-core-team']),
    });
  });

  it('signs in through the portal’s sign-in page, approved or refused by the person', async () => {
    // `portal login` without --user or --token, as a person runs it: it
    // prints the portal's consent page and waits on its loopback port; the
    // person signs in and approves or cancels (here: the consent API, called
    // with her own token, as the page does).
    const browserLogin = async (decision: 'approve' | 'reject') => {
      const child = spawn(process.execPath, [BIN, 'login', '--no-browser'], {
        env: {
          ...process.env,
          XDG_CONFIG_HOME: configHome,
          PORTAL_URL: backend.baseUrl,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', d => (stdout += d));
      child.stderr.on('data', d => (stderr += d));
      const exited = new Promise<number>(r => child.on('close', c => r(c!)));
      const address = /https?:\/\/\S+\/oauth2\/authorize\/\S+/;
      await waitUntil(async () => address.test(stderr), 60_000);
      // The portal's consent page, where she approves or cancels.
      const consent = new URL(address.exec(stderr)![0]);
      expect(consent.pathname).toMatch(/^\/oauth2\/authorize\/[^/]+$/);
      const sessionId = consent.pathname.split('/').pop();
      const decided = await backend.request(
        'priya.sharma',
        `/api/auth/v1/sessions/${sessionId}/${decision}`,
        { method: 'POST' },
      );
      expect(decided.status).toBe(200);
      // The browser follows the portal back to the CLI's loopback address.
      const back = await fetch((await decided.json()).redirectUrl);
      return { code: await exited, stdout, stderr, page: await back.text() };
    };

    expect(await portal('logout')).toMatchObject({ code: 0 });
    const refused = await browserLogin('reject');
    expect(refused).toMatchObject({
      code: 3,
      stderr: expect.stringContaining('refused in the browser'),
    });
    expect(await portal('whoami')).toMatchObject({ code: 3 });

    const approved = await browserLogin('approve');
    expect(approved).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('as user:default/priya.sharma'),
      page: expect.stringContaining('You may close this window'),
    });
    expect(json(await portal('whoami', '--json'))).toMatchObject({
      userEntityRef: 'user:default/priya.sharma',
    });
    // The other tests use the demo sign-in, which renews itself.
    expect(await portal('login', '--user', 'priya.sharma')).toMatchObject({
      code: 0,
    });
  });

  it('shows a demo service: owner, golden path and drift, DORA, scorecards, friction', async () => {
    const text = await portal('status', 'payment-routing-service');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Owner\s+\S/);
    expect(text.stdout).toMatch(
      /Golden path\s+Node\.js transactional API 1\.4\.0, drifted/,
    );
    expect(text.stdout).toMatch(/Deployment frequency\s+\S/);
    expect(text.stdout).toContain('Production readiness');

    // By any case; --json carries the server's own numbers.
    const status = json(
      await portal('status', 'Payment-Routing-Service', '--json'),
    );
    expect(status.service).toMatchObject({
      entityRef: 'component:default/payment-routing-service',
      lifecycle: 'production',
    });
    expect(status.goldenPath).toMatchObject({
      templateRef: 'template:default/nodejs-api',
      version: '1.4.0',
      drift: expect.objectContaining({ version: '1.4.0' }),
    });
    const dora = await (
      await backend.request(
        'priya.sharma',
        '/api/platform-metrics/dora?entityRef=component:default/payment-routing-service&window=30',
      )
    ).json();
    expect(status.dora.metrics).toEqual(dora.metrics);
    expect(status.scorecards.length).toBeGreaterThan(0);
    expect(status.friction).toEqual(
      expect.objectContaining({ open: expect.any(Number) }),
    );

    expect(await portal('status', 'no-such-service')).toMatchObject({
      code: 5,
      stderr: expect.stringContaining("There is no service 'no-such-service'"),
    });
    expect(await portal('status', 'group:default/payments-team')).toMatchObject(
      {
        code: 2,
        stderr: expect.stringContaining('names a group, not a service'),
      },
    );
    expect(await portal('status')).toMatchObject({ code: 2 });
  });

  it('files feedback, anonymous or not, and refuses bad feedback in words', async () => {
    const filed = json(
      await portal(
        'feedback',
        'payment-routing-service',
        'The refund sandbox times out',
        '--category',
        'tooling',
        '--json',
      ),
    );
    expect(filed).toMatchObject({ status: 'new', anonymous: false });
    const stored = await (
      await backend.request('sam.okafor', `/api/feedback/reports/${filed.id}`)
    ).json();
    expect(stored).toMatchObject({
      text: 'The refund sandbox times out',
      category: 'tooling',
      reporterRef: 'user:default/priya.sharma',
    });

    const anonymous = await portal(
      'feedback',
      'payment-routing-service',
      'Deploys are slow',
      '--anonymous',
    );
    expect(anonymous).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(
        'your anonymous report on payment-routing-service is new',
      ),
    });

    expect(
      await portal(
        'feedback',
        'payment-routing-service',
        'x',
        '--category',
        'cake',
      ),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Invalid values'),
    });
    expect(await portal('feedback', 'nope-service', 'x')).toMatchObject({
      code: 5,
    });
    expect(
      await portal('feedback', 'payment-routing-service', 'x'.repeat(10_001)),
    ).toMatchObject({
      code: 6,
      stderr: expect.stringContaining('The portal refused the input'),
    });
    expect(await portal('feedback', 'payment-routing-service')).toMatchObject({
      code: 2,
    });
  });

  it('creates a service from a golden path end to end, step by step', async () => {
    const run = await portal(
      'create',
      'Node.js transactional API',
      '--name',
      'cli-orders-api',
      '--owner',
      'checkout-core-team',
      '--system',
      'payment-system',
      '--description',
      'Orders',
      '--set',
      'pagerdutyServiceId=PCLI0R1',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\[1\/\d\] .*\.\.\./);
    expect(run.stdout).toMatch(/: done/);
    expect(run.stdout).toContain(
      `Repository: ${path.join(dir, 'git', 'cli-orders-api.git')}`,
    );
    expect(run.stdout).toContain(
      `In the catalog: ${backend.baseUrl}/catalog/default/component/cli-orders-api`,
    );
    expect(await entity('component', 'cli-orders-api')).toBe(true);
    expect(await entity('api', 'cli-orders-api')).toBe(true);

    // The on-call is required: the refusal names the field and how to give it.
    const noOnCall = await portal(
      'create',
      'nodejs-api',
      '--name',
      'cli-no-on-call-api',
      '--owner',
      'checkout-core-team',
      '--system',
      'payment-system',
    );
    expect(noOnCall.code).toBe(6);
    expect(noOnCall.stderr).toContain(
      'Missing: On-call PagerDuty service (--set pagerdutyServiceId=<value>).',
    );
    expect(await entity('component', 'cli-no-on-call-api')).toBe(false);

    // The same name again fails at its first step, in words.
    const again = await portal(
      'create',
      'nodejs-api',
      '--name',
      'cli-orders-api',
      '--owner',
      'group:default/checkout-core-team',
      '--system',
      'payment-system',
      '--set',
      'pagerdutyServiceId=PCLI0R1',
      '--json',
    );
    expect(again).toMatchObject({
      code: 6,
      stderr: expect.stringContaining('already exists in the catalog'),
    });
    expect(
      await portal(
        'create',
        'nodejs-api',
        '--name',
        'Bad_Name',
        '--owner',
        'checkout-core-team',
        '--system',
        'payment-system',
      ),
    ).toMatchObject({
      code: 6,
      stderr: expect.stringContaining('does not match pattern'),
    });
    expect(
      await portal(
        'create',
        'nodejs-api',
        '--name',
        'x-api',
        '--owner',
        'ghost-team',
      ),
    ).toMatchObject({
      code: 5,
      stderr: expect.stringContaining("no team 'ghost-team'"),
    });
    expect(
      await portal(
        'create',
        'no-such-path',
        '--name',
        'x-api',
        '--owner',
        'checkout-core-team',
      ),
    ).toMatchObject({
      code: 5,
      stderr: expect.stringContaining("no golden path 'no-such-path'"),
    });
    expect(await portal('create', 'nodejs-api', '--owner', 'x')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Missing required argument: name'),
    });
  });

  it('reads what is new and the KPIs', async () => {
    const news = json(await portal('whatsnew', '--json'));
    expect(Array.isArray(news.items)).toBe(true);
    expect((await portal('whatsnew', '--weeks', '0')).code).toBe(6);

    const kpis = json(await portal('kpis', '--json'));
    expect(kpis.kpis.map((k: { id: string }) => k.id)).toContain('nps');
    const text = await portal('kpis');
    expect(text).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/KPI\s+Value\s+Target\s+Status/),
    });
  });

  it('records a deployment from CI with a service token, and says what is wrong', async () => {
    const deployedAt = new Date(Date.now() - 3_600_000).toISOString();
    const base = ['deploy-event', '--service', 'payment-routing-service'];
    const success = (...more: string[]) =>
      portal(...base, '--status', 'success', ...more);
    const fromCi = (...more: string[]) => success('--token', CI_TOKEN, ...more);
    const run1 = ['--id', 'cli-run-1', '--commit', 'abcdef1234567'];
    expect(await success()).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('needs a CI service token'),
    });
    const ok = json(
      await fromCi(...run1, '--deployed-at', deployedAt, '--json'),
    );
    expect(ok).toEqual({
      id: 'cli-run-1',
      accepted: 1,
      duplicates: 0,
      unmapped: 0,
    });
    expect(await fromCi(...run1, '--deployed-at', deployedAt)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('recorded before'),
    });
    expect(await fromCi('--commit', 'not-a-sha')).toMatchObject({
      code: 6,
      stderr: expect.stringContaining('must be a hexadecimal commit SHA'),
    });
    expect(await fromCi('--deployed-at', '2999-01-01T00:00:00Z')).toMatchObject(
      {
        code: 6,
        stderr: expect.stringContaining('must not be in the future'),
      },
    );
    expect(
      await portal(...base, '--status', 'maybe', '--token', CI_TOKEN),
    ).toMatchObject({ code: 2 });
    expect(await success('--token', 'wrong-token-0123456789')).toMatchObject({
      code: 3,
      stderr: expect.stringContaining('did not accept this token'),
    });
    // A person's sign-in does not send delivery events.
    const person = await success(
      '--token',
      JSON.parse(
        fs.readFileSync(path.join(configHome, 'portal', 'config.json'), 'utf8'),
      ).token,
    );
    expect([3, 4]).toContain(person.code);
    expect(person.stderr).not.toMatch(/\b40[13]\b/);
  });

  it('counts its requests as the CLI channel, apart from the browser', async () => {
    // A request from the browser (no channel header).
    await backend.request(
      'priya.sharma',
      '/api/platform-metrics/dora?window=30',
    );
    const channels = await waitUntil(async () => {
      const res = await backend.request(
        'sam.okafor',
        '/api/portal-analytics/usage/channels?days=1',
      );
      const body = await res.json();
      const dora = body.capabilities?.find(
        (c: { capability: string }) => c.capability === 'platform-metrics/dora',
      );
      return dora?.requests.cli > 0 && dora?.requests.browser > 0 && body;
    }, 30_000);
    expect(channels.totals.cli).toBeGreaterThan(0);
    expect(channels.capabilities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          capability: 'feedback/reports',
          requests: expect.objectContaining({ cli: expect.any(Number) }),
        }),
      ]),
    );
    // A developer may not read usage: refused in words.
    const refused = await backend.request(
      'priya.sharma',
      '/api/portal-analytics/usage/channels',
    );
    expect(refused.status).toBe(403);
  });

  it('signs out, with help and completion everywhere', async () => {
    for (const cmd of [
      'login',
      'create',
      'status',
      'feedback',
      'whatsnew',
      'kpis',
      'deploy-event',
    ]) {
      const help = await portal(cmd, '--help');
      expect(help).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(`portal ${cmd}`),
      });
    }
    expect(await portal('completion')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('complete'),
    });
    expect(await portal('no-such-command')).toMatchObject({ code: 2 });
    expect(await portal('logout')).toMatchObject({
      code: 0,
      stdout: 'Signed out.\n',
    });
    expect(await portal('kpis')).toMatchObject({ code: 3 });
  });
});
