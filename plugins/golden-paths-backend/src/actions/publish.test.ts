import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalGitHost } from '../service/localGit';
import { actionContext } from '../testUtils';
import { createPublishAction } from './publish';

function tempDir(prefix: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function workspace(files: Record<string, string>) {
  const dir = tempDir('publish-workspace-');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const git = (bare: string, ...args: string[]) =>
  execFileSync('git', ['--git-dir', bare, ...args])
    .toString()
    .trim();

const user = {
  ref: 'user:default/priya.sharma',
  entity: {
    spec: {
      profile: {
        displayName: 'Priya Sharma',
        email: 'priya@fintech-fast.example',
      },
    },
  },
};

describe('golden-paths:publish', () => {
  let base: string;
  let action: ReturnType<typeof createPublishAction>;

  beforeEach(() => {
    base = tempDir('publish-git-');
    action = createPublishAction({ local: new LocalGitHost(base) });
  });

  it('publishes the workspace as a new bare repository on main', async () => {
    const workspacePath = workspace({
      'catalog-info.yaml': 'kind: Component\n',
      'src/app.ts': 'export {};\n',
    });
    const ctx = actionContext(
      { repoName: 'orders-api' },
      { workspacePath, user },
    );
    await action.handler(ctx);

    const bare = path.join(base, 'orders-api.git');
    const checkout = path.join(base, 'checkouts', 'orders-api');
    expect(ctx.outputs).toEqual({
      remoteUrl: `file://${bare}`,
      repoContentsUrl: `file://${bare}`,
      catalogInfoUrl: path.join(checkout, 'catalog-info.yaml'),
      commitHash: git(bare, 'rev-parse', 'main'),
    });
    expect(git(bare, 'log', '--format=%an <%ae>|%s', 'main')).toBe(
      'Priya Sharma <priya@fintech-fast.example>|Initial commit from template:default/nodejs-api',
    );
    expect(
      git(bare, 'ls-tree', '-r', '--name-only', 'main').split('\n'),
    ).toEqual(['catalog-info.yaml', 'src/app.ts']);
    // The file the catalog reads is the committed one.
    expect(fs.readFileSync(ctx.outputs.catalogInfoUrl as string, 'utf8')).toBe(
      'kind: Component\n',
    );
  });

  it('publishes only sourcePath when given', async () => {
    const workspacePath = workspace({
      'service/catalog-info.yaml': 'kind: Component\n',
      'notes.txt': 'not published\n',
    });
    const ctx = actionContext(
      { repoName: 'orders-api', sourcePath: 'service' },
      { workspacePath },
    );
    await action.handler(ctx);
    expect(
      git(
        path.join(base, 'orders-api.git'),
        'ls-tree',
        '-r',
        '--name-only',
        'main',
      ),
    ).toBe('catalog-info.yaml');
  });

  it('commits into a folder of an existing repository with targetPath', async () => {
    const first = actionContext(
      {
        repoName: 'platform-gitops',
        targetPath: 'claims/production/orders-db',
      },
      { workspacePath: workspace({ 'claim.yaml': 'kind: A\n' }) },
    );
    const second = actionContext(
      { repoName: 'platform-gitops', targetPath: 'claims/staging/cache/' },
      {
        workspacePath: workspace({
          'claim.yaml': 'kind: B\n',
          'catalog-info.yaml': 'kind: Resource\n',
        }),
      },
    );
    await action.handler(first);
    await action.handler(second);

    const bare = path.join(base, 'platform-gitops.git');
    expect(git(bare, 'rev-list', '--count', 'main')).toBe('2');
    expect(
      git(bare, 'ls-tree', '-r', '--name-only', 'main').split('\n'),
    ).toEqual([
      'claims/production/orders-db/claim.yaml',
      'claims/staging/cache/catalog-info.yaml',
      'claims/staging/cache/claim.yaml',
    ]);
    expect(second.outputs.catalogInfoUrl).toBe(
      path.join(
        base,
        'checkouts',
        'platform-gitops',
        'claims/staging/cache/catalog-info.yaml',
      ),
    );
    expect(second.outputs.commitHash).toBe(git(bare, 'rev-parse', 'main'));
  });

  it('refuses a repository that already exists and leaves it untouched', async () => {
    const workspacePath = workspace({ 'catalog-info.yaml': 'kind: A\n' });
    await action.handler(
      actionContext({ repoName: 'orders-api' }, { workspacePath }),
    );
    const bare = path.join(base, 'orders-api.git');
    const before = git(bare, 'rev-parse', 'main');
    await expect(
      action.handler(
        actionContext({ repoName: 'orders-api' }, { workspacePath }),
      ),
    ).rejects.toThrow('Repository orders-api already exists');
    expect(git(bare, 'rev-parse', 'main')).toBe(before);
  });

  it.each([
    [{ repoName: 'x', sourcePath: '../elsewhere' }, /outside the workspace/],
    [{ repoName: '../escape' }, /Invalid repository name '..\/escape'/],
    [
      { repoName: 'gitops', targetPath: '../up' },
      /Invalid targetPath '..\/up'/,
    ],
  ])('refuses %j', async (input, message) => {
    const workspacePath = workspace({ 'a.txt': 'a\n' });
    await expect(
      action.handler(actionContext(input, { workspacePath })),
    ).rejects.toThrow(message);
    expect(fs.readdirSync(base)).toEqual([]);
  });

  it('has no side effect in a dry run', async () => {
    const ctx = actionContext(
      { repoName: 'orders-api' },
      { workspacePath: workspace({ 'a.txt': 'a\n' }), isDryRun: true },
    );
    await action.handler(ctx);
    expect(ctx.outputs).toMatchObject({
      remoteUrl: `file://${path.join(base, 'orders-api.git')}`,
      catalogInfoUrl: path.join(
        base,
        'checkouts',
        'orders-api',
        'catalog-info.yaml',
      ),
    });
    expect(fs.readdirSync(base)).toEqual([]);
  });

  describe('with GitHub configured', () => {
    function githubAction() {
      const calls: any[] = [];
      const publishGithub: any = {
        id: 'publish:github',
        async handler(ctx: any) {
          calls.push(ctx.input);
          ctx.output('remoteUrl', 'https://github.com/fintech-fast/orders-api');
          ctx.output(
            'repoContentsUrl',
            'https://github.com/fintech-fast/orders-api/blob/main',
          );
          ctx.output('commitHash', 'abc123');
        },
      };
      return {
        calls,
        action: createPublishAction({
          local: new LocalGitHost(base),
          github: {
            owner: 'fintech-fast',
            host: 'github.com',
            action: publishGithub,
          },
        }),
      };
    }

    it('delegates to publish:github and points the catalog at the new repository', async () => {
      const { calls, action: publish } = githubAction();
      const ctx = actionContext(
        { repoName: 'orders-api', description: 'Orders' },
        { workspacePath: workspace({ 'a.txt': 'a\n' }) },
      );
      await publish.handler(ctx);
      expect(calls).toEqual([
        {
          repoUrl: 'github.com?owner=fintech-fast&repo=orders-api',
          description: 'Orders',
          defaultBranch: 'main',
          sourcePath: undefined,
        },
      ]);
      expect(ctx.outputs).toEqual({
        remoteUrl: 'https://github.com/fintech-fast/orders-api',
        repoContentsUrl: 'https://github.com/fintech-fast/orders-api/blob/main',
        commitHash: 'abc123',
        catalogInfoUrl:
          'https://github.com/fintech-fast/orders-api/blob/main/catalog-info.yaml',
      });
      expect(fs.readdirSync(base)).toEqual([]);
    });

    it('creates nothing on GitHub in a dry run', async () => {
      const { calls, action: publish } = githubAction();
      const ctx = actionContext(
        { repoName: 'orders-api' },
        { workspacePath: workspace({ 'a.txt': 'a\n' }), isDryRun: true },
      );
      await publish.handler(ctx);
      expect(calls).toEqual([]);
      expect(ctx.outputs.catalogInfoUrl).toBe(
        'https://github.com/fintech-fast/orders-api/blob/main/catalog-info.yaml',
      );
    });

    it('says plainly that targetPath is not supported on GitHub', async () => {
      const { calls, action: publish } = githubAction();
      await expect(
        publish.handler(
          actionContext(
            { repoName: 'platform-gitops', targetPath: 'claims/dev/db' },
            { workspacePath: workspace({ 'a.txt': 'a\n' }) },
          ),
        ),
      ).rejects.toThrow(/not supported; use goldenPaths.publish.target: local/);
      expect(calls).toEqual([]);
    });
  });
});
