import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { WindowDays } from '@internal/plugin-platform-metrics-common';
import Box from '@material-ui/core/Box';
import useAsync from 'react-use/esm/useAsync';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { platformMetricsApiRef } from '../../api';
import { AdoptionFigures } from '../AdoptionView';

/** Organisation-wide adoption for the window, with golden-path share per team. */
export function AdoptionSection(props: { window: WindowDays }) {
  const api = useApi(platformMetricsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getAdoption({ window: props.window }),
    [api, props.window],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const perTeam = value.perTeam
    .filter(t => t.denominator > 0)
    .map(t => ({
      team: t.title,
      share: t.ratio === null ? 0 : Math.round(t.ratio * 1000) / 10,
      components: t.denominator,
    }));
  return (
    <>
      <AdoptionFigures adoption={value} />
      {perTeam.length > 0 && (
        <Box mt={2}>
          <InfoCard title="Golden-path adoption per team (% of its components)">
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={perTeam}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="team" interval={0} tick={{ fontSize: 11 }} />
                <YAxis domain={[0, 100]} unit="%" />
                <Tooltip />
                <Bar
                  dataKey="share"
                  name="Golden-path share (%)"
                  fill="#2e7d32"
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </InfoCard>
        </Box>
      )}
    </>
  );
}
