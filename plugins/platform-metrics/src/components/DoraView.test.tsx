import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { platformMetricsApiRef } from '../api';
import {
  fakePlatformMetricsApi,
  makeDora,
} from '../testUtils/fakePlatformMetricsApi';
import { DoraView } from './DoraView';

jest.setTimeout(30_000);

const ref = 'component:default/payment-routing-service';

function renderView(api: ReturnType<typeof fakePlatformMetricsApi>) {
  return renderInTestApp(<DoraView entityRef={ref} />, {
    apis: [[platformMetricsApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('DoraView', () => {
  it('shows the four keys with value, band and change, plus rework rate', async () => {
    const api = fakePlatformMetricsApi();
    renderView(api);

    const frequency = await screen.findByTestId(
      'metric-tile-deploymentFrequency',
    );
    expect(within(frequency).getByText('2 / day')).toBeInTheDocument();
    expect(
      within(frequency).getByText('Elite').closest('[data-band]'),
    ).toHaveAttribute('data-band', 'elite');
    // 2 vs 1.6 per day: +25%, more deploys is better
    expect(within(frequency).getByTestId('metric-change')).toHaveAttribute(
      'data-verdict',
      'better',
    );
    expect(within(frequency).getByText(/\+25% \(better\)/)).toBeInTheDocument();

    const lead = screen.getByTestId('metric-tile-leadTime');
    expect(within(lead).getByText('30 h')).toBeInTheDocument();
    expect(within(lead).getByText('High')).toBeInTheDocument();
    // 30 h vs 20 h: +50%, longer is worse
    expect(within(lead).getByText(/\+50% \(worse\)/)).toBeInTheDocument();

    const cfr = screen.getByTestId('metric-tile-changeFailureRate');
    expect(within(cfr).getByText('12%')).toBeInTheDocument();
    expect(within(cfr).getByText('Medium')).toBeInTheDocument();
    expect(within(cfr).getByText(/±0 pts \(unchanged\)/)).toBeInTheDocument();

    const restore = screen.getByTestId('metric-tile-timeToRestore');
    expect(within(restore).getByText('8.3 days')).toBeInTheDocument();
    expect(within(restore).getByText('Low')).toBeInTheDocument();
    expect(within(restore).getByText(/-20% \(better\)/)).toBeInTheDocument();

    const rework = screen.getByTestId('metric-tile-reworkRate');
    expect(within(rework).getByText('5%')).toBeInTheDocument();
    expect(within(rework).queryByText(/No data/)).not.toBeInTheDocument();
    expect(
      within(rework).getByText('No previous window to compare'),
    ).toBeInTheDocument();

    expect(screen.getByTestId('trend-charts')).toBeInTheDocument();
    expect(api.getDora).toHaveBeenCalledWith({
      entityRef: ref,
      window: 30,
      granularity: 'day',
    });
  });

  it('asks again for a weekly trend when the window changes to 90 days', async () => {
    const api = fakePlatformMetricsApi();
    renderView(api);
    await screen.findByTestId('metric-tile-leadTime');
    await userEvent.click(screen.getByRole('tab', { name: '90 days' }));
    await waitFor(() =>
      expect(api.getDora).toHaveBeenLastCalledWith({
        entityRef: ref,
        window: 90,
        granularity: 'week',
      }),
    );
  });

  it('lists the events behind a tile when it is clicked', async () => {
    const api = fakePlatformMetricsApi({
      getEvents: jest.fn(async () => ({
        items: [
          {
            id: 'i-1',
            type: 'incident' as const,
            entityRef: ref,
            time: '2026-11-20T09:30:00.000Z',
            details: {
              externalId: 'i-1',
              title: 'Card payments time out',
              timeToRestoreHours: 3,
            },
          },
        ],
        total: 1,
      })),
    });
    renderView(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: /Time to restore: .* show events/,
      }),
    );
    expect(
      await screen.findByText('Card payments time out: restored in 3.0 h'),
    ).toBeInTheDocument();
    expect(screen.getByText('2026-11-20 09:30')).toBeInTheDocument();
    expect(api.getEvents).toHaveBeenCalledWith({
      entityRef: ref,
      window: 30,
      type: 'incident',
      limit: 25,
      offset: 0,
    });
  });

  it('says how to send events when there are none', async () => {
    const api = fakePlatformMetricsApi({
      getDora: jest.fn(async () =>
        makeDora({ eventCount: { deployments: 0, changes: 0, incidents: 0 } }),
      ),
    });
    renderView(api);
    expect(
      await screen.findByText('No deployments yet for this service'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/POST \/api\/platform-metrics\/events\/deployments/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('dora-tiles')).not.toBeInTheDocument();
  });

  it('shows an error from the backend', async () => {
    const error = new Error('Unknown entity component:default/nope');
    error.name = 'NotFoundError';
    const api = fakePlatformMetricsApi({
      getDora: jest.fn(async () => {
        throw error;
      }),
    });
    renderView(api);
    expect(
      (await screen.findAllByText(/Unknown entity component:default\/nope/))
        .length,
    ).toBeGreaterThan(0);
  });
});
