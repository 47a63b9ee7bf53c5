import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  AdoptionResponse,
  Ratio,
} from '@internal/plugin-platform-metrics-common';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { formatHours, formatPercent } from './format';

function RatioFigure(props: {
  title: string;
  ratio: Ratio;
  of: string;
  empty: string;
}) {
  const { ratio } = props;
  return (
    <InfoCard title={props.title} variant="gridItem">
      {ratio.denominator === 0 ? (
        <Typography color="textSecondary">{props.empty}</Typography>
      ) : (
        <>
          <Typography variant="h4" component="p">
            {formatPercent(ratio.ratio)}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {ratio.numerator} of {ratio.denominator} {props.of}
          </Typography>
        </>
      )}
    </InfoCard>
  );
}

/** Golden-path adoption, time to first deploy, self-service and ownership. */
export function AdoptionFigures(props: {
  adoption: AdoptionResponse;
  showZombies?: boolean;
}) {
  const { adoption } = props;
  const days = adoption.window.days;
  return (
    <Grid container spacing={2} alignItems="stretch">
      <Grid item xs={12} sm={6} md={4}>
        <RatioFigure
          title="Golden-path adoption"
          ratio={adoption.goldenPathAdoption}
          of="components were created from a golden path"
          empty="No components yet."
        />
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <RatioFigure
          title={`New components on a golden path (${days} days)`}
          ratio={adoption.newComponentsAdoption}
          of="components created in the window"
          empty={`No components were created in the last ${days} days.`}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <InfoCard title="Time to first deploy" variant="gridItem">
          {adoption.timeToFirstDeploy.sampleSize === 0 ? (
            <Typography color="textSecondary">
              No component created from a template has deployed to production
              yet in this window.
            </Typography>
          ) : (
            <>
              <Typography variant="h4" component="p">
                {formatHours(adoption.timeToFirstDeploy.medianHours)}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                median from creation to first production deployment, over{' '}
                {adoption.timeToFirstDeploy.sampleSize === 1
                  ? '1 component'
                  : `${adoption.timeToFirstDeploy.sampleSize} components`}
              </Typography>
            </>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <RatioFigure
          title={`Self-service ratio (${days} days)`}
          ratio={adoption.selfServiceRatio}
          of="resources were created through self-service templates"
          empty={`No resources were created in the last ${days} days.`}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <RatioFigure
          title="Ownership coverage"
          ratio={adoption.ownershipCoverage}
          of="components are owned by an existing group"
          empty="No components yet."
        />
      </Grid>
      {props.showZombies !== false && (
        <Grid item xs={12} sm={6} md={4}>
          <InfoCard
            title={`Zombie components (${adoption.ownershipCoverage.zombies.length})`}
            variant="gridItem"
          >
            {adoption.ownershipCoverage.zombies.length === 0 ? (
              <Typography color="textSecondary">
                Every component has an owner that exists in the catalog.
              </Typography>
            ) : (
              <List dense aria-label="Zombie components">
                {adoption.ownershipCoverage.zombies.map(z => (
                  <ListItem key={z.entityRef} disableGutters>
                    <ListItemText
                      primary={<EntityRefLink entityRef={z.entityRef} />}
                      secondary={
                        z.owner ? `owner ${z.owner} does not exist` : 'no owner'
                      }
                    />
                  </ListItem>
                ))}
              </List>
            )}
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
}
