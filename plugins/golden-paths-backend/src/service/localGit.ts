import { ConflictError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  checkRelativePath,
  checkRepoName,
  copyTree,
  makeDirInside,
} from './safePaths';

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
  /** What was not published: `.git`, symbolic links, special files. */
  skipped: string[];
}

/**
 * Git runs on content a template wrote, so it runs with nothing that could
 * execute code from it: no hooks, no fsmonitor, no system or global config
 * (an empty HOME), no config from the environment, only local (file)
 * transport, no submodules, no init templates.
 */
const SAFE_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.untrackedCache=false',
  'protocol.allow=never',
  'protocol.file.allow=always',
  'submodule.recurse=false',
  'init.templateDir=',
  'commit.gpgSign=false',
].flatMap(c => ['-c', c]);

/** A name or e-mail for git: one short line of printable characters. */
function identity(value: string) {
  const clean = value
    .slice(0, 200)
    .replace(/[^\x20-\x7e\u00a0-\uffff]|[<>]/g, ' ')
    .trim();
  return clean || 'Developer portal';
}

let emptyHome: Promise<string> | undefined;

async function git(cwd: string, args: string[], author?: GitAuthor) {
  emptyHome ??= fs.mkdtemp(path.join(os.tmpdir(), 'golden-paths-home-'));
  const home = await emptyHome;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PROTOCOL_FROM_USER: '0',
    LANG: 'C',
  };
  if (author) {
    env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = identity(author.name);
    env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = identity(author.email);
  }
  const { stdout } = await exec('git', [...SAFE_CONFIG, ...args], {
    cwd,
    env,
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

  /** The working copies, one folder per repository. */
  get checkoutsDir() {
    return path.join(this.baseDir, 'checkouts');
  }

  checkoutPath(repoName: string) {
    return path.join(this.checkoutsDir, this.checkName(repoName));
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
    checkRepoName(repoName);
    return this.serialized(repoName, async () => {
      if (this.exists(repoName)) {
        throw new ConflictError(`Repository ${repoName} already exists`);
      }
      const work = await fs.mkdtemp(path.join(os.tmpdir(), 'golden-path-'));
      let skipped: string[];
      try {
        // The repository is initialised before anything is copied, and
        // nothing named .git is copied: the workspace cannot bring its own
        // git config or hooks.
        await git(work, ['init', '--quiet', '--initial-branch=main']);
        skipped = await copyTree(options.sourceDir, work);
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
      return { ...(await this.refreshCheckout(repoName)), skipped };
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
    checkRepoName(repoName);
    const target = checkRelativePath(options.targetPath, 'targetPath');
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
      let skipped: string[];
      try {
        await git(work, ['clone', '--quiet', bare, '.']);
        await git(work, ['checkout', '--quiet', '-B', 'main']);
        if (await fs.lstat(path.join(work, target)).catch(() => undefined)) {
          throw new ConflictError(`${repoName} already has ${target}`);
        }
        // Never through a link the repository may hold.
        const destination = await makeDirInside(work, target);
        skipped = await copyTree(options.sourceDir, destination);
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
      return { ...(await this.refreshCheckout(repoName)), skipped };
    });
  }

  private async refreshCheckout(repoName: string) {
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
    return checkRepoName(repoName);
  }

  private serialized<T>(repoName: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(repoName) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(fn);
    this.queues.set(repoName, next);
    return next;
  }
}
