import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  actionContext,
  component,
  group,
  system,
  user,
  userCredentials,
} from '../testUtils';
import { createValidateAction } from './validate';

// A small organisation: Payments (checkout-core, payouts) and the platform team.
const catalog = catalogServiceMock({
  entities: [
    group('fintech-fast'),
    group('payments-department', 'fintech-fast'),
    group('payouts-team', 'payments-department'),
    group('checkout-core-team', 'payments-department'),
    group('platform-department', 'fintech-fast'),
    group('platform-team', 'platform-department'),
    user('diego.alvarez', ['payouts-team']),
    user('priya.sharma', ['checkout-core-team']),
    user('lena.payments-lead', ['payments-department']),
    user('sam.okafor', ['platform-team']),
    user('guest', []),
    system('payment-system'),
    component('payouts-service', 'payouts-team'),
    component('payment-routing-service', 'checkout-core-team'),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'payouts-api', namespace: 'default' },
      spec: { type: 'openapi', owner: 'payouts-team', definition: '{}' },
    },
  ],
});

describe('golden-paths:validate', () => {
  const action = createValidateAction({
    catalog,
    auth: mockServices.auth(),
    platformTeam: 'group:default/platform-team',
  });

  const run = (input: object, as = 'diego.alvarez', overrides = {}) => {
    const ctx = actionContext(
      { kind: 'Component', ...input },
      { getInitiatorCredentials: userCredentials(as), ...overrides },
    );
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

  it('refuses a name an API has when the template registers an API of that name too', async () => {
    const input = { name: 'payouts-api', owner: 'payouts-team' };
    await expect(run({ ...input, providesApi: true })).rejects.toThrow(
      'api:default/payouts-api already exists in the catalog; choose another name',
    );
    // A template without an API may take it: only Components are its kind.
    await expect(run(input)).resolves.toMatchObject({
      ownerRef: 'group:default/payouts-team',
    });
    await expect(
      run({ name: 'orders-api', owner: 'payouts-team', providesApi: true }),
    ).resolves.toMatchObject({ ownerRef: 'group:default/payouts-team' });
  });

  it('refuses long input quickly, without echoing it', async () => {
    const long = 'a'.repeat(100_000);
    const started = Date.now();
    for (const input of [
      { name: long, owner: 'payouts-team' },
      { name: 'orders-api', owner: long },
      { name: 'orders-api', owner: 'payouts-team', system: long },
    ]) {
      const error = await run(input).catch(e => e);
      expect(error.name).toBe('InputError');
      expect(error.message.length).toBeLessThan(300);
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a template without a version', async () => {
    await expect(
      run({ name: 'orders-api', owner: 'payouts-team' }, 'diego.alvarez', {
        templateInfo: {
          entityRef: 'template:default/x',
          entity: { metadata: { name: 'x' } },
        },
      }),
    ).rejects.toThrow(
      /has no fintech-fast.example\/template-version annotation/,
    );
  });

  describe('who may create for a team', () => {
    it.each([
      ['diego.alvarez', 'payouts-team', 'a member'],
      ['lena.payments-lead', 'payouts-team', 'a member of its parent team'],
      ['lena.payments-lead', 'group:default/payments-department', 'a member'],
      ['sam.okafor', 'payouts-team', 'the platform team'],
      ['sam.okafor', 'checkout-core-team', 'the platform team'],
    ])('%s may create for %s (%s)', async (as, owner) => {
      await expect(run({ name: 'orders-api', owner }, as)).resolves.toEqual(
        expect.objectContaining({ templateRef: 'template:default/nodejs-api' }),
      );
    });

    it.each([
      ['priya.sharma', 'payouts-team', 'another team'],
      ['diego.alvarez', 'payments-department', 'a team above its own'],
      ['diego.alvarez', 'platform-team', 'the platform team'],
      ['guest', 'payouts-team', 'no team at all'],
      ['nobody', 'payouts-team', 'not in the catalog'],
    ])('%s may not create for %s (%s)', async (as, owner) => {
      const error = await run({ name: 'orders-api', owner }, as).catch(e => e);
      expect(error.name).toBe('NotAllowedError');
      expect(error.message).toMatch(
        new RegExp(
          `^user:default/${as} may not create anything owned by group:default/${owner}: only members of that team, of a team above it, or of the platform team may$`,
        ),
      );
    });

    it('refuses a run that no user started', async () => {
      await expect(
        run({ name: 'orders-api', owner: 'payouts-team' }, 'x', {
          getInitiatorCredentials: async () => ({
            $$type: '@backstage/BackstageCredentials',
            principal: { type: 'service', subject: 'plugin:catalog' },
          }),
        }),
      ).rejects.toThrow('Only a signed-in user may run this template');
    });

    it('uses the configured platform team', async () => {
      const other = createValidateAction({
        catalog,
        auth: mockServices.auth(),
        platformTeam: 'group:default/checkout-core-team',
      });
      const ctx = (as: string) =>
        actionContext(
          { name: 'orders-api', owner: 'payouts-team' },
          { getInitiatorCredentials: userCredentials(as) },
        );
      await expect(other.handler(ctx('priya.sharma'))).resolves.toBe(undefined);
      await expect(other.handler(ctx('sam.okafor'))).rejects.toThrow(
        /may not create/,
      );
    });
  });

  describe('resources for a component', () => {
    const resource = (componentRef: string, owner = 'payouts-team') => ({
      name: 'payouts-service-production-postgres',
      owner,
      component: componentRef,
      kind: 'Resource',
    });

    it("lets the component's team, a team above it and the platform team order them", async () => {
      for (const as of ['diego.alvarez', 'lena.payments-lead', 'sam.okafor']) {
        await expect(
          run(resource('component:default/payouts-service'), as),
        ).resolves.toMatchObject({ ownerRef: 'group:default/payouts-team' });
      }
    });

    it("refuses another team's component, even with an owner the user may act for", async () => {
      const error = await run(
        resource('component:default/payment-routing-service'),
        'diego.alvarez',
      ).catch(e => e);
      expect(error.name).toBe('NotAllowedError');
      expect(error.message).toBe(
        'user:default/diego.alvarez may not order resources for component:default/payment-routing-service, which group:default/checkout-core-team owns: only members of that team, of a team above it, or of the platform team may',
      );
    });

    it('refuses an unknown component or something that is not one', async () => {
      await expect(
        run(resource('component:default/nope'), 'diego.alvarez'),
      ).rejects.toThrow(
        "Unknown component 'component:default/nope': no such Component in the catalog",
      );
      await expect(
        run(resource('group:default/payouts-team'), 'diego.alvarez'),
      ).rejects.toThrow(/no such Component/);
    });
  });
});
