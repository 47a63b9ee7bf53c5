import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { identityApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import { useState } from 'react';
import { GoldenPathsApi, goldenPathsApiRef } from '../api';
import { nameProblem, takenSentence } from './names';
import { EntityNameField } from './EntityNameField';
import { EntityTitleField, entityOptions } from './EntityTitleField';
import { ResourceNameField, resourceName } from './ResourceNameField';
import { ServiceNameField } from './ServiceNameField';
import { teamOptions, TeamOwnerField } from './TeamOwnerField';

jest.setTimeout(30_000);

const group = (name: string, title?: string, namespace = 'default') => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace, ...(title ? { title } : {}) },
  spec: { type: 'team', children: [] },
});

function fieldProps(overrides: Record<string, unknown>) {
  return {
    schema: { title: 'Name', type: 'string' },
    uiSchema: {},
    idSchema: { $id: 'root_name' },
    rawErrors: [],
    required: true,
    ...overrides,
  } as any;
}

describe('nameProblem', () => {
  it('explains in a sentence what is wrong, nothing when it is fine', () => {
    expect(nameProblem('orders-api')).toBeUndefined();
    expect(nameProblem('Orders_API')).toBe(
      'Use lowercase letters only: orders_api.',
    );
    expect(nameProblem('orders_api')).toMatch(/^Use only lowercase letters/);
    expect(nameProblem('1orders')).toBe('Start the name with a letter.');
    expect(nameProblem('orders-')).toBe(
      'End the name with a letter or a digit.',
    );
    expect(nameProblem('a'.repeat(64))).toBe(
      'Use at most 63 characters (this one has 64).',
    );
  });
});

describe('takenSentence', () => {
  it('names the kind that has the name, an API as an API', () => {
    expect(takenSentence('orders-db', 'resource:default/orders-db')).toBe(
      'orders-db is already taken by resource orders-db; choose another name.',
    );
    expect(takenSentence('payouts-api', 'api:default/payouts-api')).toBe(
      'payouts-api is already taken by API payouts-api; choose another name.',
    );
  });
});

describe('ServiceNameField', () => {
  function Harness() {
    const [value, setValue] = useState<string>();
    return (
      <ServiceNameField
        {...fieldProps({ formData: value, onChange: setValue })}
      />
    );
  }

  it('refuses a taken name while typing, accepts a free one', async () => {
    const api: Partial<GoldenPathsApi> = {
      checkName: jest.fn(async (name: string) =>
        name === 'orders-api'
          ? { name, available: false, takenBy: 'component:default/orders-api' }
          : { name, available: true },
      ),
    };
    await renderInTestApp(<Harness />, {
      apis: [[goldenPathsApiRef, api as GoldenPathsApi]],
    });
    const input = screen.getByRole('textbox', { name: /Name/ });

    await userEvent.type(input, 'Orders');
    expect(
      screen.getByText('Use lowercase letters only: orders.'),
    ).toBeInTheDocument();
    expect(api.checkName).not.toHaveBeenCalled();

    await userEvent.clear(input);
    await userEvent.type(input, 'orders-api');
    expect(
      await screen.findByText(
        'orders-api is already taken by component orders-api; choose another name.',
      ),
    ).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');

    await userEvent.type(input, '-v2');
    expect(await screen.findByText(/^orders-api-v2 is free\./)).toBeVisible();
    expect(input).toHaveAttribute('aria-invalid', 'false');
  });
});

