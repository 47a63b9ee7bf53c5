import { screen } from '@testing-library/react';
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
    renderInTestApp(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'user-auth-service' },
          spec: {},
        }}
      >
        <EntityReportFrictionCard />
      </EntityProvider>,
      { apis: [[feedbackApiRef, api], mockApis.alert(), catalogApiMock()] },
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
    expect(
      await screen.findByText(
        'Report friction with component:default/user-auth-service',
      ),
    ).toBeInTheDocument();
  });
});
