import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';

// Development setup: the feedback plugin with a mocked catalog, mocked auth
// and notifications written to the log. Start with `yarn start` in this
// package, then for example:
//
//   curl http://localhost:7007/api/feedback/reports \
//     -H 'Content-Type: application/json' \
//     -d '{"entityRef":"component:default/sample","category":"docs","severity":"low","text":"Docs are thin","anonymous":false}'
//   curl http://localhost:7007/api/feedback/reports

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'sample', title: 'Sample Component' },
        spec: { type: 'service', owner: 'group:default/sample-team' },
      },
    ],
  }),
);
backend.add(
  createServiceFactory({
    service: notificationService,
    deps: { logger: coreServices.logger },
    factory: ({ logger }) => ({
      async send(options) {
        logger.info(`notification ${JSON.stringify(options)}`);
      },
    }),
  }),
);

backend.add(import('../src'));

backend.start();
