import {
  AuthService,
  coreServices,
  createBackendModule,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  CatalogProcessor,
  catalogProcessingExtensionPoint,
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { configuredLocations } from '@internal/plugin-portal-node';
import express, { NextFunction, Request, Response } from 'express';
import { claimProblem, Registrant } from './claims';
import { LocationRegistrants } from './registrants';

type Deps = {
  auth: AuthService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  catalog: CatalogService;
  registrants: LocationRegistrants;
  configured: ReadonlySet<string>;
  platformTeam: string;
};

function entityReader(deps: Deps) {
  return async (ref: string): Promise<Entity | undefined> =>
    deps.catalog.getEntityByRef(ref, {
      credentials: await deps.auth.getOwnServiceCredentials(),
    });
}

/** Who is registering: a person, possibly through a template run. */
async function registrantOf(
  deps: Deps,
  req: Request,
): Promise<Registrant | undefined> {
  const credentials = await deps.httpAuth.credentials(req);
  if (!deps.auth.isPrincipal(credentials, 'user')) return undefined;
  const info = await deps.userInfo.getUserInfo(credentials);
  return {
    userRef: info.userEntityRef.toLocaleLowerCase('en-US'),
    userGroups: new Set(
      info.ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')),
    ),
    byTemplateRun: credentials.principal.actor?.subject === 'plugin:scaffolder',
  };
}

/**
 * In front of the catalog's `POST /locations`: reads what the file holds
 * (the catalog's own dry run) and refuses, before anything is registered, a
 * file whose entities a person may not claim; remembers who registered it.
 */
function registrationCheck(deps: Deps) {
  const json = express.json({ limit: '1mb' });
  const router = express.Router();
  router.post(
    '/locations',
    json,
    async (req: Request, _res: Response, next: NextFunction) => {
      try {
        const { type, target } = (req.body ?? {}) as Record<string, unknown>;
        const who = await registrantOf(deps, req);
        if (!who || typeof type !== 'string' || typeof target !== 'string') {
          next();
          return;
        }
        const location = `${type}:${target}`;
        // A file the dry run cannot read is still checked entity by entity
        // when the catalog processes it (the processor below).
        const entities = await deps.catalog
          .addLocation(
            { type, target, dryRun: true },
            { credentials: await deps.auth.getOwnServiceCredentials() },
          )
          .then(
            r => r.entities,
            () => [] as Entity[],
          );
        const problem = await claimProblem(entities, who, {
          platformTeam: deps.platformTeam,
          getEntity: entityReader(deps),
        });
        if (problem) {
          throw new NotAllowedError(`Cannot register ${target}: ${problem}`);
        }
        if (req.query.dryRun !== 'true' && !deps.configured.has(location)) {
          await deps.registrants.record(location, who);
        }
        next();
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}

/**
 * On every refresh, holds each entity of a registered location to what its
 * registrant may claim, so a file edited after registration cannot take
 * another team as owner or a golden-path origin either. A refused entity
 * keeps its last accepted version and shows the error.
 */
class RegisteredClaimsProcessor implements CatalogProcessor {
  constructor(private readonly deps: Deps) {}

  getProcessorName() {
    return 'PortalRegisteredClaimsProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    _location: unknown,
    _emit: unknown,
    originLocation: { type: string; target: string },
  ): Promise<Entity> {
    const origin = `${originLocation.type}:${originLocation.target}`;
    if (this.deps.configured.has(origin)) return entity;
    const who = await this.deps.registrants.get(origin);
    if (!who) return entity;
    const problem = await claimProblem([entity], who, {
      platformTeam: this.deps.platformTeam,
      getEntity: entityReader(this.deps),
    });
    if (problem) {
      throw new InputError(`Registered by ${who.userRef}: ${problem}`);
    }
    return entity;
  }
}

/**
 * What a catalog file registered through the API may claim: an owner the
 * registering person may act for, and golden-path provenance
 * (`backstage.io/source-template`, `fintech-fast.example/created-at`) only
 * when a template run registers it. Locations listed in the config are the
 * operators' and are not checked.
 */
export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'registration-claims',
  register(reg) {
    reg.registerInit({
      deps: {
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        userInfo: coreServices.userInfo,
        config: coreServices.rootConfig,
        database: coreServices.database,
        catalog: catalogServiceRef,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ config, database, httpRouter, processing, ...rest }) {
        const deps: Deps = {
          ...rest,
          registrants: await LocationRegistrants.create(database),
          configured: configuredLocations(config),
          platformTeam: (
            config.getOptionalString('portal.platformTeam') ??
            'group:default/platform-team'
          ).toLocaleLowerCase('en-US'),
        };
        processing.addProcessor(new RegisteredClaimsProcessor(deps));
        // Modules start before their plugin, so this runs ahead of the
        // catalog's own route.
        httpRouter.use(registrationCheck(deps));
      },
    });
  },
});
