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

const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

/** The interface `backend.listen` binds (`':7007'` or `{ host, port }`). */
function listenHost(config: Config): string {
  const listen = config.getOptional('backend.listen');
  if (typeof listen === 'string') {
    return listen.slice(0, listen.lastIndexOf(':')).replace(/^\[|\]$/g, '');
  }
  // The merged object: a string `listen` in an earlier file is replaced.
  const host = (listen as { host?: unknown } | undefined)?.host;
  return typeof host === 'string' ? host : '';
}

/**
 * Demo mode lets anyone sign in as anyone, so it serves this machine only:
 * its addresses are local and the backend listens on the loopback interface.
 * A production deployment switched to demo mode (say by
 * APP_CONFIG_portal_demoMode=true) fails here instead of opening up.
 */
function demoModeProblems(config: Config): string[] {
  const problems = ['app.baseUrl', 'backend.baseUrl']
    .filter(key => !isDemoUrl(config.getOptionalString(key) ?? ''))
    .map(key => `${key} is not a local address`);
  if (!LOOPBACK.includes(listenHost(config))) {
    problems.push('backend.listen.host is not a loopback address');
  }
  return problems;
}

/**
 * GitHub sign-in admits only the members of one organisation
 * (modules/githubSignIn.ts); without its name, no one could sign in.
 */
function githubOrganizationProblems(config: Config): string[] {
  const environments = config.getOptionalConfig('auth.providers.github');
  return (environments?.keys() ?? [])
    .flatMap(
      env =>
        environments
          ?.getConfig(env)
          .getOptionalConfigArray('signIn.resolvers') ?? [],
    )
    .filter(r => r.getOptionalString('resolver') === 'organizationMember')
    .filter(r => !r.getOptionalString('organization'))
    .map(() => 'AUTH_GITHUB_ORGANIZATION is not set');
}

/**
 * What stops a start. Outside demo mode: each required setting that is
 * missing, short or a demo value, once per environment variable. In demo
 * mode (`portal.demoMode: true`, app-config.demo.yaml), where the demo
 * values are meant to apply: any address that is not this machine's.
 */
export function unsafeSettings(config: Config): string[] {
  if (config.getOptionalBoolean('portal.demoMode')) {
    return demoModeProblems(config);
  }
  const problems = REQUIRED.map(setting =>
    problem(setting, read(config, setting.key)),
  )
    .filter((p): p is string => Boolean(p))
    .concat(githubOrganizationProblems(config));
  return [...new Set(problems)];
}
