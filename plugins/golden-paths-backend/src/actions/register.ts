import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';

const MAIN_KINDS = ['component', 'resource', 'api', 'system'];

/**
 * `golden-paths:register`: registers the new catalog-info.yaml and waits until
 * its entities are in the catalog (a service and the API it provides), so the
 * user's next click finds them. Its output is the main one (a Component
 * before an API). If an entity does not show up, the location is removed
 * again: nothing is left half-registered.
 */
export function createRegisterAction(deps: {
  catalog: CatalogService;
  auth: AuthService;
  /** How long to wait for the catalog to process the new entity. */
  timeoutMs?: number;
  pollMs?: number;
}) {
  const timeoutMs = deps.timeoutMs ?? 60_000;
  const pollMs = deps.pollMs ?? 250;
  return createTemplateAction({
    id: 'golden-paths:register',
    description:
      'Registers a catalog-info.yaml (URL or, with local publishing, a file) and waits for its entity',
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoUrl: z =>
          z
            .string()
            .min(1)
            .describe('URL or absolute path of catalog-info.yaml'),
      },
      output: {
        entityRef: z => z.string(),
      },
    },
    async handler(ctx) {
      const target = ctx.input.catalogInfoUrl;
      const isUrl = /^https?:\/\//.test(target);
      if (!isUrl && !path.isAbsolute(target)) {
        throw new InputError(
          `catalogInfoUrl '${target}' is neither a URL nor an absolute path`,
        );
      }
      const location = { type: isUrl ? 'url' : 'file', target };
      if (ctx.isDryRun) {
        ctx.output('entityRef', 'component:default/dry-run');
        return;
      }
      // Registered on behalf of the person running the template; removed
      // again, if need be, by the backend itself (removing a location is not
      // something every user may do).
      const credentials = await ctx.getInitiatorCredentials();

      // A dry run reads and validates the file and tells which entities it
      // holds (after the Location itself, in no particular order).
      const preview = await deps.catalog.addLocation(
        { ...location, dryRun: true },
        { credentials },
      );
      const kindOf = (e: Entity) => e.kind.toLocaleLowerCase('en-US');
      const held = preview.entities.filter(e => kindOf(e) !== 'location');
      const rank = (e: Entity) =>
        MAIN_KINDS.includes(kindOf(e))
          ? MAIN_KINDS.indexOf(kindOf(e))
          : MAIN_KINDS.length;
      const entity = [...held].sort((a, b) => rank(a) - rank(b))[0];
      if (!entity) {
        throw new InputError(`${target} holds no catalog entity`);
      }
      const entityRef = stringifyEntityRef(entity);

      const added = await deps.catalog.addLocation(location, { credentials });
      ctx.logger.info(`Registered ${target} as location ${added.location.id}`);
      try {
        const deadline = Date.now() + timeoutMs;
        for (const ref of held.map(e => stringifyEntityRef(e))) {
          while (!(await deps.catalog.getEntityByRef(ref, { credentials }))) {
            if (Date.now() > deadline) {
              throw new Error(
                `${ref} did not appear in the catalog within ${
                  timeoutMs / 1000
                } s`,
              );
            }
            await new Promise(resolve => setTimeout(resolve, pollMs));
          }
        }
      } catch (error) {
        await deps.catalog.removeLocationById(added.location.id, {
          credentials: await deps.auth.getOwnServiceCredentials(),
        });
        ctx.logger.warn(`Removed location ${added.location.id} again`);
        throw error;
      }
      ctx.logger.info(
        `${held.map(e => stringifyEntityRef(e)).join(', ')} in the catalog`,
      );
      ctx.output('entityRef', entityRef);
    },
  });
}
