import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { LocalGitHost } from '../service/localGit';

export interface GithubTarget {
  owner: string;
  host: string;
  /** The installed `publish:github` action, which does the work. */
  action: TemplateAction<any, any, any>;
}

function resolveInside(base: string, relative?: string) {
  if (!relative) return base;
  const resolved = path.resolve(base, relative);
  const fromBase = path.relative(path.resolve(base), resolved);
  if (fromBase.startsWith('..') || path.isAbsolute(fromBase)) {
    throw new InputError(`sourcePath '${relative}' is outside the workspace`);
  }
  return resolved;
}

/**
 * `golden-paths:publish`: a new repository holding the generated project, or,
 * with `targetPath`, a commit into a folder of an existing repository (the
 * platform's GitOps repository). Local bare git repositories unless GitHub is
 * configured.
 */
export function createPublishAction(deps: {
  local: LocalGitHost;
  github?: GithubTarget;
}) {
  return createTemplateAction({
    id: 'golden-paths:publish',
    description:
      'Publishes the workspace as a new repository, or commits it into a folder of an existing one',
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z => z.string().describe('Repository name'),
        description: z => z.string().optional(),
        sourcePath: z =>
          z.string().optional().describe('Folder of the workspace to publish'),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe('Commit into this folder of an existing repository'),
      },
      output: {
        remoteUrl: z => z.string(),
        repoContentsUrl: z => z.string(),
        catalogInfoUrl: z => z.string(),
        commitHash: z => z.string(),
      },
    },
    async handler(ctx) {
      const { repoName, targetPath } = ctx.input;
      const sourceDir = resolveInside(ctx.workspacePath, ctx.input.sourcePath);
      const catalogInfoPath = targetPath
        ? `${targetPath.replace(/\/+$/, '')}/catalog-info.yaml`
        : 'catalog-info.yaml';

      if (deps.github) {
        if (targetPath) {
          throw new InputError(
            'Committing into a folder of a GitHub repository is not supported; use goldenPaths.publish.target: local',
          );
        }
        const { owner, host, action } = deps.github;
        const contents = `https://${host}/${owner}/${repoName}/blob/main`;
        if (ctx.isDryRun) {
          // publish:github has no dry run of its own: never call it here.
          ctx.output('remoteUrl', `https://${host}/${owner}/${repoName}`);
          ctx.output('repoContentsUrl', contents);
          ctx.output('catalogInfoUrl', `${contents}/${catalogInfoPath}`);
          ctx.output('commitHash', '0000000000000000000000000000000000000000');
          return;
        }
        await action.handler({
          ...ctx,
          input: {
            repoUrl: `${host}?owner=${encodeURIComponent(
              owner,
            )}&repo=${encodeURIComponent(repoName)}`,
            description: ctx.input.description,
            defaultBranch: 'main',
            sourcePath: ctx.input.sourcePath,
          },
        } as any);
        ctx.output('catalogInfoUrl', `${contents}/${catalogInfoPath}`);
        return;
      }

      if (ctx.isDryRun) {
        const remoteUrl = `file://${deps.local.barePath(repoName)}`;
        ctx.output('remoteUrl', remoteUrl);
        ctx.output('repoContentsUrl', remoteUrl);
        ctx.output(
          'catalogInfoUrl',
          path.join(deps.local.checkoutPath(repoName), catalogInfoPath),
        );
        ctx.output('commitHash', '0000000000000000000000000000000000000000');
        return;
      }

      const author = {
        name:
          ctx.user?.entity?.spec?.profile?.displayName ??
          ctx.user?.ref ??
          'Developer portal',
        email:
          ctx.user?.entity?.spec?.profile?.email ??
          'portal@fintech-fast.example',
      };
      const message = targetPath
        ? `Add ${targetPath} from ${
            ctx.templateInfo?.entityRef ?? 'a template'
          }`
        : `Initial commit from ${ctx.templateInfo?.entityRef ?? 'a template'}`;
      const published = targetPath
        ? await deps.local.commitFiles({
            repoName,
            targetPath,
            sourceDir,
            message,
            author,
          })
        : await deps.local.createRepository({
            repoName,
            sourceDir,
            message,
            author,
          });
      ctx.logger.info(
        `Published ${published.remoteUrl} at ${published.commitHash}`,
      );
      ctx.output('remoteUrl', published.remoteUrl);
      ctx.output('repoContentsUrl', published.remoteUrl);
      ctx.output(
        'catalogInfoUrl',
        path.join(published.checkoutDir, catalogInfoPath),
      );
      ctx.output('commitHash', published.commitHash);
    },
  });
}
