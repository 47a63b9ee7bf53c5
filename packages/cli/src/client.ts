import { PORTAL_CHANNEL_HEADER } from '@internal/plugin-portal-common';
import { CliError, EXIT, ExitCode } from './errors';

type Query = Record<string, string | number | boolean | undefined>;

/** The words of a portal error body (Backstage's `{ error: { message } }`, or a validator's list). */
function messageOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as {
    error?: { message?: unknown };
    errors?: Array<{ message?: unknown; property?: unknown; path?: unknown }>;
    message?: unknown;
  };
  if (typeof b.error?.message === 'string') return b.error.message;
  if (Array.isArray(b.errors) && b.errors.length) {
    return b.errors
      .map(e => {
        const where =
          typeof e.property === 'string'
            ? e.property.replace(/^instance\.?/, '')
            : '';
        return `${where ? `${where}: ` : ''}${String(e.message ?? e)}`;
      })
      .join('; ');
  }
  if (typeof b.message === 'string') return b.message;
  return undefined;
}

/** An HTTP answer turned into a message in words and an exit code. */
export function errorFor(
  status: number,
  body: unknown,
  context: { url: string; what?: string },
): CliError {
  const said = messageOf(body);
  const what = context.what ? `${context.what}: ` : '';
  let code: ExitCode = EXIT.error;
  let text: string;
  if (status === 401) {
    code = EXIT.notSignedIn;
    text = `You are not signed in to ${context.url}, or your sign-in has expired. Run: portal login`;
  } else if (status === 403) {
    code = EXIT.forbidden;
    text = `Permission refused. ${said ?? 'You may not do this.'}`;
  } else if (status === 404) {
    code = EXIT.notFound;
    text = `Not found. ${said ?? ''}`.trim();
  } else if (status === 429) {
    text = 'Too many requests for now; try again in a minute.';
  } else if (status >= 400 && status < 500) {
    code = EXIT.rejected;
    text = `The portal refused the input. ${said ?? ''}`.trim();
  } else {
    text = `The portal could not answer (${
      said ?? 'an internal error; the details are in its log'
    }).`;
  }
  return new CliError(`${what}${text}`, code);
}

/**
 * A thin client of the portal's HTTP APIs (the same ones its pages call):
 * every request carries the stored token and `x-portal-channel: cli`.
 */
export class PortalClient {
  constructor(
    readonly url: string,
    private readonly token: string | undefined,
  ) {}

  async request<T>(
    method: 'GET' | 'POST',
    path: string,
    options: { query?: Query; body?: unknown; what?: string } = {},
  ): Promise<T> {
    const target = new URL(`${this.url.replace(/\/+$/, '')}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v !== undefined) target.searchParams.set(k, String(v));
    }
    // Counted in the portal's usage analytics as work from the CLI.
    const headers: Record<string, string> = {
      [PORTAL_CHANNEL_HEADER]: 'cli',
      accept: 'application/json',
    };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (options.body !== undefined)
      headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(target, {
        method,
        headers,
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      throw new CliError(
        `Cannot reach the portal at ${this.url}${
          cause ? ` (${cause})` : ''
        }. Is it running? Use --url or PORTAL_URL to point at it.`,
        EXIT.error,
      );
    }
    const text = await res.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      throw errorFor(res.status, body, { url: this.url, what: options.what });
    }
    if (body === undefined && text) {
      throw new CliError(
        `${this.url} did not answer like the portal (no JSON). Is --url right?`,
      );
    }
    return body as T;
  }

  get<T>(path: string, query?: Query, what?: string): Promise<T> {
    return this.request<T>('GET', path, { query, what });
  }

  post<T>(path: string, body: unknown, what?: string): Promise<T> {
    return this.request<T>('POST', path, { body, what });
  }
}

/** A token from the demo sign-in (portal.demoMode) for a catalog User. */
export async function demoToken(url: string, user: string): Promise<string> {
  const client = new PortalClient(url, undefined);
  const target = `${url.replace(/\/+$/, '')}/api/auth/demo/refresh`;
  let res: Response;
  try {
    res = await fetch(target, {
      headers: { 'x-portal-demo-user': user, [PORTAL_CHANNEL_HEADER]: 'cli' },
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    // The same words as any other unreachable portal.
    return client.get('/api/auth/demo/refresh');
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) {
    const said = messageOf(body) ?? '';
    if (res.status === 404 && (/auth provider/i.test(said) || !said)) {
      throw new CliError(
        `${url} has no demo sign-in (it runs outside demo mode). Sign in with --token instead.`,
        EXIT.usage,
      );
    }
    // The catalog has no such User: the sign-in resolver says so.
    if (res.status === 404 || res.status === 401) {
      throw new CliError(
        `There is no catalog User '${user}' to sign in as.`,
        EXIT.notFound,
      );
    }
    throw errorFor(res.status, body, { url, what: 'Sign-in' });
  }
  const token = (body as { backstageIdentity?: { token?: unknown } })
    ?.backstageIdentity?.token;
  if (typeof token !== 'string') {
    throw new CliError(`${url} did not answer like the portal's sign-in.`);
  }
  return token;
}
