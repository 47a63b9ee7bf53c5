import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  defaultEntityPresentation,
  EntityPresentationApi,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { feedbackApiRef } from '../../api';
import {
  fakeFeedbackApi,
  makeReport,
  responseError,
} from '../../testUtils/fakeFeedbackApi';
import { ReportFrictionDialog } from './ReportFrictionDialog';

const ENTITY = 'component:default/user-auth-service';

/** The catalog's titles: user-auth-service is "User auth". */
const presentationApi: EntityPresentationApi = {
  forEntity: (entityOrRef, context) => {
    const fallback = defaultEntityPresentation(entityOrRef, context);
    const snapshot =
      fallback.entityRef === ENTITY
        ? { ...fallback, primaryTitle: 'User auth' }
        : fallback;
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

function renderDialog(
  api = fakeFeedbackApi(),
  props: { entityRef?: string } = { entityRef: ENTITY },
) {
  const onClose = jest.fn();
  const alertApi = mockApis.alert();
  const catalogApi = catalogApiMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'payment-routing-service' },
        spec: {},
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'user-auth-service', title: 'User auth' },
        spec: {},
      },
    ],
  });
  renderInTestApp(<ReportFrictionDialog open onClose={onClose} {...props} />, {
    apis: [
      [feedbackApiRef, api],
      alertApi,
      catalogApi,
      [entityPresentationApiRef, presentationApi],
    ] as const,
  });
  return { api, onClose, alertApi };
}

jest.setTimeout(30_000);

describe('ReportFrictionDialog', () => {
  it('refuses an empty text without calling the backend', async () => {
    const { api, onClose } = renderDialog();
    await userEvent.selectOptions(
      await screen.findByLabelText('Category'),
      'ci-cd',
    );
    await userEvent.type(
      screen.getByLabelText('What is slowing you down?'),
      '   ',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));

    expect(
      await screen.findByText('Describe what is slowing you down.'),
    ).toBeInTheDocument();
    expect(api.createReport).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('offers the readable categories and counts characters', async () => {
    renderDialog();
    const category = await screen.findByLabelText('Category');
    expect(
      Array.from((category as HTMLSelectElement).options).map(o => o.text),
    ).toEqual([
      'Choose…',
      'Docs',
      'CI/CD',
      'Deployment',
      'Provisioning',
      'Local development',
      'Tooling',
      'Other',
    ]);
    await userEvent.type(
      screen.getByLabelText('What is slowing you down?'),
      'slow',
    );
    expect(screen.getByText('4/4000')).toBeInTheDocument();
  });

  it("shows the backend's 400 message", async () => {
    const api = fakeFeedbackApi({
      createReport: jest.fn(async () => {
        throw await responseError(
          400,
          'InputError',
          'Unknown entity component:default/user-auth-service',
        );
      }),
    });
    const { onClose } = renderDialog(api);
    await userEvent.selectOptions(
      await screen.findByLabelText('Category'),
      'docs',
    );
    fireEvent.change(screen.getByLabelText('What is slowing you down?'), {
      target: { value: 'Docs missing' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));

    expect(
      await screen.findByText(
        'Unknown entity component:default/user-auth-service',
      ),
    ).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('submits, confirms with the short id and closes', async () => {
    const api = fakeFeedbackApi({
      createReport: jest.fn(async req =>
        makeReport({ ...req, id: '0123abcd-ffff-4000-8000-000000000000' }),
      ),
    });
    const { onClose, alertApi } = renderDialog(api);
    await userEvent.selectOptions(
      await screen.findByLabelText('Category'),
      'deployment',
    );
    await userEvent.selectOptions(screen.getByLabelText('Severity'), 'high');
    fireEvent.change(screen.getByLabelText('What is slowing you down?'), {
      target: { value: 'Deploys take an hour' },
    });
    await userEvent.click(screen.getByLabelText('Report anonymously'));
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.createReport).toHaveBeenCalledWith({
      entityRef: ENTITY,
      category: 'deployment',
      severity: 'high',
      text: 'Deploys take an hour',
      anonymous: true,
    });
    expect(alertApi.getAlerts().map(a => a.message)).toContain(
      'Received: 0123abcd — you will be notified as it moves',
    );
  });

  it('lists similar open reports and "Me too" calls the API', async () => {
    const similar = makeReport({
      id: 'feedbeef-0000-4000-8000-000000000000',
      text: 'Onboarding docs are outdated and wrong',
    });
    const api = fakeFeedbackApi({
      findSimilar: jest.fn(async () => ({ items: [similar] })),
    });
    const { onClose, alertApi } = renderDialog(api);
    const text = await screen.findByLabelText('What is slowing you down?');

    await userEvent.type(text, 'docs');
    // fewer than 3 words: no lookup
    await new Promise(r => setTimeout(r, 500));
    expect(api.findSimilar).not.toHaveBeenCalled();

    await userEvent.type(text, ' are outdated');
    expect(
      await screen.findByText('Onboarding docs are outdated and wrong'),
    ).toBeInTheDocument();
    // The report's entity by its title, not its ref.
    const list = screen.getByRole('list', { name: 'Similar reports' });
    await waitFor(() => expect(list).toHaveTextContent('User auth'));
    expect(list).not.toHaveTextContent('component:default/');
    expect(api.findSimilar).toHaveBeenLastCalledWith({
      entityRef: ENTITY,
      category: undefined,
      text: 'docs are outdated',
    });

    await userEvent.click(screen.getByRole('button', { name: 'Me too' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.meToo).toHaveBeenCalledWith(similar.id);
    expect(api.createReport).not.toHaveBeenCalled();
    expect(alertApi.getAlerts()[0].message).toContain('feedbeef');
  });

  it('has the entity it was opened for filled in, shown by its title', async () => {
    renderDialog();
    await waitFor(() =>
      expect(screen.getByLabelText(/Entity/)).toHaveValue('User auth'),
    );
  });

  it('picks an entity by its title and reports on its ref', async () => {
    const { api, onClose } = renderDialog(fakeFeedbackApi(), {});
    await userEvent.click(await screen.findByLabelText(/Entity/));
    // Options by title and kind, never by ref.
    const options = within(await screen.findByRole('listbox')).getAllByRole(
      'option',
    );
    expect(options.map(o => o.textContent)).toEqual([
      'payment-routing-serviceComponent',
      'User authComponent',
    ]);
    await userEvent.click(await screen.findByText('payment-routing-service'));
    expect(screen.getByLabelText(/Entity/)).toHaveValue(
      'payment-routing-service',
    );
    await userEvent.selectOptions(screen.getByLabelText('Category'), 'docs');
    fireEvent.change(screen.getByLabelText('What is slowing you down?'), {
      target: { value: 'Runbook is stale' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.createReport).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/payment-routing-service',
      }),
    );
  });

  it('lets the user type an entity ref when none is given', async () => {
    const { api, onClose } = renderDialog(fakeFeedbackApi(), {});
    fireEvent.change(await screen.findByPlaceholderText('Search by name'), {
      target: { value: 'component:default/payment-routing-service' },
    });
    await userEvent.selectOptions(screen.getByLabelText('Category'), 'tooling');
    fireEvent.change(screen.getByLabelText('What is slowing you down?'), {
      target: { value: 'CLI crashes' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.createReport).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/payment-routing-service',
        category: 'tooling',
      }),
    );
  });
});
