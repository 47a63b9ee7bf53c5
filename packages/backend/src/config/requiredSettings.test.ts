import { ConfigReader } from '@backstage/config';
import { unsafeSettings } from './requiredSettings';

const GOOD_SECRET = 'x'.repeat(40);

function production(overrides: {
  baseUrl?: string;
  backendSecret?: string;
  github?: string;
  pagerduty?: string;
}) {
  const {
    baseUrl = 'https://portal.fintech-fast.example',
    backendSecret = GOOD_SECRET,
    github = GOOD_SECRET,
    pagerduty = GOOD_SECRET,
  } = overrides;
  return new ConfigReader({
    portal: { demoMode: false },
    app: { baseUrl },
    backend: { baseUrl, auth: { keys: [{ secret: backendSecret }] } },
    platformMetrics: {
      github: { webhookSecret: github },
      pagerduty: { webhookSecret: pagerduty },
    },
  });
}

describe('unsafeSettings', () => {
  it('accepts a complete production configuration', () => {
    expect(unsafeSettings(production({}))).toEqual([]);
  });

  it('names every missing variable once', () => {
    expect(unsafeSettings(new ConfigReader({}))).toEqual([
      'PORTAL_BASE_URL is not set',
      'BACKEND_SECRET is not set',
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
    [{ backendSecret: 'abc' }, 'BACKEND_SECRET is shorter'],
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

  it('lets demo mode use the demo values', () => {
    expect(
      unsafeSettings(
        new ConfigReader({
          portal: { demoMode: true },
          app: { baseUrl: 'http://localhost:3000' },
        }),
      ),
    ).toEqual([]);
  });
});
