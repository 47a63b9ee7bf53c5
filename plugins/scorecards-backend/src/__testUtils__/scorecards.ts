import {
  coreServices,
  createServiceFactory,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { resolve as resolvePath } from 'node:path';
import { scorecardsPlugin } from '../plugin';

export const REPO = resolvePackagePath(
  '@internal/plugin-scorecards-backend',
  '../..',
);
export const SCORECARD_FILES = [
  resolvePath(REPO, 'scorecards/production-readiness.yaml'),
  resolvePath(REPO, 'scorecards/golden-path-health.yaml'),
];

export const PRIYA = 'user:default/priya.sharma';
export const SAM = 'user:default/sam.okafor';
export const GATEWAY = 'component:default/checkout-gateway';

export const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-gateway',
      title: 'Checkout Gateway',
      namespace: 'default',
      annotations: {
        'fintech-fast.example/ci-sources': 'demo-ci-scorecards',
        'pagerduty.com/service-id': 'PCGW7N3',
        'backstage.io/source-template': 'template:default/nodejs-api',
      },
      tags: ['tier-1'],
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'checkout-core-team',
      system: 'payment-system',
    },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/checkout-core-team' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'marketing-site', namespace: 'default' },
    spec: { type: 'website', lifecycle: 'production', owner: 'web-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/web-team' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'checkout-core-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'priya.sharma', namespace: 'default' },
    spec: { profile: { displayName: 'Priya Sharma' }, memberOf: [] },
  },
];

/** Permission decisions per permission name (ALLOW unless listed). */
export type Decisions = Record<
  string,
  AuthorizeResult.ALLOW | AuthorizeResult.DENY
>;

export async function startScorecards(options: {
  knex: Knex;
  decisions?: Decisions;
  files?: string[];
  sent?: unknown[];
}) {
  const sent = options.sent ?? [];
  const backend = await startTestBackend({
    features: [
      scorecardsPlugin,
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({
        data: { scorecards: { files: options.files ?? SCORECARD_FILES } },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogServiceMock.factory({ entities }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => ({
          async authorize(requests: any[]) {
            return requests.map(r => ({
              result: (options.decisions?.[r.permission.name] ??
                AuthorizeResult.ALLOW) as
                | AuthorizeResult.ALLOW
                | AuthorizeResult.DENY,
            }));
          },
          async authorizeConditional(requests: any[]) {
            return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
          },
        }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(n: unknown) {
            sent.push(n);
          },
        }),
      }),
    ],
  });
  return { server: backend.server, sent, backend };
}

export const asUser = (ref: string) => ({
  Authorization: mockCredentials.user.header(ref),
});
export const asCi = (subject = 'demo-ci-scorecards') => ({
  Authorization: mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'scorecards',
  }),
});
