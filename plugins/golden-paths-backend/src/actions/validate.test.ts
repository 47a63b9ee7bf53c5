import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { actionContext, component, group, system } from '../testUtils';
import { createValidateAction } from './validate';

describe('golden-paths:validate', () => {
  const action = createValidateAction({
    catalog: catalogServiceMock({
      entities: [
        group('payouts-team'),
        system('payment-system'),
        component('payouts-service', 'payouts-team'),
      ],
    }),
    auth: mockServices.auth(),
  });

  const run = (input: object, overrides = {}) => {
    const ctx = actionContext({ kind: 'Component', ...input }, overrides);
    return action.handler(ctx).then(() => ctx.outputs);
  };

  it('outputs the template, its version, the owner and the system', async () => {
    const outputs = await run({
      name: 'orders-api',
      owner: 'payouts-team',
      system: 'payment-system',
    });
    expect(outputs).toEqual({
      templateRef: 'template:default/nodejs-api',
      templateVersion: '2.0.0',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      ownerRef: 'group:default/payouts-team',
      systemRef: 'system:default/payment-system',
    });
  });

  it.each([
    [
      { name: 'Orders_API', owner: 'payouts-team' },
      /Invalid name 'Orders_API': use a DNS label/,
    ],
    [{ name: '1orders', owner: 'payouts-team' }, /Invalid name/],
    [{ name: 'a'.repeat(64), owner: 'payouts-team' }, /Invalid name/],
    [
      { name: 'orders-api', owner: 'ghost-team' },
      /Unknown owner 'ghost-team': no such Group/,
    ],
    [
      { name: 'orders-api', owner: 'user:default/priya' },
      /Owner 'user:default\/priya' must be a Group/,
    ],
    [
      { name: 'orders-api', owner: 'payouts-team', system: 'nope' },
      /Unknown system 'nope'/,
    ],
    [
      { name: 'payouts-service', owner: 'payouts-team' },
      /component:default\/payouts-service already exists/,
    ],
  ])('refuses %j', async (input, message) => {
    await expect(run(input)).rejects.toThrow(message);
  });

  it('refuses a template without a version', async () => {
    await expect(
      run(
        { name: 'orders-api', owner: 'payouts-team' },
        {
          templateInfo: {
            entityRef: 'template:default/x',
            entity: { metadata: { name: 'x' } },
          },
        },
      ),
    ).rejects.toThrow(
      /has no fintech-fast.example\/template-version annotation/,
    );
  });
});
