import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EventListings } from '../database/EventListings';
import { ENTITIES, NOW, template } from '../__testUtils__/fixtures';
import { AdoptionService } from './AdoptionService';
import { createCatalogSnapshotLoader } from './catalog';

const created = (
  kind: 'Component' | 'Resource',
  name: string,
  sourceTemplate: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/source-template': sourceTemplate,
      'fintech-fast.example/created-at': '2026-11-10T00:00:00Z',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

/** Adoption over a catalog read the way the plugin reads it. */
function adoptionOver(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  const listings = {
    firstDeployments: async () => new Map<string, string>(),
  } as unknown as EventListings;
  return new AdoptionService({
    listings,
    snapshot: createCatalogSnapshotLoader({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    }),
    clock: () => NOW,
  }).adoption({ window: 30 });
}

it('counts a golden path added to the catalog, without a list to update', async () => {
  const res = await adoptionOver([
    ...ENTITIES,
    template('go-service', ['golden-path', 'go']),
    template('kafka-topic', ['self-service']),
    created('Component', 'svc-go', 'template:default/go-service'),
    created('Component', 'svc-hack', 'template:default/hackathon-starter'),
    created('Resource', 'orders-topic', 'template:default/kafka-topic'),
  ]);
  // svc-a (nodejs-api) and svc-go (go-service) of 5 components; the
  // untagged hackathon-starter is no golden path.
  expect(res.goldenPathAdoption).toEqual({
    ratio: 2 / 5,
    numerator: 2,
    denominator: 5,
  });
  expect(res.newComponentsAdoption).toEqual({
    ratio: 2 / 3,
    numerator: 2,
    denominator: 3,
  });
  // orders-db (postgresql-database) and orders-topic (kafka-topic) of the
  // three resources created in the window.
  expect(res.selfServiceRatio).toEqual({
    ratio: 2 / 3,
    numerator: 2,
    denominator: 3,
  });
});

it('stops counting a template once the catalog no longer tags it', async () => {
  const untagged = ENTITIES.map(e =>
    e.kind === 'Template' && e.metadata.name === 'nodejs-api'
      ? { ...e, metadata: { ...e.metadata, tags: ['nodejs'] } }
      : e,
  );
  const res = await adoptionOver(untagged);
  expect(res.goldenPathAdoption.numerator).toBe(0);
});
