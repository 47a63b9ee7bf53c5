import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { CliError, EXIT } from './errors';

/**
 * Browser sign-in through the portal's own sign-in page: OAuth 2.0 with
 * PKCE against Backstage's auth backend, as the Backstage CLI client
 * (its Client ID Metadata Document, whose redirect is this loopback port).
 */
const CALLBACK_PORT = 8055;
const REDIRECT_URI = `http://127.0.0.1:${CALLBACK_PORT}/callback`;
const WAIT_MS = 5 * 60_000;

export interface OAuthTokens {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
}

export const clientIdOf = (url: string) =>
  `${url}/api/auth/.well-known/oauth-client/cli.json`;

async function tokenRequest(
  url: string,
  body: Record<string, string>,
): Promise<OAuthTokens> {
  const res = await fetch(`${url}/api/auth/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: clientIdOf(url), ...body }),
    signal: AbortSignal.timeout(30_000),
  });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok || typeof answer.access_token !== 'string') {
    throw new CliError(
      `The portal did not issue a token (${
        answer.error_description ?? answer.error ?? `status ${res.status}`
      }). Run: portal login`,
      EXIT.notSignedIn,
    );
  }
  return answer;
}

/** A new access token for a stored refresh token (when the portal issues them). */
export function refreshTokens(url: string, refreshToken: string) {
  return tokenRequest(url, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
}

const OPENERS: Partial<Record<NodeJS.Platform, [string, string[]]>> = {
  darwin: ['open', []],
  win32: ['cmd', ['/c', 'start', '""']],
};

function openInBrowser(target: string) {
  const [command, prefix] = OPENERS[process.platform] ?? ['xdg-open', []];
  const args = [...prefix, target];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // The address is printed; the person opens it.
  }
}

/** Waits on the loopback port for the portal to send the person back with a code. */
function callbackServer(state: string) {
  let resolve!: (code: string) => void;
  let reject!: (e: Error) => void;
  const code = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const server = http.createServer((req, res) => {
    const at = new URL(req.url ?? '/', REDIRECT_URI);
    if (at.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    if (at.searchParams.get('state') !== state) {
      res
        .writeHead(400)
        .end('This sign-in link is not the one portal login is waiting for.');
      return;
    }
    const error = at.searchParams.get('error');
    if (error) {
      res.end('Sign-in refused. You may close this window.');
      reject(
        new CliError(
          error === 'access_denied'
            ? 'The sign-in was refused in the browser.'
            : `The portal refused the sign-in (${
                at.searchParams.get('error_description') ?? error
              }).`,
          EXIT.notSignedIn,
        ),
      );
      return;
    }
    const given = at.searchParams.get('code');
    if (!given) {
      res.writeHead(400).end('The portal sent no sign-in code.');
      return;
    }
    res.end('Signed in to the portal CLI. You may close this window.');
    resolve(given);
  });
  const listening = new Promise<void>((res, rej) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      rej(
        new CliError(
          e.code === 'EADDRINUSE'
            ? `Port ${CALLBACK_PORT} is in use (another sign-in waiting?); close it and try again.`
            : `Cannot wait for the sign-in on port ${CALLBACK_PORT}: ${e.message}`,
        ),
      ),
    );
    server.listen(CALLBACK_PORT, '127.0.0.1', () => res());
  });
  const close = () =>
    new Promise<void>(res => {
      server.closeAllConnections();
      server.close(() => res());
    });
  return { code, listening, close };
}

/**
 * Signs in through the browser: prints (and opens) the portal's
 * authorization page, waits for the person to approve, exchanges the code.
 */
export async function browserSignIn(
  url: string,
  options: { openBrowser: boolean; say: (line: string) => void },
): Promise<OAuthTokens> {
  const metadata = await fetch(clientIdOf(url), {
    signal: AbortSignal.timeout(30_000),
  }).catch(() => undefined);
  if (!metadata?.ok) {
    throw new CliError(
      `${url} does not offer browser sign-in for the CLI (auth.clientIdMetadataDocuments is off, or this is not the portal). Sign in with --token instead.`,
      EXIT.usage,
    );
  }
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('hex');
  const authorize = new URL(`${url}/api/auth/v1/authorize`);
  authorize.search = new URLSearchParams({
    client_id: clientIdOf(url),
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid offline_access',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  // The authorization endpoint only redirects to the portal's consent
  // page; asking it here turns a refusal into words in the terminal.
  const started = await fetch(authorize, {
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  const consent = started.headers.get('location');
  if (started.status < 300 || started.status >= 400 || !consent) {
    const said = await started
      .json()
      .then(b => b?.error?.message ?? b?.error_description)
      .catch(() => undefined);
    throw new CliError(
      `The portal refused the CLI's sign-in request (${
        said ?? `status ${started.status}`
      }). Backstage accepts it only from a portal served over HTTPS, or a development backend on localhost; on the local demo use portal login --user <name>.`,
      EXIT.notSignedIn,
    );
  }

  const server = callbackServer(state);
  try {
    await server.listening;
    options.say(
      `Sign in and approve the portal CLI in your browser:\n  ${consent}`,
    );
    if (options.openBrowser) openInBrowser(consent);
    const code = await Promise.race([
      server.code,
      new Promise<never>((_, reject) =>
        setTimeout(
          () =>
            reject(
              new CliError(
                'No sign-in within 5 minutes. Run portal login again.',
                EXIT.notSignedIn,
              ),
            ),
          WAIT_MS,
        ).unref(),
      ),
    ]);
    return await tokenRequest(url, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
  } finally {
    await server.close();
  }
}
