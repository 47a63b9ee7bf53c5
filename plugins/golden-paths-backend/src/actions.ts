import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  actionReader,
  actionUser,
  normalizeEntityRef,
  registerPortalAction,
} from '@internal/plugin-portal-node';
import { z } from 'zod/v3';
import { GoldenPathReads } from './service/reads';
import { runSelfServiceTemplate } from './service/selfService';

const READ = { readOnly: true, idempotent: true, destructive: false };

const changelogEntry = z
  .object({
    version: z.string(),
    date: z.string().optional(),
    changes: z.array(z.string()),
  })
  .passthrough();

const drifted = z
  .object({
    entityRef: z.string(),
    title: z.string(),
    ownerRef: z.string().nullable(),
    templateRef: z.string().describe('The golden path it was created from'),
    version: z.string().describe('The path version it was created from'),
    currentVersion: z.string().describe("The path's current version"),
    missing: z
      .array(changelogEntry)
      .describe('The changes of every newer version it does not have'),
  })
  .passthrough();

function entityRefOf(value: string, defaultKind: string): string {
  try {
    return normalizeEntityRef(value, { defaultKind });
  } catch {
    throw new InputError(`Invalid entityRef: '${value}' is not an entity ref`);
  }
}

const orderOutput = z
  .object({
    taskId: z
      .string()
      .describe('The scaffolder run, shown at /create/tasks/<taskId>'),
    status: z
      .enum(['completed', 'processing'])
      .describe("'processing' when the run took longer than a minute"),
    entityRef: z
      .string()
      .optional()
      .describe('The new catalog Resource, once completed'),
    text: z.array(z.string()),
  })
  .passthrough();

const ENVIRONMENTS = ['development', 'staging', 'production'] as const;
const SIZES = ['small', 'medium', 'large'] as const;

/**
 * The golden paths as actions (Actions Registry, MCP): the same reads as
 * `/api/golden-paths`, and the self-service templates run through the
 * scaffolder as the caller.
 */
export function registerGoldenPathActions(deps: {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  discovery: DiscoveryService;
  reads: GoldenPathReads;
}) {
  const { actionsRegistry: registry, auth, discovery, reads } = deps;

  registerPortalAction(registry, {
    name: 'list-golden-paths',
    title: 'Golden paths',
    description:
      'The golden paths (templates for a new service) and self-service templates (databases, caches) of the portal: for each, who it is for (persona: backend, data, frontend or any), its category (service or infrastructure), its contract (what it provides: CI, observability, ...), its current version with changelog, how many services were created from it, how many of those drifted behind, and the teams using it. ' +
      'Use it to recommend how to start a new service or what a path gives you.',
    attributes: READ,
    schema: {
      input: zod => zod.object({}),
      output: zod =>
        zod.object({
          items: zod.array(
            zod
              .object({
                entityRef: zod.string(),
                name: zod.string(),
                title: zod.string(),
                description: zod.string(),
                persona: zod.string(),
                category: zod.enum(['service', 'infrastructure']),
                provides: zod.array(zod.string()).describe('The contract'),
                currentVersion: zod.string().nullable(),
                changelog: zod.array(changelogEntry),
                created: zod.number(),
                drifted: zod.number(),
                teams: zod.array(
                  zod.object({ ownerRef: zod.string(), count: zod.number() }),
                ),
              })
              .passthrough(),
          ),
        }),
    },
    action: async ({ credentials }) => {
      actionReader(auth, credentials);
      return { output: { items: await reads.paths(credentials) } };
    },
  });

  registerPortalAction(registry, {
    name: 'get-service-drift',
    title: "A service's template drift",
    description:
      "Whether a component or resource was created from an older version of its golden path than the current one, and the changes of the newer versions it misses. drift is null when it is up to date or was not created from a golden path. Use it before upgrading a service or to explain what a path's new version brings.",
    attributes: READ,
    schema: {
      input: zod =>
        zod.object({
          entityRef: zod
            .string()
            .min(1)
            .max(255)
            .describe('e.g. component:default/payouts-service'),
        }),
      output: zod => zod.object({ drift: drifted.nullable() }),
    },
    action: async ({ input, credentials }) => {
      actionReader(auth, credentials);
      const entityRef = entityRefOf(input.entityRef, 'component');
      return {
        output: { drift: await reads.entityDrift(entityRef, credentials) },
      };
    },
  });

  const order = (options: {
    name: string;
    title: string;
    what: string;
    templateRef: string;
    versions: readonly [string, ...string[]];
    sizes: string;
  }) =>
    registerPortalAction(registry, {
      name: options.name,
      title: options.title,
      description:
        `Orders a ${
          options.what
        } for a component your team owns (or a team above it; the platform team for any), by running the self-service template ${
          options.templateRef
        } as you, exactly as the Create page does: the template checks the component, its owner and the name <component>-<environment>-${
          options.name === 'order-database' ? 'postgres' : 'redis'
        }, commits a Crossplane claim to platform-gitops and registers the new Resource in the catalog. ` +
        `A component of another team is refused. Sizes: ${options.sizes} Waits up to a minute for the run.`,
      attributes: { readOnly: false, idempotent: false, destructive: false },
      schema: {
        input: zod =>
          zod.object({
            component: zod
              .string()
              .min(1)
              .max(255)
              .describe(
                'The component that uses it, e.g. component:default/payouts-service',
              ),
            environment: zod.enum(ENVIRONMENTS).default('development'),
            size: zod.enum(SIZES).default('small'),
            version: zod
              .enum(options.versions)
              .default(options.versions[0])
              .describe(`Version, one of ${options.versions.join(', ')}`),
          }),
        output: () => orderOutput,
      },
      action: async ({ input, credentials }) => {
        const user = actionUser(auth, credentials);
        return {
          output: await runSelfServiceTemplate({
            auth,
            discovery,
            credentials: user,
            templateRef: options.templateRef,
            values: {
              component: entityRefOf(input.component, 'component'),
              environment: input.environment,
              size: input.size,
              version: input.version,
            },
          }),
        };
      },
    });

  order({
    name: 'order-database',
    title: 'Order a PostgreSQL database',
    what: 'managed PostgreSQL database',
    templateRef: 'template:default/postgresql-database',
    versions: ['17', '16', '15'],
    sizes:
      'small 2 vCPU/4 GiB/20 GiB storage, medium 4 vCPU/16 GiB/100 GiB, large 8 vCPU/32 GiB/500 GiB.',
  });
  order({
    name: 'order-cache',
    title: 'Order a Redis cache',
    what: 'managed Redis cache',
    templateRef: 'template:default/redis-cache',
    versions: ['7.4', '7.2'],
    sizes: 'small 1.5 GiB memory, medium 6 GiB, large 26 GiB.',
  });
}
