// @ts-check
/**
 * The one way to start the real portal backend as a child process, shared by
 * the integration tests (portalBackend.ts), the benches (bench/lib/backend.mjs)
 * and the template check (templates/check.mjs). CommonJS with a .d.ts, so the
 * TypeScript tests and the plain-node .mjs scripts can both load it.
 *
 * It runs packages/backend the way `yarn start` does (`backstage-cli package
 * start`, NODE_ENV=development) or, given `entry`, a built backend with plain
 * node (NODE_ENV=production); reads `configFiles` (the demo's by default) and
 * a JSON overlay on top; and reports ready when the readiness probe answers.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// A test and bench helper, never part of a production build: its own
// location is the repository's.
// eslint-disable-next-line no-restricted-syntax
const BACKEND_DIR = path.resolve(__dirname, '../..');
const REPO_ROOT = path.resolve(BACKEND_DIR, '../..');

/** The config files `yarn start` reads, in order. */
const DEMO_CONFIG_FILES = ['app-config.yaml', 'app-config.demo.yaml'].map(
  file => path.join(REPO_ROOT, file),
);

/** @param {number} ms */
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Polls `check` until it returns a truthy value or the time runs out.
 * @template T
 * @param {() => Promise<T | undefined | false>} check
 * @param {number} timeoutMs
 * @returns {Promise<T>}
 */
async function waitUntil(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
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

class BackendProcess {
  /** @param {import('./launchBackend').BackendProcessOptions} options */
  constructor(options) {
    this.port = options.port;
    this.baseUrl = `http://localhost:${options.port}`;
    this.dir =
      options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'portal-backend-'));
    this.configFiles = options.configFiles ?? DEMO_CONFIG_FILES;
    this.env = options.env;
    this.entry = options.entry;
    this.watch = options.watch ?? true;
    this.inheritOutput = Boolean(options.inheritOutput);
    /** @type {import('node:child_process').ChildProcess | undefined} */
    this.child = undefined;
    this.output = '';
    this.configFile = path.join(this.dir, 'app-config.overlay.json');
    this.setOverlay(options.overlay ?? {});
  }

  /** @param {Record<string, unknown>} overlay */
  setOverlay(overlay) {
    fs.writeFileSync(this.configFile, JSON.stringify(overlay));
  }

  /**
   * The node arguments that run the backend: a built entry; the sources
   * through Backstage's transform without restarts on file changes
   * (`watch: false`, what `scripts/start.sh` does); or the
   * development runner of `yarn start`, which restarts on every change.
   */
  command() {
    if (this.entry) return [this.entry];
    if (!this.watch) {
      return [
        '--enable-source-maps',
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
          paths: [BACKEND_DIR],
        }),
        'src/index.ts',
      ];
    }
    return [
      require.resolve('@backstage/cli/bin/backstage-cli', {
        paths: [BACKEND_DIR],
      }),
      'package',
      'start',
    ];
  }

  /** @param {number} [timeoutMs] */
  async start(timeoutMs = 150_000) {
    this.output = '';
    const { JEST_WORKER_ID: _, ...parentEnv } = this.env ?? process.env;
    const args = [...this.configFiles, this.configFile].flatMap(file => [
      '--config',
      file,
    ]);
    const child = spawn(process.execPath, [...this.command(), ...args], {
      // Relative paths in app-config.yaml are relative to packages/backend.
      cwd: BACKEND_DIR,
      env: {
        ...parentEnv,
        NODE_ENV: this.entry ? 'production' : 'development',
        ...(this.watch || this.entry
          ? {}
          : { ESBK_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.json') }),
      },
      detached: true,
      stdio: this.inheritOutput ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    /** @param {Buffer} chunk */
    // The whole log in the backend's directory, the last part in memory.
    const logFile = path.join(this.dir, 'backend.log');
    const collect = chunk => {
      fs.appendFileSync(logFile, chunk);
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
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
    throw new Error(
      `Backend not ready in ${timeoutMs} ms (whole log: ${logFile}):\n${this.output}`,
    );
  }

  /** Sends a signal to the backend and its children (the CLI forks one). */
  /** @param {NodeJS.Signals} signal */
  kill(signal) {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, signal);
    } catch {
      /* already gone */
    }
  }

  /** Stops the backend (SIGTERM, SIGKILL after 15 s) and waits for its port. */
  async stop() {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise(resolve => child.once('exit', resolve));
    this.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null) this.kill('SIGKILL');
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

  /** The last 20,000 characters the backend printed. */
  get log() {
    return this.output;
  }
}

module.exports = {
  BACKEND_DIR,
  REPO_ROOT,
  DEMO_CONFIG_FILES,
  BackendProcess,
  sleep,
  waitUntil,
};
