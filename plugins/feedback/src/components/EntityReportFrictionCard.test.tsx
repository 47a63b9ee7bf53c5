import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { feedbackApiRef } from '../api';
import { fakeFeedbackApi } from '../testUtils/fakeFeedbackApi';
import { EntityReportFrictionCard } from './EntityReportFrictionCard';

jest.setTimeout(30_000);

describe('EntityReportFrictionCard', () => {
  it('invites to report friction and counts the open reports', async () => {
    const api = fakeFeedbackApi({
      getReportCounts: jest.fn(async entityRef => ({
        entityRef,
        open: 2,
        total: 3,
        byStatus: {
          new: 1,
          triaged: 0,
          planned: 1,
          'in-progress': 0,
          shipped: 1,
          declined: 0,
        },
      })),
    });
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'user-auth-service' },
      spec: {},
    };
    renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityReportFrictionCard />
      </EntityProvider>,
      {
        apis: [
          [feedbackApiRef, api],
          mockApis.alert(),
          catalogApiMock({ entities: [entity] }),
        ],
      },
    );

    expect(
      await screen.findByText(
        'Something slowing you down with user-auth-service?',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('2 open reports on user-auth-service'),
    ).toBeInTheDocument();
    expect(api.getReportCounts).toHaveBeenCalledWith(
      'component:default/user-auth-service',
    );
    expect(api.listReports).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: /Report friction/ }),
    );
    // The dialog opens with this service filled in, by its name.
    const dialog = await screen.findByRole('dialog');
    await waitFor(() =>
      expect(within(dialog).getByLabelText(/Entity/)).toHaveValue(
        'user-auth-service',
      ),
    );
  });
});