describe('TeamOwnerField', () => {
  it('lists every group once by name, sorted', () => {
    expect(
      teamOptions([
        group('payouts-team', 'Payouts'),
        group('checkout-core-team', 'Checkout Core'),
        group('payouts-team', 'Payouts'),
        group('zeta'),
      ] as any),
    ).toEqual([
      { ref: 'group:default/checkout-core-team', name: 'Checkout Core' },
      { ref: 'group:default/payouts-team', name: 'Payouts' },
      { ref: 'group:default/zeta', name: 'zeta' },
    ]);
  });

  it("picks the signed-in user's team to begin with and shows its name", async () => {
    const onChange = jest.fn();
    function Harness() {
      const [value, setValue] = useState<string>();
      return (
        <TeamOwnerField
          {...fieldProps({
            schema: { title: 'Owner', type: 'string' },
            formData: value,
            onChange: (v: string) => {
              onChange(v);
              setValue(v);
            },
          })}
        />
      );
    }
    await renderInTestApp(<Harness />, {
      apis: [
        catalogApiMock({
          entities: [
            group('payouts-team', 'Payouts'),
            group('checkout-core-team', 'Checkout Core'),
          ],
        }),
        [
          identityApiRef,
          {
            getBackstageIdentity: async () => ({
              type: 'user',
              userEntityRef: 'user:default/priya.sharma',
              ownershipEntityRefs: [
                'user:default/priya.sharma',
                'group:default/checkout-core-team',
              ],
            }),
          } as any,
        ],
      ],
    });
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith('group:default/checkout-core-team'),
    );
    expect(screen.getByRole('textbox', { name: /Owner/ })).toHaveValue(
      'Checkout Core',
    );
    await userEvent.click(screen.getByRole('textbox', { name: /Owner/ }));
    await userEvent.clear(screen.getByRole('textbox', { name: /Owner/ }));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'Checkout Core',
      'Payouts',
    ]);
  });
});

describe('EntityNameField', () => {
  it("keeps the chosen entity's name for the review step", async () => {
    const onChange = jest.fn();
    function Harness({ owner }: { owner?: string }) {
      const [value, setValue] = useState<string>();
      return (
        <EntityNameField
          {...fieldProps({
            uiSchema: { 'ui:options': { of: 'owner' } },
            formContext: { formData: { owner } },
            formData: value,
            onChange: (v: string) => {
              onChange(v);
              setValue(v);
            },
          })}
        />
      );
    }
    const catalogApi = catalogApiMock({
      entities: [group('checkout-core-team', 'Checkout Core')],
    });
    const apis = [
      catalogApi,
      [
        entityPresentationApiRef,
        DefaultEntityPresentationApi.create({ catalogApi }),
      ],
    ] as const;
    await renderInTestApp(
      <Harness owner="group:default/checkout-core-team" />,
      {
        apis,
      },
    );
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith('Checkout Core'),
    );
    expect(onChange).not.toHaveBeenCalledWith(
      'group:default/checkout-core-team',
    );
  });
});

describe('ResourceNameField', () => {
  const pattern = '{component}-{environment}-postgres';

  it('derives the name from entity refs and plain values, nothing while one is missing', () => {
    expect(
      resourceName(pattern, {
        component: 'component:default/payment-routing-service',
        environment: 'staging',
      }),
    ).toBe('payment-routing-service-staging-postgres');
    expect(
      resourceName(pattern, { component: 'orders-api', environment: 'dev' }),
    ).toBe('orders-api-dev-postgres');
    expect(resourceName(pattern, { environment: 'staging' })).toBeUndefined();
    expect(
      resourceName(pattern, { component: '', environment: 'staging' }),
    ).toBeUndefined();
  });

  it('shows the name as the service and environment are picked, and keeps it for the review', async () => {
    const onChange = jest.fn();
    let pick: (values: Record<string, string>) => void = () => {};
    function Harness() {
      const [values, setValues] = useState<Record<string, string>>({
        environment: 'development',
      });
      pick = setValues;
      const [value, setValue] = useState<string>();
      return (
        <ResourceNameField
          {...fieldProps({
            schema: { title: 'Database name', type: 'string' },
            uiSchema: { 'ui:options': { pattern } },
            formContext: { formData: values },
            formData: value,
            onChange: (v: string) => {
              onChange(v);
              setValue(v);
            },
          })}
        />
      );
    }
    await renderInTestApp(<Harness />);
    const input = screen.getByRole('textbox', { name: 'Database name' });
    expect(input).toHaveValue('');
    expect(
      screen.getByText('Pick the service and the environment to see the name.'),
    ).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();

    act(() =>
      pick({
        component: 'component:default/payment-routing-service',
        environment: 'development',
      }),
    );
    await waitFor(() =>
      expect(input).toHaveValue('payment-routing-service-development-postgres'),
    );
    expect(onChange).toHaveBeenLastCalledWith(
      'payment-routing-service-development-postgres',
    );
    expect(input).toHaveAttribute('readonly');

    act(() =>
      pick({
        component: 'component:default/payment-routing-service',
        environment: 'production',
      }),
    );
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith(
        'payment-routing-service-production-postgres',
      ),
    );
  });
});

