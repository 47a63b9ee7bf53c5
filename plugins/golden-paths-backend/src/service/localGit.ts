import { ConflictError, InputError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface GitAuthor {
  name: string;
  email: string;
}

export interface PublishedRepository {
  /** The bare repository, e.g. file:///…/data/git/orders-api.git */
  remoteUrl: string;
  /** The working copy the catalog reads, kept up to date with `main`. */
  checkoutDir: string;
  commitHash: string;
}

const REPO_NAME = /^[a-z0-9]([-a-z0-9_.]{0,98}[a-z0-9])?$/;

async function git(cwd: string, args: string[], author?: GitAuthor) {
  const identity = author
    ? ['-c', `user.name=${author.name}`, '-c', `user.email=${author.email}`]
    : [];
  const { stdout } = await exec('git', [...identity, ...args], {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
  return stdout.trim();
}

/**
 * Real git repositories on the backend's disk, for when no Git host is
 * configured: a bare repository per service (`<baseDir>/<name>.git`) and a
 * working copy of it (`<baseDir>/checkouts/<name>`) that the catalog reads.
 */
export class LocalGitHost {
  /** Commits to one repository run one after the other. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly baseDir: string) {}

  barePath(repoName: string) {
    return path.join(this.baseDir, `${this.checkName(repoName)}.git`);
  }

  checkoutPath(repoName: string) {
    return path.join(this.baseDir, 'checkouts', this.checkName(repoName));
  }

  exists(repoName: string) {
    return existsSync(this.barePath(repoName));
  }

  /** Creates the repository with `sourceDir` as its first commit on `main`. */
  async createRepository(options: {
    repoName: string;
    sourceDir: string;
    message: string;
    author: GitAuthor;
  }): Promise<PublishedRepository> {
    const { repoName } = options;
    return this.serialized(repoName, async () => {
      if (this.exists(repoName)) {
        throw new ConflictError(`Repository ${repoName} already exists`);
      }
      const work = await fs.mkdtemp(path.join(os.tmpdir(), 'golden-path-'));
      try {
        await fs.cp(options.sourceDir, work, { recursive: true });
        await git(work, ['init', '--quiet', '--initial-branch=main']);
        await git(work, ['add', '--all']);
        await git(
          work,
          ['commit', '--quiet', '--message', options.message],
          options.author,
        );
        const bare = this.barePath(repoName);
        await fs.mkdir(path.dirname(bare), { recursive: true });
        await git(this.baseDir, [
          'init',
          '--quiet',
          '--bare',
          '--initial-branch=main',
          bare,
        ]);
        await git(work, ['push', '--quiet', bare, 'main']);
      } finally {
        await fs.rm(work, { recursive: true, force: true });
      }
      return this.refreshCheckout(repoName);
    });
  }

  /**
   * Commits `sourceDir` into `targetPath` of the repository, creating the
   * repository when it does not exist yet (e.g. the platform's GitOps repo).
   */
  async commitFiles(options: {
    repoName: string;
    targetPath: string;
    sourceDir: string;
    message: string;
    author: GitAuthor;
  }): Promise<PublishedRepository> {
    const { repoName } = options;
    const target = path.posix.normalize(options.targetPath).replace(/^\/+/, '');
    if (!target || target.startsWith('..')) {
      throw new InputError(`Invalid targetPath '${options.targetPath}'`);
    }
    return this.serialized(repoName, async () => {
      const bare = this.barePath(repoName);
      if (!this.exists(repoName)) {
        await fs.mkdir(path.dirname(bare), { recursive: true });
        await git(this.baseDir, [
          'init',
          '--quiet',
          '--bare',
          '--initial-branch=main',
          bare,
        ]);
      }
      const work = await fs.mkdtemp(path.join(os.tmpdir(), 'golden-path-'));
      try {
        await git(work, ['clone', '--quiet', bare, '.']);
        await git(work, ['checkout', '--quiet', '-B', 'main']);
        const destination = path.join(work, target);
        if (existsSync(destination)) {
          throw new ConflictError(`${repoName} already has ${target}`);
        }
        await fs.mkdir(destination, { recursive: true });
        await fs.cp(options.sourceDir, destination, { recursive: true });
        await git(work, ['add', '--all']);
        await git(
          work,
          ['commit', '--quiet', '--message', options.message],
          options.author,
        );
        await git(work, ['push', '--quiet', 'origin', 'main']);
      } finally {
        await fs.rm(work, { recursive: true, force: true });
      }
      return this.refreshCheckout(repoName);
    });
  }

  private async refreshCheckout(
    repoName: string,
  ): Promise<PublishedRepository> {
    const bare = this.barePath(repoName);
    const checkoutDir = this.checkoutPath(repoName);
    if (existsSync(path.join(checkoutDir, '.git'))) {
      await git(checkoutDir, [
        'pull',
        '--quiet',
        '--ff-only',
        'origin',
        'main',
      ]);
    } else {
      await fs.mkdir(path.dirname(checkoutDir), { recursive: true });
      await git(path.dirname(checkoutDir), [
        'clone',
        '--quiet',
        bare,
        checkoutDir,
      ]);
    }
    return {
      remoteUrl: `file://${bare}`,
      checkoutDir,
      commitHash: await git(checkoutDir, ['rev-parse', 'HEAD']),
    };
  }

  private checkName(repoName: string) {
    if (!REPO_NAME.test(repoName)) {
      throw new InputError(`Invalid repository name '${repoName}'`);
    }
    return repoName;
  }

  private serialized<T>(repoName: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(repoName) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(fn);
    this.queues.set(repoName, next);
    return next;
  }
}
