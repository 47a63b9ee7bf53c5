import { browserSignIn } from '../browserLogin';
import { demoToken, PortalClient } from '../client';
import {
  configFile,
  readLogin,
  removeLogin,
  tokenExpiry,
  tokenSubject,
  writeLogin,
} from '../config';
import { CliError, EXIT } from '../errors';
import { Output } from '../format';
import { portalUrl, signedIn } from '../session';

export async function login(
  args: {
    url?: string;
    user?: string;
    token?: string;
    browser?: boolean;
    json?: boolean;
  },
  io: Output,
) {
  const url = portalUrl(args.url);
  if (args.user && args.token) {
    throw new CliError('Give either --user or --token, not both.', EXIT.usage);
  }
  let token: string;
  let refreshToken: string | undefined;
  if (args.user) {
    token = await demoToken(url, args.user.trim());
  } else if (args.token) {
    token = args.token.trim();
  } else {
    const tokens = await browserSignIn(url, {
      openBrowser: args.browser !== false,
      say: line => io.err(line),
    });
    token = tokens.access_token;
    refreshToken = tokens.refresh_token;
  }
  // Check the token with the portal before storing it.
  const client = new PortalClient(url, token);
  const info = await client.get<{ claims?: { sub?: string } }>(
    '/api/auth/v1/userinfo',
    undefined,
    'Sign-in',
  );
  const subject = info.claims?.sub ?? tokenSubject(token) ?? 'unknown';
  writeLogin({
    url,
    token,
    ...(args.user ? { demoUser: args.user } : {}),
    ...(refreshToken ? { refreshToken } : {}),
  });
  if (args.json) {
    io.out(
      JSON.stringify({ url, userEntityRef: subject, config: configFile() }),
    );
  } else {
    io.out(`Signed in to ${url} as ${subject}. (Stored in ${configFile()})`);
  }
}

export async function logout(args: { json?: boolean }, io: Output) {
  const had = removeLogin();
  if (args.json) io.out(JSON.stringify({ signedOut: had }));
  else io.out(had ? 'Signed out.' : 'You were not signed in.');
}

export async function whoami(
  args: { url?: string; json?: boolean },
  io: Output,
) {
  const client = await signedIn(args.url);
  const info = await client.get<{
    claims?: { sub?: string; ent?: string[] };
  }>('/api/auth/v1/userinfo');
  const userRef = info.claims?.sub ?? '';
  const groups = (info.claims?.ent ?? []).filter(r => r.startsWith('group:'));
  let title: string | undefined;
  const m = /^user:([^/]+)\/(.+)$/.exec(userRef);
  if (m) {
    const user = await client
      .get<{
        metadata: { title?: string };
        spec?: { profile?: { displayName?: string } };
      }>(
        `/api/catalog/entities/by-name/user/${m[1]}/${encodeURIComponent(
          m[2],
        )}`,
      )
      .catch(() => undefined);
    title = user?.spec?.profile?.displayName ?? user?.metadata.title;
  }
  const exp = tokenExpiry(readLogin()?.token ?? '');
  const result = {
    url: client.url,
    userEntityRef: userRef,
    displayName: title ?? null,
    groups,
    expiresAt: exp ? new Date(exp * 1000).toISOString() : null,
  };
  if (args.json) {
    io.out(JSON.stringify(result));
    return;
  }
  io.out(
    `${title ? `${title} (${userRef})` : userRef} on ${client.url}${
      groups.length ? `\nTeams: ${groups.join(', ')}` : ''
    }`,
  );
}