describe('EntityTitleField', () => {
  const component = (name: string, owner: string, title?: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
    spec: { type: 'service', owner, lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  });

  it('lists entities once by title, telling apart two of the same title', () => {
    expect(
      entityOptions([
        { ref: 'system:default/payments', name: 'payments', title: 'Payments' },
        { ref: 'system:default/ledger', name: 'ledger', title: 'Core Banking' },
        { ref: 'system:default/payouts', name: 'payouts', title: 'Payments' },
        { ref: 'system:default/ledger', name: 'ledger', title: 'Core Banking' },
      ]),
    ).toEqual([
      { ref: 'system:default/ledger', title: 'Core Banking' },
      { ref: 'system:default/payments', title: 'Payments (payments)' },
      { ref: 'system:default/payouts', title: 'Payments (payouts)' },
    ]);
  });

  async function renderField(props: {
    formData?: string;
    owned?: boolean;
    onChange?: jest.Mock;
  }) {
    const onChange = props.onChange ?? jest.fn();
    function Harness() {
      const [value, setValue] = useState<string | undefined>(props.formData);
      return (
        <EntityTitleField
          {...fieldProps({
            schema: { title: 'Service', type: 'string' },
            uiSchema: {
              'ui:options': {
                catalogFilter: { kind: 'Component' },
                defaultKind: 'Component',
                ...(props.owned ? { owned: true } : {}),
              },
            },
            formData: value,
            onChange: (v: string) => {
              onChange(v);
              setValue(v);
            },
          })}
        />
      );
    }
    const catalogApi = catalogApiMock({
      entities: [
        component('checkout-gateway', 'checkout-core-team', 'Checkout Gateway'),
        component('payment-routing-service', 'checkout-core-team'),
        component('ledger-service', 'core-banking-team', 'Ledger'),
        group('checkout-core-team', 'Checkout Core'),
      ],
    });
    await renderInTestApp(<Harness />, {
      apis: [
        catalogApi,
        [
          entityPresentationApiRef,
          DefaultEntityPresentationApi.create({ catalogApi }),
        ],
        [
          identityApiRef,
          {
            getBackstageIdentity: async () => ({
              type: 'user',
              userEntityRef: 'user:default/priya.sharma',
              ownershipEntityRefs: [
                'user:default/priya.sharma',
                'group:default/checkout-core-team',
              ],
            }),
          } as any,
        ],
      ] as const,
    });
    return onChange;
  }

  it("shows the chosen entity's title in its input and keeps its ref", async () => {
    const onChange = await renderField({
      formData: 'component:default/checkout-gateway',
    });
    const input = screen.getByRole('textbox', { name: /Service/ });
    await waitFor(() => expect(input).toHaveValue('Checkout Gateway'));
    expect(input).not.toHaveValue('component:default/checkout-gateway');

    await userEvent.clear(input);
    await userEvent.type(input, 'Led');
    await userEvent.click(
      await screen.findByRole('option', { name: 'Ledger' }),
    );
    expect(input).toHaveValue('Ledger');
    expect(onChange).toHaveBeenLastCalledWith(
      'component:default/ledger-service',
    );
  });

  it("offers only what the user's teams own, and reads a short ref", async () => {
    const onChange = await renderField({
      owned: true,
      formData: 'payment-routing-service',
    });
    const input = screen.getByRole('textbox', { name: /Service/ });
    // A component without a title is shown by its name, not its ref.
    await waitFor(() => expect(input).toHaveValue('payment-routing-service'));
    expect(onChange).toHaveBeenCalledWith(
      'component:default/payment-routing-service',
    );
    await userEvent.click(input);
    await userEvent.clear(input);
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'Checkout Gateway',
      'payment-routing-service',
    ]);
  });

  it('drops a value passed in that is not one to choose from', async () => {
    const onChange = await renderField({
      owned: true,
      formData: 'component:default/ledger-service',
    });
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(undefined));
    expect(screen.getByRole('textbox', { name: /Service/ })).toHaveValue('');
  });
});
