import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { component, template } from '../testUtils';
import { createRouter } from './router';

it("reads one entity's drift from the templates alone, not every created entity", async () => {
  const catalog = catalogServiceMock({
    entities: [
      template('nodejs-api', '2.0.0', [{ version: '2.0.0', changes: ['X'] }]),
      component('payouts-service', 'payouts-team', {
        'backstage.io/source-template': 'template:default/nodejs-api',
        'fintech-fast.example/template-version': '1.4.0',
      }),
    ],
  });
  const getEntities = jest.spyOn(catalog, 'getEntities');
  const app = express()
    .use(
      await createRouter({
        httpAuth: mockServices.httpAuth(),
        auth: mockServices.auth(),
        catalog,
        logger: mockServices.logger.mock(),
      }),
    )
    .use(mockErrorHandler());

  const res = await request(app)
    .get('/drift/component/default/payouts-service')
    .set('authorization', mockCredentials.user.header());
  expect(res.status).toBe(200);
  expect(res.body.drift).toMatchObject({
    version: '1.4.0',
    currentVersion: '2.0.0',
  });
  expect(getEntities.mock.calls.map(([req]) => req?.filter)).toEqual([
    { kind: 'Template' },
  ]);
});
