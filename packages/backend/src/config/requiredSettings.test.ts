import { ConfigReader } from '@backstage/config';
import { unsafeSettings } from './requiredSettings';

const GOOD_SECRET = 'x'.repeat(40);

function production(overrides: {
  baseUrl?: string;
  github?: string;
  pagerduty?: string;
}) {
  const {
    baseUrl = 'https://portal.fintech-fast.example',
    github = GOOD_SECRET,
    pagerduty = GOOD_SECRET,
  } = overrides;
  return new ConfigReader({
    portal: { demoMode: false },
    app: { baseUrl },
    backend: { baseUrl, listen: ':7007' },
    platformMetrics: {
      github: { webhookSecret: github },
      pagerduty: { webhookSecret: pagerduty },
    },
  });
}

function withGitHubSignIn(config: ConfigReader, organization?: string) {
  return new ConfigReader({
    ...(config.get() as object),
    auth: {
      providers: {
        github: {
          production: {
            signIn: {
              resolvers: [{ resolver: 'organizationMember', organization }],
            },
          },
        },
      },
    },
  });
}

describe('unsafeSettings', () => {
  it('wants the GitHub organisation whose members may sign in', () => {
    expect(unsafeSettings(withGitHubSignIn(production({})))).toEqual([
      'AUTH_GITHUB_ORGANIZATION is not set',
    ]);
    expect(
      unsafeSettings(withGitHubSignIn(production({}), 'fintech-fast')),
    ).toEqual([]);
  });

  it('accepts a complete production configuration', () => {
    expect(unsafeSettings(production({}))).toEqual([]);
  });

  it('names every missing variable once', () => {
    expect(unsafeSettings(new ConfigReader({}))).toEqual([
      'PORTAL_BASE_URL is not set',
      'PLATFORM_METRICS_GITHUB_WEBHOOK_SECRET is not set',
      'PLATFORM_METRICS_PAGERDUTY_WEBHOOK_SECRET is not set',
    ]);
  });

  it.each([
    [{ github: 'short' }, 'PLATFORM_METRICS_GITHUB_WEBHOOK_SECRET is shorter'],
    [
      { pagerduty: 'local-pagerduty-webhook-secret' },
      'PLATFORM_METRICS_PAGERDUTY_WEBHOOK_SECRET is a public demo value',
    ],
    [
      { github: 'demo-only-github-webhook-secret-0123456789' },
      'PLATFORM_METRICS_GITHUB_WEBHOOK_SECRET is a public demo value',
    ],
    [
      { baseUrl: 'http://localhost:3000' },
      'PORTAL_BASE_URL is a local demo address',
    ],
    [{ baseUrl: 'portal' }, 'PORTAL_BASE_URL is not a URL'],
  ])('refuses %o', (overrides, message) => {
    const problems = unsafeSettings(production(overrides));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('needs no legacy shared secret (backend.auth.keys)', () => {
    const config = production({});
    expect(config.getOptional('backend.auth.keys')).toBeUndefined();
    expect(unsafeSettings(config)).toEqual([]);
  });

  const demo = {
    portal: { demoMode: true },
    app: { baseUrl: 'http://localhost:3000' },
    backend: {
      baseUrl: 'http://localhost:7007',
      listen: { host: '127.0.0.1', port: 7007 },
    },
  };

  it('lets demo mode use the demo values on this machine', () => {
    expect(unsafeSettings(new ConfigReader(demo))).toEqual([]);
  });

  it('refuses demo mode switched on in a production configuration', () => {
    expect(
      unsafeSettings(
        new ConfigReader({
          ...production({}).get<object>(),
          portal: { demoMode: true },
        }),
      ),
    ).toEqual([
      'app.baseUrl is not a local address',
      'backend.baseUrl is not a local address',
      'backend.listen.host is not a loopback address',
    ]);
  });

  it('reads the listening host of an object that replaced a string', () => {
    const config = new ConfigReader(
      { ...demo, backend: { ...demo.backend, listen: { port: 7007 } } },
      'overlay',
      new ConfigReader({ backend: { listen: ':7007' } }, 'production'),
    );
    expect(unsafeSettings(config)).toEqual([
      'backend.listen.host is not a loopback address',
    ]);
  });

  it.each([[{ host: '0.0.0.0', port: 7007 }], [':7007'], ['0.0.0.0:7007']])(
    'refuses demo mode listening on %o',
    listen => {
      expect(
        unsafeSettings(
          new ConfigReader({ ...demo, backend: { ...demo.backend, listen } }),
        ),
      ).toEqual(['backend.listen.host is not a loopback address']);
    },
  );
});
