/**
 * Exit codes of the `portal` command (documented in the README and in
 * docs/cli.md). Scripts and CI may branch on them.
 */
export const EXIT = {
  ok: 0,
  /** Anything else that went wrong (the portal is unreachable, an internal error). */
  error: 1,
  /** The command line was wrong: an unknown command, a missing or bad option. */
  usage: 2,
  /** No sign-in stored, or it has expired: run `portal login`. */
  notSignedIn: 3,
  /** The portal refused: the signed-in person (or token) may not do this. */
  forbidden: 4,
  /** The service, template or group named does not exist. */
  notFound: 5,
  /** The portal refused the input (validation), or a run of a golden path failed. */
  rejected: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error for the person at the terminal: a message in words and an exit code. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode = EXIT.error) {
    super(message);
    this.name = 'CliError';
  }
}
