/** Types of launchBackend.js (the one launcher of the real backend). */
export declare const BACKEND_DIR: string;
export declare const REPO_ROOT: string;
/** The config files `yarn start` reads, in order. */
export declare const DEMO_CONFIG_FILES: string[];

export interface BackendProcessOptions {
  port: number;
  /** Config written to a JSON file read after `configFiles`. */
  overlay?: Record<string, unknown>;
  /** Config files read before the overlay; the demo's by default. */
  configFiles?: string[];
  /** Environment of the backend process; this process's by default. */
  env?: NodeJS.ProcessEnv;
  /** A built backend to run with plain node instead of `backstage-cli package start`. */
  entry?: string;
  /**
   * false: run the sources without the development runner, so a file
   * changed meanwhile does not restart the backend (default true).
   */
  watch?: boolean;
  /** Directory for the overlay (and whatever the caller puts there); a new temporary one by default. */
  dir?: string;
  /** Print the backend's output here instead of keeping its last 20,000 characters. */
  inheritOutput?: boolean;
}

export declare class BackendProcess {
  constructor(options: BackendProcessOptions);
  readonly port: number;
  readonly baseUrl: string;
  readonly dir: string;
  setOverlay(overlay: Record<string, unknown>): void;
  /** Starts the backend and resolves once it reports ready. */
  start(timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  /** Stops the backend and its children, and waits until its port is free. */
  stop(): Promise<void>;
  readonly log: string;
  readonly logFile: string;
  readonly wholeLog: string;
}

export declare function sleep(ms: number): Promise<void>;
export declare function waitUntil<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
): Promise<T>;
