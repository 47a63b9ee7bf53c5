import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalGitHost } from './localGit';

const author = { name: 'Priya Sharma', email: 'priya@fintech-fast.example' };

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'local-git-test-'));
}

function writeFiles(dir: string, files: Record<string, string>) {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

const gitLog = (bare: string) =>
  execFileSync('git', ['--git-dir', bare, 'log', '--format=%an|%s', 'main'])
    .toString()
    .trim()
    .split('\n');

describe('LocalGitHost', () => {
  let base: string;
  let host: LocalGitHost;
  let source: string;

  beforeEach(() => {
    base = tempDir();
    host = new LocalGitHost(base);
    source = tempDir();
    writeFiles(source, {
      'catalog-info.yaml': 'kind: Component\n',
      'src/index.ts': 'export {};\n',
      '.github/workflows/ci.yaml': 'on: push\n',
    });
  });

  it('creates a bare repository and a working copy of main', async () => {
    const published = await host.createRepository({
      repoName: 'orders-api',
      sourceDir: source,
      message: 'Initial commit',
      author,
    });
    const bare = path.join(base, 'orders-api.git');
    expect(published.remoteUrl).toBe(`file://${bare}`);
    expect(published.commitHash).toMatch(/^[0-9a-f]{40}$/);
    expect(gitLog(bare)).toEqual(['Priya Sharma|Initial commit']);
    expect(
      fs.readFileSync(
        path.join(published.checkoutDir, '.github/workflows/ci.yaml'),
        'utf8',
      ),
    ).toBe('on: push\n');
    // Cloning the bare repository gives the same files.
    const clone = tempDir();
    execFileSync('git', ['clone', '--quiet', bare, clone]);
    expect(fs.existsSync(path.join(clone, 'src/index.ts'))).toBe(true);
  });

  it('refuses to overwrite an existing repository', async () => {
    await host.createRepository({
      repoName: 'orders-api',
      sourceDir: source,
      message: 'one',
      author,
    });
    await expect(
      host.createRepository({
        repoName: 'orders-api',
        sourceDir: source,
        message: 'two',
        author,
      }),
    ).rejects.toThrow('Repository orders-api already exists');
  });

  it('commits folders into a GitOps repository, one after the other', async () => {
    const results = await Promise.all(
      ['claims/production/orders-db', 'claims/staging/cache'].map(targetPath =>
        host.commitFiles({
          repoName: 'platform-gitops',
          targetPath,
          sourceDir: source,
          message: `Add ${targetPath}`,
          author,
        }),
      ),
    );
    const bare = path.join(base, 'platform-gitops.git');
    expect(gitLog(bare)).toEqual([
      'Priya Sharma|Add claims/staging/cache',
      'Priya Sharma|Add claims/production/orders-db',
    ]);
    const checkout = results[1].checkoutDir;
    expect(
      fs.existsSync(
        path.join(checkout, 'claims/production/orders-db/catalog-info.yaml'),
      ),
    ).toBe(true);
    expect(
      fs.existsSync(path.join(checkout, 'claims/staging/cache/src/index.ts')),
    ).toBe(true);

    await expect(
      host.commitFiles({
        repoName: 'platform-gitops',
        targetPath: 'claims/staging/cache',
        sourceDir: source,
        message: 'again',
        author,
      }),
    ).rejects.toThrow('platform-gitops already has claims/staging/cache');
  });

  it('refuses unsafe names and paths', async () => {
    await expect(
      host.createRepository({
        repoName: '../evil',
        sourceDir: source,
        message: 'x',
        author,
      }),
    ).rejects.toThrow("Invalid repository name '../evil'");
    await expect(
      host.commitFiles({
        repoName: 'gitops',
        targetPath: '../../etc',
        sourceDir: source,
        message: 'x',
        author,
      }),
    ).rejects.toThrow("Invalid targetPath '../../etc'");
  });

  it('never writes through a symbolic link the repository already holds', async () => {
    // Someone committed `claims` as a link to a folder outside.
    const outside = tempDir();
    const bare = path.join(base, 'platform-gitops.git');
    const seed = tempDir();
    execFileSync('git', ['init', '--quiet', '--initial-branch=main', seed]);
    fs.symlinkSync(outside, path.join(seed, 'claims'));
    const run = (...args: string[]) =>
      execFileSync('git', [
        '-C',
        seed,
        '-c',
        'user.name=x',
        '-c',
        'user.email=x@x',
        ...args,
      ]);
    run('add', '--all');
    run('commit', '--quiet', '--message', 'link');
    execFileSync('git', ['clone', '--quiet', '--bare', seed, bare]);

    await expect(
      host.commitFiles({
        repoName: 'platform-gitops',
        targetPath: 'claims/dev/db',
        sourceDir: source,
        message: 'x',
        author,
      }),
    ).rejects.toThrow("'claims/dev/db' is not a plain folder");
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(gitLog(bare)).toEqual(['x|link']);
  });
});
