import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  Publisher,
  PublisherBase,
  PublisherType,
  PublishRequest,
  PublishResponse,
  techdocsPublisherExtensionPoint,
} from '@backstage/plugin-techdocs-node';

/**
 * The configured TechDocs publisher, publishing one build of an entity's docs
 * at a time. TechDocs builds an entity on every sync request, and two syncs
 * of the same entity can overlap (the docs warm-up and a person opening the
 * docs of a service just created): the local publisher then copies both
 * sites into the same directory at once, and one fails with "EEXIST: file
 * already exists, mkdir .../assets", shown to the reader as a failed build.
 */
export class SerialPublisher implements PublisherBase {
  private readonly publishing = new Map<string, Promise<unknown>>();

  constructor(private readonly inner: PublisherBase) {}

  async publish(request: PublishRequest): Promise<PublishResponse> {
    const ref = stringifyEntityRef(request.entity);
    const previous = this.publishing.get(ref) ?? Promise.resolve();
    const current = previous
      .catch(() => undefined)
      .then(() => this.inner.publish(request));
    this.publishing.set(ref, current);
    try {
      return await current;
    } finally {
      if (this.publishing.get(ref) === current) this.publishing.delete(ref);
    }
  }

  getReadiness: PublisherBase['getReadiness'] = () => this.inner.getReadiness();
  fetchTechDocsMetadata: PublisherBase['fetchTechDocsMetadata'] = name =>
    this.inner.fetchTechDocsMetadata(name);
  docsRouter: PublisherBase['docsRouter'] = () => this.inner.docsRouter();
  hasDocsBeenGenerated: PublisherBase['hasDocsBeenGenerated'] = entity =>
    this.inner.hasDocsBeenGenerated(entity);
  migrateDocsCase: PublisherBase['migrateDocsCase'] = async request =>
    this.inner.migrateDocsCase?.(request);
}

export default createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'serial-publish',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        publishers: techdocsPublisherExtensionPoint,
      },
      async init({ config, logger, discovery, publishers }) {
        const type = (config.getOptionalString('techdocs.publisher.type') ??
          'local') as PublisherType;
        const inner = await Publisher.fromConfig(config, { logger, discovery });
        publishers.registerPublisher(type, new SerialPublisher(inner));
      },
    });
  },
});
