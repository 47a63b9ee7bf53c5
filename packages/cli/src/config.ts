import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What `portal login` stores. */
export interface StoredLogin {
  url: string;
  token: string;
  /** Demo sign-in: the catalog User, so an expired token can be renewed. */
  demoUser?: string;
  /** Browser sign-in, when the portal issues refresh tokens (auth.experimentalRefreshToken). */
  refreshToken?: string;
}

/** Where the login is kept: $XDG_CONFIG_HOME/portal/config.json (~/.config by default). */
export function configFile(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(os.homedir(), '.config');
  return path.join(base, 'portal', 'config.json');
}

export function readLogin(file = configFile()): StoredLogin | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text);
    if (typeof value?.url === 'string' && typeof value?.token === 'string') {
      return value;
    }
  } catch {
    // A damaged file is the same as none: `portal login` writes a new one.
  }
  return undefined;
}

/** Writes the login readable by its owner only (directory 700, file 600). */
export function writeLogin(login: StoredLogin, file = configFile()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

/** Removes the login; true when there was one. */
export function removeLogin(file = configFile()): boolean {
  try {
    fs.unlinkSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Seconds since the epoch at which a JWT expires, if it says. */
export function tokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    return typeof claims.exp === 'number' ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}

/** The `sub` claim of a user token (e.g. `user:default/priya.sharma`). */
export function tokenSubject(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}
