import { refreshTokens } from './browserLogin';
import { demoToken, PortalClient } from './client';
import { readLogin, tokenExpiry, writeLogin } from './config';
import { CliError, EXIT } from './errors';

/** Where the portal is when nothing says otherwise (`start.sh`: app and API on :3000). */
export const DEFAULT_URL = 'http://localhost:3000';

/** The portal's address: --url, else PORTAL_URL, else the stored login's, else the default. */
export function portalUrl(flag?: string): string {
  const url = flag ?? process.env.PORTAL_URL ?? readLogin()?.url ?? DEFAULT_URL;
  try {
    const parsed = new URL(url);
    if (!['http:', 'https:'].includes(parsed.protocol)) throw new Error();
  } catch {
    throw new CliError(
      `--url must be an http(s) address such as ${DEFAULT_URL}, not '${url}'`,
      EXIT.usage,
    );
  }
  return url.replace(/\/+$/, '');
}

/**
 * A client signed in as the stored login. A demo login whose token has
 * expired is renewed from the demo sign-in; any other expired login asks
 * for `portal login`.
 */
export async function signedIn(urlFlag?: string): Promise<PortalClient> {
  const login = readLogin();
  if (!login) {
    throw new CliError(
      'You are not signed in. Run: portal login (browser sign-in), portal login --user <name> (demo) or portal login --token <token>',
      EXIT.notSignedIn,
    );
  }
  const url = urlFlag ? portalUrl(urlFlag) : login.url;
  if (url !== login.url) {
    throw new CliError(
      `You are signed in to ${login.url}, not to ${url}. Run: portal login --url ${url}`,
      EXIT.notSignedIn,
    );
  }
  let token = login.token;
  const exp = tokenExpiry(token);
  if (exp !== undefined && exp * 1000 < Date.now() + 30_000) {
    if (login.demoUser) {
      token = await demoToken(url, login.demoUser);
      writeLogin({ ...login, token });
    } else if (login.refreshToken) {
      const renewed = await refreshTokens(url, login.refreshToken);
      token = renewed.access_token;
      writeLogin({
        ...login,
        token,
        refreshToken: renewed.refresh_token ?? login.refreshToken,
      });
    } else {
      throw new CliError(
        `Your sign-in to ${url} has expired. Run: portal login`,
        EXIT.notSignedIn,
      );
    }
  }
  return new PortalClient(url, token);
}
