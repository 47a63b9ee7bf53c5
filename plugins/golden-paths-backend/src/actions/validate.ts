import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { mayActForTeam } from '@internal/plugin-portal-node';
import { DNS_LABEL, TEMPLATE_VERSION_ANNOTATION } from '../service/annotations';
import { clip } from '../service/safePaths';

/** Entity refs are at most kind:namespace/name of 63 characters each. */
const MAX_REF = 200;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

function toRef(value: string, defaultKind: string, what: string) {
  try {
    if (value.length > MAX_REF) throw new Error('too long');
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch {
    throw new InputError(`${what} '${clip(value)}' is not an entity reference`);
  }
}

const relations = (entity: Entity, type: string) =>
  (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => lower(r.targetRef));

const WHO_MAY =
  'only members of that team, of a team above it, or of the platform team may';

/**
 * `golden-paths:validate`: the first step of every golden path. Refuses an
 * invalid name, an unknown owner or system, or a name already taken, before
 * anything is published; tells the next steps the template and its version.
 */
export function createValidateAction(deps: {
  catalog: CatalogService;
  auth: AuthService;
  /** The platform team's Group ref (`portal.platformTeam`). */
  platformTeam?: string;
}) {
  const platformTeam = lower(
    deps.platformTeam ?? 'group:default/platform-team',
  );
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
        component: z =>
          z
            .string()
            .optional()
            .describe(
              "For a resource: the Component it is for, which the user's team must own",
            ),
        kind: z =>
          z.enum(['Component', 'Resource']).default('Component').optional(),
        providesApi: z =>
          z
            .boolean()
            .optional()
            .describe(
              'The template also registers an API entity of the same name, which must be free too',
            ),
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
      if (name.length > 63 || !DNS_LABEL.test(name)) {
        throw new InputError(
          `Invalid name '${clip(
            name,
          )}': use a DNS label (lowercase letters, digits and hyphens, starting with a letter, at most 63 characters)`,
        );
      }
      // Look up what the person running the template may see.
      const credentials = await ctx.getInitiatorCredentials();
      const principal = credentials.principal as { userEntityRef?: string };
      if (!principal.userEntityRef) {
        throw new NotAllowedError(
          'Only a signed-in user may run this template',
        );
      }
      const userRef = lower(principal.userEntityRef);
      const user = await deps.catalog.getEntityByRef(userRef, { credentials });
      const userGroups = new Set(
        user ? relations(user, RELATION_MEMBER_OF) : [],
      );
      const allowedFor = (group: Entity) =>
        mayActForTeam({
          userGroups,
          platformTeam,
          group,
          getGroup: ref => deps.catalog.getEntityByRef(ref, { credentials }),
        });

      const ownerRef = toRef(owner, 'Group', 'Owner');
      if (lower(parseEntityRef(ownerRef).kind) !== 'group') {
        throw new InputError(`Owner '${clip(owner)}' must be a Group`);
      }
      const ownerEntity = await deps.catalog.getEntityByRef(ownerRef, {
        credentials,
      });
      if (!ownerEntity) {
        throw new InputError(
          `Unknown owner '${clip(owner)}': no such Group in the catalog`,
        );
      }
      if (!(await allowedFor(ownerEntity))) {
        throw new NotAllowedError(
          `${userRef} may not create anything owned by ${ownerRef}: ${WHO_MAY}`,
        );
      }

      if (ctx.input.component) {
        const componentRef = toRef(
          ctx.input.component,
          'Component',
          'Component',
        );
        const component =
          lower(parseEntityRef(componentRef).kind) === 'component'
            ? await deps.catalog.getEntityByRef(componentRef, { credentials })
            : undefined;
        if (!component) {
          throw new InputError(
            `Unknown component '${clip(
              ctx.input.component,
            )}': no such Component in the catalog`,
          );
        }
        const componentOwners = await Promise.all(
          relations(component, RELATION_OWNED_BY).map(r =>
            deps.catalog.getEntityByRef(r, { credentials }),
          ),
        );
        const componentOwner = componentOwners.find(
          (e): e is Entity => e?.kind.toLocaleLowerCase('en-US') === 'group',
        );
        if (!componentOwner) {
          throw new NotAllowedError(
            `${componentRef} has no owning team; only its team may order resources for it`,
          );
        }
        if (!(await allowedFor(componentOwner))) {
          throw new NotAllowedError(
            `${userRef} may not order resources for ${componentRef}, which ${stringifyEntityRef(
              componentOwner,
            )} owns: ${WHO_MAY}`,
          );
        }
      }
      let systemRef: string | undefined;
      if (system) {
        systemRef = toRef(system, 'System', 'System');
        if (!(await deps.catalog.getEntityByRef(systemRef, { credentials }))) {
          throw new InputError(
            `Unknown system '${clip(system)}': no such System in the catalog`,
          );
        }
      }
      const newRefs = [kind, ...(ctx.input.providesApi ? ['API'] : [])].map(k =>
        stringifyEntityRef({ kind: k, namespace: 'default', name }),
      );
      // Taken is taken, whether or not the user may see it.
      const serviceCredentials = await deps.auth.getOwnServiceCredentials();
      for (const newRef of newRefs) {
        if (
          await deps.catalog.getEntityByRef(newRef, {
            credentials: serviceCredentials,
          })
        ) {
          throw new InputError(
            `${newRef} already exists in the catalog; choose another name`,
          );
        }
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
