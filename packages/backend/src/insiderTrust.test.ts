import http from 'node:http';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { PortalBackend, waitUntil } from './testing/portalBackend';
import { setupTestBackend } from './testing/testDatabase';

/**
 * Templates run only from the catalog, and read only from where the portal's
 * templates live; the demo sign-in answers only its own host; GitHub sign-in
 * only members of the organisation. The real backend on SQLite and on
 * PostgreSQL, called as a developer, a guest and a platform engineer would.
 * A local server stands in for GitHub: a Git host the portal's integration
 * credentials can read (`backend.reading.allow`), with a repository holding a
 * secret and the portal's template repository, and GitHub's OAuth and REST
 * endpoints that sign-in uses (as a GitHub Enterprise Server instance).
 */

jest.setTimeout(120_000);

const TEST_DATA = resolvePackagePath('backend', 'test-data');
const SECRET = 'the-payments-teams-private-key';
const SKELETON = 'a file of the portal templates';

/** The organisation of the fake GitHub, and its members' logins. */
const ORGANIZATION = 'fintech-fast';
const MEMBERS = ['priya.sharma'];

/**
 * The stand-in GitHub: two files, OAuth (the code is `code-<login>`, the
 * token `token-<login>`), the user's profile and their membership of
 * ORGANIZATION; everything else 404.
 */
async function gitHost() {
  const files: Record<string, string> = {
    '/payments/ledger/private-key.txt': SECRET,
    '/platform/portal-templates/skeleton/README.md': SKELETON,
  };
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://github.test');
    const login = /^(?:token|Bearer) token-(.+)$/.exec(
      req.headers.authorization ?? '',
    )?.[1];
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        const code = new URLSearchParams(body).get('code') ?? '';
        send(res, 200, {
          access_token: `token-${code.replace(/^code-/, '')}`,
          token_type: 'bearer',
          scope: 'read:org,read:user',
        });
      });
      return;
    }
    if (url.pathname === '/api/v3/user' && login) {
      send(res, 200, { login, id: 1, node_id: `node-${login}`, name: login });
      return;
    }
    if (url.pathname === `/api/v3/user/memberships/orgs/${ORGANIZATION}`) {
      if (login && MEMBERS.includes(login)) {
        send(res, 200, { state: 'active', role: 'member' });
      } else {
        send(res, 404, { message: 'Not Found' });
      }
      return;
    }
    const file = files[url.pathname];
    res.writeHead(file ? 200 : 404, { 'content-type': 'text/plain' });
    res.end(file ?? 'not found');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `localhost:${port}`,
    url: (p: string) => `http://localhost:${port}${p}`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/** A template sent in the request body, as the template editor sends it. */
