import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DNS_LABEL, TEMPLATE_VERSION_ANNOTATION } from '../service/annotations';

function toRef(value: string, defaultKind: string, what: string) {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch {
    throw new InputError(`${what} '${value}' is not an entity reference`);
  }
}

/**
 * `golden-paths:validate`: the first step of every golden path. Refuses an
 * invalid name, an unknown owner or system, or a name already taken, before
 * anything is published; tells the next steps the template and its version.
 */
export function createValidateAction(deps: {
  catalog: CatalogService;
  auth: AuthService;
}) {
  return createTemplateAction({
    id: 'golden-paths:validate',
    description:
      'Checks the new entity name, owner and system against the catalog and outputs the template version',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Name of the new entity (a DNS label)'),
        owner: z => z.string().describe('Owning Group'),
        system: z => z.string().optional().describe('System it belongs to'),
        kind: z =>
          z.enum(['Component', 'Resource']).default('Component').optional(),
      },
      output: {
        templateRef: z => z.string(),
        templateVersion: z => z.string(),
        createdAt: z => z.string(),
        ownerRef: z => z.string(),
        systemRef: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const { name, owner, system } = ctx.input;
      const kind = ctx.input.kind ?? 'Component';
      if (!DNS_LABEL.test(name)) {
        throw new InputError(
          `Invalid name '${name}': use a DNS label (lowercase letters, digits and hyphens, starting with a letter, at most 63 characters)`,
        );
      }
      // Look up what the person running the template may see.
      const credentials = await ctx.getInitiatorCredentials();
      const ownerRef = toRef(owner, 'Group', 'Owner');
      if (
        parseEntityRef(ownerRef).kind.toLocaleLowerCase('en-US') !== 'group'
      ) {
        throw new InputError(`Owner '${owner}' must be a Group`);
      }
      if (!(await deps.catalog.getEntityByRef(ownerRef, { credentials }))) {
        throw new InputError(
          `Unknown owner '${owner}': no such Group in the catalog`,
        );
      }
      let systemRef: string | undefined;
      if (system) {
        systemRef = toRef(system, 'System', 'System');
        if (!(await deps.catalog.getEntityByRef(systemRef, { credentials }))) {
          throw new InputError(
            `Unknown system '${system}': no such System in the catalog`,
          );
        }
      }
      const newRef = stringifyEntityRef({ kind, namespace: 'default', name });
      // Taken is taken, whether or not the user may see it.
      if (
        await deps.catalog.getEntityByRef(newRef, {
          credentials: await deps.auth.getOwnServiceCredentials(),
        })
      ) {
        throw new InputError(
          `${newRef} already exists in the catalog; choose another name`,
        );
      }

      const templateVersion =
        ctx.templateInfo?.entity?.metadata.annotations?.[
          TEMPLATE_VERSION_ANNOTATION
        ];
      if (!templateVersion) {
        throw new InputError(
          `The template has no ${TEMPLATE_VERSION_ANNOTATION} annotation`,
        );
      }
      ctx.output('templateRef', ctx.templateInfo!.entityRef);
      ctx.output('templateVersion', templateVersion);
      ctx.output('createdAt', new Date().toISOString());
      ctx.output('ownerRef', ownerRef);
      if (systemRef) ctx.output('systemRef', systemRef);
    },
  });
}
