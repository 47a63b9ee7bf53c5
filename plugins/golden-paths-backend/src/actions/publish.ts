import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { LocalGitHost } from '../service/localGit';
import {
  checkRelativePath,
  checkRepoName,
  resolveDirInside,
} from '../service/safePaths';

export interface GithubTarget {
  owner: string;
  host: string;
  /** The installed `publish:github` action, which does the work. */
  action: TemplateAction<any, any, any>;
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
        description: z => z.string().max(500).optional(),
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
      // The same checks whatever the target.
      const repoName = checkRepoName(ctx.input.repoName);
      const targetPath =
        ctx.input.targetPath === undefined
          ? undefined
          : checkRelativePath(ctx.input.targetPath, 'targetPath');
      const sourceDir = await resolveDirInside(
        ctx.workspacePath,
        ctx.input.sourcePath,
        'sourcePath',
      );
      const catalogInfoPath = targetPath
        ? `${targetPath}/catalog-info.yaml`
        : 'catalog-info.yaml';

      if (deps.github) {
        if (targetPath) {
          throw new InputError(
            'Committing into a folder of a repository is not supported when publishing to GitHub',
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
      if (published.skipped.length) {
        ctx.logger.warn(
          `Not published (.git, symbolic links and special files never are): ${published.skipped
            .slice(0, 20)
            .join(', ')}`,
        );
      }
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