const dryRunBody = (url: string) => ({
  template: {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'copy-a-repository' },
    spec: {
      type: 'service',
      steps: [
        {
          id: 'fetch',
          action: 'fetch:plain:file',
          input: { url, targetPath: 'copy.txt' },
        },
      ],
    },
  },
  values: {},
  directoryContents: [],
});

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe.each([
  ['SQLite', 7161],
  ['PostgreSQL', 7162],
] as const)(
  'templates and the demo sign-in in the portal backend on %s',
  (kind, port) => {
    let git: Awaited<ReturnType<typeof gitHost>>;
    let backend: PortalBackend;

    const json = async (user: string, urlPath: string, init?: RequestInit) => {
      const res = await backend.request(user, urlPath, init);
      const text = await res.text();
      return { status: res.status, text };
    };
    const dryRun = (user: string, url: string) =>
      json(user, '/api/scaffolder/v2/dry-run', {
        method: 'POST',
        body: JSON.stringify(dryRunBody(url)),
      });
    /** One MCP request (stateless streamable HTTP); the JSON-RPC result. */
    const mcp = async (user: string, method: string, params: object) => {
      const res = await backend.request(user, '/api/mcp-actions/v1', {
        method: 'POST',
        headers: { accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      });
      const text = await res.text();
      const data = text.split('\n').find(line => line.startsWith('data: '));
      return JSON.parse(data ? data.slice('data: '.length) : text);
    };
    const runTemplate = async (user: string, url: string) => {
      const created = await json(user, '/api/scaffolder/v2/tasks', {
        method: 'POST',
        body: JSON.stringify({
          templateRef: 'template:default/fetch-a-file',
          values: { url },
        }),
      });
      expect(created.status).toBe(201);
      const { id } = JSON.parse(created.text);
      const status = await waitUntil(async () => {
        const task = JSON.parse(
          (await json(user, `/api/scaffolder/v2/tasks/${id}`)).text,
        );
        return ['completed', 'failed'].includes(task.status) && task.status;
      }, 60_000);
      const events = await json(user, `/api/scaffolder/v2/tasks/${id}/events`);
      return { status, log: events.text };
    };

    setupTestBackend(kind, 'template_trust_it', async db => {
      git = await gitHost();
      backend = new PortalBackend({
        port,
        database: db.config,
        extraLocations: [
          {
            target: path.join(
              TEST_DATA,
              'templates/fetch-a-file/template.yaml',
            ),
            rules: [{ allow: ['Template'] }],
          },
        ],
        extraConfig: {
          // The integration's reach: what the portal's credentials can read.
          backend: {
            baseUrl: `http://localhost:${port}`,
            listen: { port },
            database: db.config,
            reading: { allow: [{ host: git.host }] },
          },
          portal: { templateSources: [git.url('/platform/portal-templates/')] },
          auth: {
            providers: {
              github: {
                development: {
                  clientId: 'portal-test-client',
                  clientSecret: 'portal-test-client-secret',
                  enterpriseInstanceUrl: git.url(''),
                  signIn: {
                    resolvers: [
                      {
                        resolver: 'organizationMember',
                        organization: ORGANIZATION,
                        apiBaseUrl: git.url('/api/v3'),
                      },
                    ],
                  },
                },
              },
            },
          },
        },
      });
      return {
        backend,
        ready: async () =>
          (
            await json(
              'guest',
              '/api/catalog/entities/by-name/template/default/fetch-a-file',
            )
          ).status === 200,
      };
    });

    afterAll(async () => {
      await git?.close();
    }, 60_000);

    it('refuses a dry run of a template sent in the request to a developer and a guest', async () => {
      for (const user of ['priya.sharma', 'guest']) {
        const res = await dryRun(
          user,
          git.url('/payments/ledger/private-key.txt'),
        );
        expect(res.status).toBe(403);
        expect(res.text).not.toContain(base64(SECRET));
      }
    });

    it('refuses the dry-run action over MCP to a developer, and offers it to the platform team', async () => {
      const toolNames = async (user: string) =>
        (await mcp(user, 'tools/list', {})).result.tools.map(
          (t: { name: string }) => t.name,
        ) as string[];
      const platformTools = await toolNames('sam.okafor');
      const dryRunTool = platformTools.find(n =>
        n.includes('dry-run-template'),
      );
      expect(dryRunTool).toBeDefined();
      expect(await toolNames('priya.sharma')).not.toContain(dryRunTool);

      const called = await mcp('priya.sharma', 'tools/call', {
        name: dryRunTool,
        arguments: {
          templateYaml: JSON.stringify(
            dryRunBody(git.url('/payments/ledger/private-key.txt')).template,
          ),
        },
      });
      expect(JSON.stringify(called)).not.toContain(base64(SECRET));
      expect(JSON.stringify(called)).toMatch(/not found/i);
    });

    it("lets the platform team's dry runs read the template sources only", async () => {
      const allowed = await dryRun(
        'sam.okafor',
        git.url('/platform/portal-templates/skeleton/README.md'),
      );
      expect(allowed.status).toBe(200);
      expect(allowed.text).toContain(base64(SKELETON));

      const refused = await dryRun(
        'sam.okafor',
        git.url('/payments/ledger/private-key.txt'),
      );
      expect(refused.text).not.toContain(base64(SECRET));
      expect(refused.text).toMatch(
        /Templates may fetch only from where the portal's templates live/,
      );
    });

    it("lets a catalog template's fetch step read the template sources, nothing else", async () => {
      const stolen = await runTemplate(
        'priya.sharma',
        git.url('/payments/ledger/private-key.txt'),
      );
      expect(stolen.status).toBe('failed');
      expect(stolen.log).toMatch(
        /Templates may fetch only from where the portal's templates live/,
      );

      // The same path climbing out of the template sources is the same refusal.
      const climbed = await runTemplate(
        'priya.sharma',
        git.url(
          '/platform/portal-templates/../../payments/ledger/private-key.txt',
        ),
      );
      expect(climbed.status).toBe('failed');

      const skeleton = await runTemplate(
        'priya.sharma',
        git.url('/platform/portal-templates/skeleton/README.md'),
      );
      expect(skeleton.status).toBe('completed');
    });

    it('signs in demo users only on requests for its own host (no DNS rebinding)', async () => {
      const signIn = (host: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = http.get(
            {
              host: '127.0.0.1',
              port,
              path: '/api/auth/demo/refresh',
              headers: { host, 'x-portal-demo-user': 'sam.okafor' },
            },
            res => {
              let body = '';
              res.on('data', chunk => (body += chunk));
              res.on('end', () =>
                resolve({ status: res.statusCode ?? 0, body }),
              );
            },
          );
          req.on('error', reject);
        });
      const rebound = await signIn(`attacker.example:${port}`);
      expect(rebound.status).toBe(403);
      expect(rebound.body).not.toContain('backstageIdentity');
      expect(JSON.parse(rebound.body).error.message).toMatch(
        /answers requests for localhost:\d+ only/,
      );
      expect((await signIn(`localhost:${port}`)).status).toBe(200);
    });

    it('signs in with GitHub only the members of the organisation', async () => {
      /** The browser's OAuth round trip; what the sign-in popup receives. */
      const signInWithGithub = async (login: string) => {
        const start = await fetch(
          `${backend.baseUrl}/api/auth/github/start?env=development`,
          { redirect: 'manual' },
        );
        const state = new URL(start.headers.get('location')!).searchParams.get(
          'state',
        );
        // The nonce cookie, as the browser keeps it (the first Set-Cookie
        // clears a legacy one).
        const cookie = start.headers
          .getSetCookie()
          .map(c => c.split(';')[0])
          .filter(c => c.startsWith('github-nonce=') && c.length > 13)
          .join('; ');
        const frame = await fetch(
          `${backend.baseUrl}/api/auth/github/handler/frame?code=code-${login}&state=${state}`,
          { headers: { cookie } },
        );
        const html = await frame.text();
        const message = /authResponse = decodeURIComponent\('([^']*)'\)/.exec(
          html,
        )?.[1];
        return JSON.parse(decodeURIComponent(message ?? 'null'));
      };

      const member = await signInWithGithub('priya.sharma');
      expect(member).toMatchObject({
        response: {
          backstageIdentity: {
            identity: {
              ownershipEntityRefs: expect.arrayContaining([
                'group:default/checkout-core-team',
              ]),
            },
          },
        },
      });

      // A GitHub account outside the organisation whose login is a catalog
      // User's name.
      const outsider = await signInWithGithub('marco.rossi');
      expect(outsider.response).toBeUndefined();
      expect(outsider.error.message).toMatch(
        /marco.rossi is not a member of the fintech-fast organisation/,
      );
    });
  },
);
