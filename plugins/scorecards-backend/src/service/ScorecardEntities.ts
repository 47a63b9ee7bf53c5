import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { allPages, assertCiMayReportFor } from '@internal/plugin-portal-node';
import { ScorecardDefinition } from '@internal/plugin-scorecards-common';
import { matchesSelector } from '../engine/definitions';
import { refOf } from '../engine/refs';

const FIELDS = ['kind', 'metadata', 'spec', 'relations'];

/** The scorecards and the catalog entities they apply to. */
export class ScorecardEntities {
  private readonly kinds: string[];

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      scorecards: ScorecardDefinition[];
    },
  ) {
    this.kinds = [
      ...new Set(options.scorecards.flatMap(s => s.spec.appliesTo.kinds)),
    ];
  }

  get scorecards() {
    return this.options.scorecards;
  }

  /** A scorecard by id, or a 400. */
  scorecard(id: string): ScorecardDefinition {
    const def = this.options.scorecards.find(s => s.metadata.name === id);
    if (!def) throw new InputError(`Unknown scorecard '${id}'`);
    return def;
  }

  /** The scorecards that apply to an entity. */
  applicable(entity: Entity) {
    return this.options.scorecards.filter(s =>
      matchesSelector(entity, s.spec.appliesTo),
    );
  }

  private async serviceCredentials() {
    return this.options.auth.getOwnServiceCredentials();
  }

  /** Every entity some scorecard applies to. */
  async loadEntities(): Promise<Entity[]> {
    const items = await allPages(
      this.options.catalog.streamEntities(
        {
          filter: this.kinds.map(kind => ({ kind })),
          fields: FIELDS,
          pageSize: 1000,
          totalItems: 'exclude',
        },
        { credentials: await this.serviceCredentials() },
      ),
    );
    return items.filter(e => this.applicable(e).length > 0);
  }

  /** Refs of every Group in the catalog. */
  async groups(): Promise<Set<string>> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: 'group' },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await this.serviceCredentials() },
    );
    return new Set(items.map(refOf));
  }

  /**
   * The service a CI token states facts for: it must be in the catalog (read
   * with the plugin's own credentials; a CI token may not read the catalog)
   * and name the token in its fintech-fast.example/ci-sources annotation.
   */
  async ciReportTarget(entityRef: string, subject: string) {
    const entity = await this.readableEntity(
      entityRef,
      await this.serviceCredentials(),
    );
    assertCiMayReportFor(entity, subject);
    return entity;
  }

  /** The entity, if the caller may see it in the catalog; else a 404. */
  async readableEntity(entityRef: string, credentials: BackstageCredentials) {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    return entity;
  }

  /** Those of the refs the caller may see in the catalog, in one request. */
  async readableRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs,
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return entityRefs.filter((_, i) => items[i]);
  }

  /** Asks the catalog to re-read an entity's file; failures only logged by the caller. */
  refresh(entityRef: string, credentials: BackstageCredentials) {
    return this.options.catalog.refreshEntity(entityRef, { credentials });
  }
}
