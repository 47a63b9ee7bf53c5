import { Config } from '@backstage/config';

/** A setting production must get from its environment, never from a default. */
type RequiredSetting = {
  /** Config key read by the portal. */
  key: string;
  /** Environment variable app-config.production.yaml takes it from. */
  variable: string;
  kind: 'secret' | 'url';
};

const REQUIRED: RequiredSetting[] = [
  { key: 'app.baseUrl', variable: 'PORTAL_BASE_URL', kind: 'url' },
  { key: 'backend.baseUrl', variable: 'PORTAL_BASE_URL', kind: 'url' },
  { key: 'backend.auth.keys', variable: 'BACKEND_SECRET', kind: 'secret' },
  {
    key: 'platformMetrics.github.webhookSecret',
    variable: 'PLATFORM_METRICS_GITHUB_WEBHOOK_SECRET',
    kind: 'secret',
  },
  {
    key: 'platformMetrics.pagerduty.webhookSecret',
    variable: 'PLATFORM_METRICS_PAGERDUTY_WEBHOOK_SECRET',
    kind: 'secret',
  },
];

export const MIN_SECRET_LENGTH = 32;

/**
 * Values that are public: those of app-config.demo.yaml (all prefixed
 * `demo-only-`) and those an earlier app-config.yaml committed.
 */
function isDemoSecret(value: string) {
  return (
    value.startsWith('demo-only-') ||
    ['local-github-webhook-secret', 'local-pagerduty-webhook-secret'].includes(
      value,
    )
  );
}

function isDemoUrl(value: string) {
  try {
    const { hostname } = new URL(value);
    return ['localhost', '127.0.0.1', '[::1]', '0.0.0.0'].includes(hostname);
  } catch {
    return false;
  }
}

function read(config: Config, key: string): string | undefined {
  if (key === 'backend.auth.keys') {
    return config.getOptionalConfigArray(key)?.[0]?.getOptionalString('secret');
  }
  return config.getOptionalString(key);
}

function problem(setting: RequiredSetting, value: string | undefined) {
  const { variable, kind } = setting;
  if (!value) return `${variable} is not set`;
  if (kind === 'url') {
    if (!/^https?:\/\/[^\s]+$/.test(value) || !URL.canParse(value)) {
      return `${variable} is not a URL`;
    }
    if (isDemoUrl(value)) return `${variable} is a local demo address`;
    return undefined;
  }
  if (isDemoSecret(value)) return `${variable} is a public demo value`;
  if (value.length < MIN_SECRET_LENGTH) {
    return `${variable} is shorter than ${MIN_SECRET_LENGTH} characters`;
  }
  return undefined;
}

/**
 * What stops a production start: each required setting that is missing,
 * short or a demo value, once per environment variable. Empty in demo mode
 * (`portal.demoMode: true`, app-config.demo.yaml), where the demo values are
 * meant to apply.
 */
export function unsafeSettings(config: Config): string[] {
  if (config.getOptionalBoolean('portal.demoMode')) return [];
  const problems = REQUIRED.map(setting =>
    problem(setting, read(config, setting.key)),
  ).filter((p): p is string => Boolean(p));
  return [...new Set(problems)];
}
