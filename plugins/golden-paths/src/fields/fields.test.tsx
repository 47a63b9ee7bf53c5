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
