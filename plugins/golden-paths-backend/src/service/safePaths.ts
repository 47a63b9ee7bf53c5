import { InputError } from '@backstage/errors';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Names and paths a template hands to golden-paths:publish, checked the same
 * way whatever the target (local git or GitHub). Every check bounds the
 * length first, so no regular expression ever sees a long input.
 */

const MAX_REPO_NAME = 100;
const MAX_PATH = 300;
const MAX_SEGMENT = 100;

const REPO_NAME = /^[a-z0-9]([-a-z0-9_.]{0,98}[a-z0-9])?$/;
const PATH_SEGMENT = /^[A-Za-z0-9_][-A-Za-z0-9_.]*$/;

/** At most 60 characters of what the caller sent, for error messages. */
export function clip(value: string) {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 60 ? `${printable.slice(0, 60)}…` : printable;
}

export function checkRepoName(repoName: string) {
  if (repoName.length > MAX_REPO_NAME || !REPO_NAME.test(repoName)) {
    throw new InputError(
      `Invalid repository name '${clip(
        repoName,
      )}': use lowercase letters, digits, '-', '_' and '.', at most ${MAX_REPO_NAME} characters`,
    );
  }
  return repoName;
}

/**
 * A relative folder path of plain segments: none empty, none starting with a
 * dot (so no '.', '..' or '.git') or a hyphen, no backslashes; one trailing
 * slash allowed.
 * Returns it without the trailing slash.
 */
export function checkRelativePath(value: string, what: string) {
  const trimmed = value.length <= MAX_PATH ? value.replace(/\/$/, '') : '';
  const segments = trimmed.split('/');
  const ok =
    trimmed.length > 0 &&
    segments.every(s => s.length <= MAX_SEGMENT && PATH_SEGMENT.test(s));
  if (!ok) {
    throw new InputError(
      `Invalid ${what} '${clip(
        value,
      )}': use a relative folder path of plain names (letters, digits, '-', '_', '.'), without '..', at most ${MAX_PATH} characters`,
    );
  }
  return trimmed;
}

export function isInside(root: string, candidate: string) {
  const relative = path.relative(root, candidate);
  return (
    relative === '' ||
    (!relative.startsWith(`..${path.sep}`) &&
      relative !== '..' &&
      !path.isAbsolute(relative))
  );
}

/**
 * `relative` resolved inside `root`, symbolic links included: the real path
 * must be a directory under the real root.
 */
export async function resolveDirInside(
  root: string,
  relative: string | undefined,
  what: string,
) {
  const realRoot = await fs.realpath(root);
  if (!relative) return realRoot;
  const lexical = path.resolve(realRoot, checkRelativePath(relative, what));
  let real: string;
  try {
    real = await fs.realpath(lexical);
  } catch {
    throw new InputError(`${what} '${clip(relative)}' does not exist`);
  }
  if (!isInside(realRoot, real) || !(await fs.stat(real)).isDirectory()) {
    throw new InputError(
      `${what} '${clip(relative)}' is not a folder inside the workspace`,
    );
  }
  return real;
}

/**
 * Makes `relative` (already checked) as a folder under `root`, refusing when
 * any existing part of it is a symbolic link or not a folder: nothing is
 * ever written through a link.
 */
export async function makeDirInside(root: string, relative: string) {
  let current = root;
  for (const segment of relative.split('/')) {
    current = path.join(current, segment);
    const stat = await fs.lstat(current).catch(() => undefined);
    if (!stat) {
      await fs.mkdir(current);
    } else if (stat.isSymbolicLink() || !stat.isDirectory()) {
      throw new InputError(`'${clip(relative)}' is not a plain folder`);
    }
  }
  return current;
}

/**
 * Copies the regular files and folders of `from` into `to` (which must
 * exist). Skips every `.git` (any case, at any depth), every symbolic link
 * (wherever it points: a link is never followed nor copied) and every other
 * special file. Returns the skipped paths, relative to `from`.
 */
export async function copyTree(from: string, to: string): Promise<string[]> {
  const skipped: string[] = [];
  const walk = async (relative: string) => {
    const entries = await fs.readdir(path.join(from, relative), {
      withFileTypes: true,
    });
    for (const entry of entries) {
      const child = path.join(relative, entry.name);
      if (entry.name.toLocaleLowerCase('en-US') === '.git') {
        skipped.push(child);
      } else if (entry.isDirectory()) {
        await fs.mkdir(path.join(to, child));
        await walk(child);
      } else if (entry.isFile()) {
        await fs.copyFile(
          path.join(from, child),
          path.join(to, child),
          constants.COPYFILE_EXCL,
        );
      } else {
        skipped.push(child);
      }
    }
  };
  await walk('');
  return skipped;
}
