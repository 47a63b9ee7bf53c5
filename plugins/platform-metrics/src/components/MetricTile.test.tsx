import { render, screen } from '@testing-library/react';
import { MetricTile } from './MetricTile';

describe('MetricTile', () => {
  it('shows the measure a deployment frequency band is computed on, and what the count counts', () => {
    render(
      <MetricTile
        metricKey="deploymentFrequency"
        metric={{
          value: 0.3,
          unit: 'deploys/day',
          band: 'high',
          previous: 0.2,
          sampleSize: 9,
          bandBasis: { value: 2, unit: 'deploy days/week' },
        }}
      />,
    );
    expect(screen.getByText('2.1 / week')).toBeInTheDocument();
    expect(
      screen.getByText('Band from 2 deploy days a week (median)'),
    ).toBeInTheDocument();
    expect(screen.getByText('from 9 successful deploys')).toBeInTheDocument();
  });

  it('counts incidents for time to restore', () => {
    render(
      <MetricTile
        metricKey="timeToRestore"
        metric={{
          value: 2,
          unit: 'hours',
          band: 'high',
          previous: null,
          sampleSize: 1,
        }}
      />,
    );
    expect(screen.getByText('from 1 incident')).toBeInTheDocument();
    expect(screen.queryByTestId('metric-band-basis')).not.toBeInTheDocument();
  });

  it('says a metric without data has none, in the words the KPI page uses, without a band', () => {
    render(
      <MetricTile
        metricKey="leadTime"
        metric={{
          value: null,
          unit: 'hours',
          band: 'none',
          previous: null,
          sampleSize: 0,
        }}
      />,
    );
    expect(screen.getByTestId('metric-value')).toHaveTextContent(
      'No data for this period',
    );
    expect(screen.getAllByText(/No data/)).toHaveLength(1);
    expect(screen.queryByLabelText(/^Band:/)).not.toBeInTheDocument();
    expect(screen.getByText('from 0 changes')).toBeInTheDocument();
  });
});
