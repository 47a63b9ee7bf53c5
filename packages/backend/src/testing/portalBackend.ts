import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import {
  BackendProcess,
  DEMO_CONFIG_FILES,
  sleep,
  waitUntil,
} from './launchBackend';

export { DEMO_CONFIG_FILES, sleep, waitUntil };

export type PortalBackendOptions = {
  port: number;
  /** The `backend.database` config block. */
  database: Record<string, unknown>;
  /** Extra static catalog locations, besides those of app-config.demo.yaml. */
  extraLocations?: Array<
    string | { target: string; rules?: Array<{ allow: string[] }> }
  >;
  /** Further top-level config keys of the overlay (e.g. `goldenPaths`). */
  extraConfig?: Record<string, unknown>;
  /** Static tokens besides the demo's (`backend.auth.externalAccess`), e.g. a new service's CI. */
  extraExternalAccess?: Array<{
    token: string;
    subject: string;
    plugin: string;
  }>;
  /** Config files read before the overlay; the demo's by default. */
  configFiles?: string[];
  /** Environment of the backend process; the test's by default. */
  env?: NodeJS.ProcessEnv;
  /** Restart on source changes, as `yarn start` does (true by default). */
  watch?: boolean;
};

const demoConfig = () =>
  yaml.parse(fs.readFileSync(DEMO_CONFIG_FILES[1], 'utf8'));

/** The catalog locations of the demo (targets relative to packages/backend). */
function demoLocations(): unknown[] {
  return demoConfig().catalog.locations;
}

/**
 * The real portal backend (packages/backend/src/index.ts with the demo
 * config), run as a child process the way `yarn start` runs it (through
 * launchBackend.js, the launcher the benches and templates/check.mjs use
 * too), with an overlay for the port and the database. Used by the
 * integration tests.
 */
export class PortalBackend {
  readonly baseUrl: string;
  private readonly process: BackendProcess;

  constructor(options: PortalBackendOptions) {
    this.process = new BackendProcess({
      port: options.port,
      configFiles: options.configFiles,
      env: options.env,
      watch: options.watch,
    });
    this.baseUrl = this.process.baseUrl;
    const extraTokens = (options.extraExternalAccess ?? []).map(t => ({
      type: 'static',
      options: { token: t.token, subject: t.subject },
      accessRestrictions: [{ plugin: t.plugin }],
    }));
    this.process.setOverlay({
      backend: {
        baseUrl: this.baseUrl,
        listen: { port: options.port },
        database: options.database,
        // A list in the overlay replaces the demo's: keep those too.
        ...(extraTokens.length
          ? {
              auth: {
                externalAccess: [
                  ...demoConfig().backend.auth.externalAccess,
                  ...extraTokens,
                ],
              },
            }
          : {}),
      },
      techdocs: {
        publisher: {
          local: {
            publishDirectory: path.join(this.process.dir, 'techdocs'),
          },
        },
      },
      catalog: {
        locations: [
          ...demoLocations(),
          ...(options.extraLocations ?? []).map(location =>
            typeof location === 'string'
              ? { type: 'file', target: location }
              : { type: 'file', ...location },
          ),
        ],
      },
      ...options.extraConfig,
    });
  }

  /** Starts the backend and resolves once it reports ready. */
  start(timeoutMs = 150_000): Promise<void> {
    return this.process.start(timeoutMs);
  }

  /** Stops the backend and its children (the CLI runs the backend in a child). */
  stop(): Promise<void> {
    return this.process.stop();
  }

  /** A user token from the demo sign-in, as the browser gets it. */
  async tokenFor(userName: string): Promise<string> {
    const res = await fetch(`${this.baseUrl}/api/auth/demo/refresh`, {
      headers: { 'x-portal-demo-user': userName },
    });
    if (!res.ok)
      throw new Error(
        `Sign-in as ${userName}: ${res.status} ${await res.text()}`,
      );
    const body = await res.json();
    return body.backstageIdentity.token;
  }

  /** fetch() against the backend as the given user. */
  async request(userName: string, urlPath: string, init: RequestInit = {}) {
    const token = await this.tokenFor(userName);
    return fetch(`${this.baseUrl}${urlPath}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...init.headers,
        Authorization: `Bearer ${token}`,
      },
    });
  }

  get log(): string {
    return this.process.log;
  }

  /** Everything the backend printed (its log file), not only the tail. */
  get wholeLog(): string {
    return this.process.wholeLog;
  }
}
