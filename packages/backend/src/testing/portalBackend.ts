import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import yaml from 'yaml';

const BACKEND_DIR = resolvePackagePath('backend');
const REPO_ROOT = path.resolve(BACKEND_DIR, '../..');

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
  /** Config files read before the overlay; the demo's by default. */
  configFiles?: string[];
  /** Environment of the backend process; the test's by default. */
  env?: NodeJS.ProcessEnv;
};

/** The config files `yarn start` reads, in order. */
export const DEMO_CONFIG_FILES = [
  'app-config.yaml',
  'app-config.demo.yaml',
].map(file => path.join(REPO_ROOT, file));

/** The catalog locations of the demo (targets relative to packages/backend). */
function demoLocations(): unknown[] {
  const demo = yaml.parse(fs.readFileSync(DEMO_CONFIG_FILES[1], 'utf8'));
  return demo.catalog.locations;
}

/**
 * The real portal backend (packages/backend/src/index.ts with the demo
 * config), run as a child process the way `yarn start` runs it, with an
 * overlay for the port and the database. Used by the integration tests.
 */
export class PortalBackend {
  readonly baseUrl: string;
  private child?: ChildProcess;
  private output = '';
  private readonly configFile: string;
  private readonly configFiles: string[];
  private readonly env?: NodeJS.ProcessEnv;

  constructor(options: PortalBackendOptions) {
    this.configFiles = options.configFiles ?? DEMO_CONFIG_FILES;
    this.env = options.env;
    this.baseUrl = `http://localhost:${options.port}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-backend-'));
    this.configFile = path.join(dir, 'app-config.test.json');
    const overlay = {
      backend: {
        baseUrl: this.baseUrl,
        listen: { port: options.port },
        database: options.database,
      },
      techdocs: {
        publisher: { local: { publishDirectory: path.join(dir, 'techdocs') } },
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
    };
    fs.writeFileSync(this.configFile, JSON.stringify(overlay));
  }

  /** Starts the backend and resolves once it reports ready. */
  async start(timeoutMs = 150_000): Promise<void> {
    this.output = '';
    const { JEST_WORKER_ID: _, ...parentEnv } = this.env ?? process.env;
    const env = { ...parentEnv, NODE_ENV: 'development' };
    this.child = spawn(
      process.execPath,
      [
        require.resolve('@backstage/cli/bin/backstage-cli'),
        'package',
        'start',
        ...[...this.configFiles, this.configFile].flatMap(file => [
          '--config',
          file,
        ]),
      ],
      {
        cwd: BACKEND_DIR,
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const collect = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);

    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`Backend exited early:\n${this.output}`);
      }
      const ready = await fetch(
        `${this.baseUrl}/.backstage/health/v1/readiness`,
      )
        .then(r => r.ok)
        .catch(() => false);
      if (ready) return;
      await sleep(500);
    }
    throw new Error(`Backend not ready in ${timeoutMs} ms:\n${this.output}`);
  }

  /** Stops the backend and its children (the CLI runs the backend in a child). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise(resolve => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    // The port must be free before a restart on the same port.
    await waitUntil(
      () =>
        fetch(this.baseUrl).then(
          () => false,
          () => true,
        ),
      15_000,
    );
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
    return this.output;
  }
}

export function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a truthy value or the time runs out. */
export async function waitUntil<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await sleep(500);
  }
  throw new Error(`Timed out after ${timeoutMs} ms${last ? `: ${last}` : ''}`);
}
