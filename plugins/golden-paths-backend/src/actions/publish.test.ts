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
    [{ repoName: 'x', sourcePath: '../elsewhere' }, /Invalid sourcePath/],
    [{ repoName: 'x', sourcePath: '/etc' }, /Invalid sourcePath '\/etc'/],
    [{ repoName: 'x', sourcePath: 'missing' }, /'missing' does not exist/],
    [{ repoName: '../escape' }, /Invalid repository name '..\/escape'/],
    [{ repoName: 'a/b' }, /Invalid repository name/],
    [
      { repoName: 'gitops', targetPath: '../up' },
      /Invalid targetPath '..\/up'/,
    ],
    [
      { repoName: 'gitops', targetPath: 'claims/../../up' },
      /Invalid targetPath/,
    ],
    [{ repoName: 'gitops', targetPath: '/etc/cron.d' }, /Invalid targetPath/],
    [{ repoName: 'gitops', targetPath: '.git/hooks' }, /Invalid targetPath/],
    [{ repoName: 'gitops', targetPath: 'a/.GIT/hooks' }, /Invalid targetPath/],
  ])('refuses %j', async (input, message) => {
    const workspacePath = workspace({ 'a.txt': 'a\n' });
    await expect(
      action.handler(actionContext(input, { workspacePath })),
    ).rejects.toThrow(message);
    expect(fs.readdirSync(base)).toEqual([]);
  });

  it('refuses a 100,000-character name or path quickly, without echoing it', async () => {
    const long = `${'a'.repeat(100_000)}!`;
    const workspacePath = workspace({ 'a.txt': 'a\n' });
    const started = Date.now();
    for (const input of [
      { repoName: long },
      { repoName: 'gitops', targetPath: long },
      { repoName: 'gitops', targetPath: `${'a/'.repeat(50_000)}` },
      { repoName: 'x', sourcePath: long },
    ]) {
      const error = await action
        .handler(actionContext(input, { workspacePath }))
        .catch(e => e);
      expect(error.name).toBe('InputError');
      expect(error.message.length).toBeLessThan(300);
    }
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fs.readdirSync(base)).toEqual([]);
  });

  describe('with a hostile workspace', () => {
    let marker: string;
    let script: string;

    beforeEach(() => {
      // A script that, if git ever ran it, would leave a marker file.
      const dir = tempDir('publish-hostile-');
      marker = path.join(dir, 'pwned');
      script = path.join(dir, 'evil.sh');
      fs.writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\nexit 0\n`, {
        mode: 0o755,
      });
    });

    function hostileGitDir(dir: string) {
      fs.mkdirSync(path.join(dir, '.git/hooks'), { recursive: true });
      fs.writeFileSync(
        path.join(dir, '.git/config'),
        `[core]\n\tfsmonitor = ${script}\n\thooksPath = ${path.dirname(
          script,
        )}/hooks\n`,
      );
      fs.writeFileSync(path.join(dir, '.git/HEAD'), 'ref: refs/heads/main\n');
      for (const hook of ['pre-commit', 'post-commit', 'pre-push']) {
        fs.copyFileSync(script, path.join(dir, '.git/hooks', hook));
        fs.chmodSync(path.join(dir, '.git/hooks', hook), 0o755);
      }
    }

    it('never runs code from a .git folder the template wrote, and does not publish it', async () => {
      const workspacePath = workspace({
        'catalog-info.yaml': 'kind: Component\n',
        'sub/file.txt': 'x\n',
      });
      hostileGitDir(workspacePath);
      hostileGitDir(path.join(workspacePath, 'sub'));
      fs.writeFileSync(path.join(workspacePath, 'sub/.GIT'), 'gitdir: /etc\n');
      await action.handler(
        actionContext({ repoName: 'orders-api' }, { workspacePath }),
      );
      // Also into a folder of an existing repository.
      await action.handler(
        actionContext(
          { repoName: 'platform-gitops', targetPath: 'claims/dev/db' },
          { workspacePath },
        ),
      );
      expect(fs.existsSync(marker)).toBe(false);
      expect(
        git(
          path.join(base, 'orders-api.git'),
          'ls-tree',
          '-r',
          '--name-only',
          'main',
        ).split('\n'),
      ).toEqual(['catalog-info.yaml', 'sub/file.txt']);
    });

    it('ignores git config and hooks from the environment and HOME', async () => {
      const home = tempDir('publish-home-');
      fs.writeFileSync(
        path.join(home, '.gitconfig'),
        `[core]\n\tfsmonitor = ${script}\n[alias]\n\tinit = !${script}\n`,
      );
      const saved = { ...process.env };
      Object.assign(process.env, {
        HOME: home,
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'core.fsmonitor',
        GIT_CONFIG_VALUE_0: script,
        GIT_DIR: home,
      });
      try {
        await action.handler(
          actionContext(
            { repoName: 'orders-api' },
            { workspacePath: workspace({ 'a.txt': 'a\n' }) },
          ),
        );
      } finally {
        process.env = saved;
      }
      expect(fs.existsSync(marker)).toBe(false);
      expect(
        git(
          path.join(base, 'orders-api.git'),
          'ls-tree',
          '--name-only',
          'main',
        ),
      ).toBe('a.txt');
    });

    it('follows and copies no symbolic link, wherever it points', async () => {
      const outside = tempDir('publish-outside-');
      fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret\n');
      const workspacePath = workspace({
        'catalog-info.yaml': 'kind: Component\n',
        'docs/index.md': '# Docs\n',
      });
      fs.symlinkSync('/etc/passwd', path.join(workspacePath, 'passwd'));
      fs.symlinkSync(outside, path.join(workspacePath, 'outside'));
      fs.symlinkSync('docs/index.md', path.join(workspacePath, 'inside.md'));
      fs.symlinkSync('../../..', path.join(workspacePath, 'docs/up'));
      const ctx = actionContext({ repoName: 'orders-api' }, { workspacePath });
      await action.handler(ctx);
      const bare = path.join(base, 'orders-api.git');
      expect(git(bare, 'ls-tree', '-r', 'main')).not.toMatch(/^120000/m);
      expect(
        git(bare, 'ls-tree', '-r', '--name-only', 'main').split('\n'),
      ).toEqual(['catalog-info.yaml', 'docs/index.md']);
    });

    it('refuses a sourcePath that is a link out of the workspace', async () => {
      const outside = tempDir('publish-outside-');
      fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret\n');
      const workspacePath = workspace({ 'a.txt': 'a\n' });
      fs.symlinkSync(outside, path.join(workspacePath, 'service'));
      await expect(
        action.handler(
          actionContext(
            { repoName: 'orders-api', sourcePath: 'service' },
            { workspacePath },
          ),
        ),
      ).rejects.toThrow(
        "sourcePath 'service' is not a folder inside the workspace",
      );
      expect(fs.readdirSync(base)).toEqual([]);
    });
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

    it.each([
      ['../escape', { repoName: '../escape' }, /Invalid repository name/],
      ['a query', { repoName: 'orders-api?x=1' }, /Invalid repository name/],
      ['100k chars', { repoName: 'a'.repeat(100_000) }, /Invalid repository/],
      ['../up', { repoName: 'x', sourcePath: '../up' }, /Invalid sourcePath/],
    ])('refuses %s as in local mode', async (_what, input, message) => {
      const { calls, action: publish } = githubAction();
      await expect(
        publish.handler(
          actionContext(input, {
            workspacePath: workspace({ 'a.txt': 'a\n' }),
          }),
        ),
      ).rejects.toThrow(message);
      expect(calls).toEqual([]);
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
      ).rejects.toThrow(
        'Committing into a folder of a repository is not supported when publishing to GitHub',
      );
      expect(calls).toEqual([]);
    });
  });
});
