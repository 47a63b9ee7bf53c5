import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { scorecardsApiRef } from '@internal/plugin-scorecards';
import { feedbackApiRef } from '@internal/plugin-feedback-react';
import type { FeedbackReport } from '@internal/plugin-feedback-common';
import type {
  CampaignDetails,
  EntityLevels,
} from '@internal/plugin-scorecards-common';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { formatDay } from '../health/HealthCells';
import { useMyServices } from './useMyServices';

/** Most rows of each kind, so the card stays a short list. */
const MAX = 5;

export const STATUS_WORDS: Record<FeedbackReport['status'], string> = {
  new: 'New',
  triaged: 'Triaged',
  planned: 'Planned',
  'in-progress': 'In progress',
  shipped: 'Shipped',
  declined: 'Declined',
};

/** The first sentence of a report, at most about 90 characters. */
export function gist(text: string) {
  const first = text.split(/(?<=[.!?])\s/)[0];
  if (first.length <= 90) return first;
  return `${first.slice(0, first.lastIndexOf(' ', 88))}…`;
}

function useToDos() {
  const services = useMyServices();
  const scorecards = useApi(scorecardsApiRef);
  const feedback = useApi(feedbackApiRef);
  const refs = (services.value ?? []).map(e => stringifyEntityRef(e));
  const key = refs.join(',');
  return useAsync(async () => {
    if (services.error) throw services.error;
    if (!services.value) return undefined;
    const today = new Date().toISOString().slice(0, 10);
    const [levels, campaigns, reports] = await Promise.all([
      scorecards.getLevels(refs.slice(0, 100)),
      scorecards.listCampaigns().then(list =>
        Promise.all(
          list
            .filter(c => c.deadline >= today && c.reached < c.total)
            .slice(0, MAX)
            .map(c => scorecards.getCampaign(c.id)),
        ),
      ),
      feedback.listReports({ mine: true, limit: 50 }),
    ]);
    const mine = new Set(refs);
    return {
      failing: levels.items.filter(i => i.failing.length > 0).slice(0, MAX),
      campaigns: campaigns
        .map(c => ({
          campaign: c,
          behind: c.services.filter(s => mine.has(s.entityRef) && !s.reached),
        }))
        .filter(c => c.behind.length > 0),
      open: reports.items
        .filter(r => r.status !== 'shipped' && r.status !== 'declined')
        .slice(0, MAX),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, services.value, services.error, scorecards, feedback]);
}

function CheckToDo({ item }: { item: EntityLevels }) {
  const check = item.failing[0];
  const more = item.failing.length - 1;
  return (
    <ListItem disableGutters>
      <ListItemText
        primary={
          <>
            <EntityDisplayName entityRef={item.entityRef} hideIcon />:{' '}
            {check.title} ({check.level})
          </>
        }
        secondary={
          <>
            Next step: {check.nextStep.text}{' '}
            {check.nextStep.url && <Link to={check.nextStep.url}>How</Link>}
            {more > 0 && ` · ${more} more check${more > 1 ? 's' : ''} to pass`}
          </>
        }
      />
    </ListItem>
  );
}

function CampaignToDo({
  campaign,
  behind,
}: {
  campaign: CampaignDetails;
  behind: CampaignDetails['services'];
}) {
  return (
    <ListItem disableGutters>
      <ListItemText
        primary={
          <Link to={`/scorecards/campaigns/${campaign.id}`}>
            {campaign.title}
          </Link>
        }
        secondary={`${campaign.targetLevel} by ${formatDay(
          campaign.deadline,
        )}: ${behind.length} of your services not there yet`}
      />
    </ListItem>
  );
}

function ReportToDo({ report }: { report: FeedbackReport }) {
  const moved = report.updatedAt !== report.createdAt;
  return (
    <ListItem disableGutters>
      <ListItemText
        primary={<Link to={`/feedback/${report.id}`}>{gist(report.text)}</Link>}
        secondary={`${STATUS_WORDS[report.status]} ${
          moved ? 'since' : 'from'
        } ${formatDay(report.updatedAt.slice(0, 10))} · ${
          report.supporterCount
        } affected`}
      />
    </ListItem>
  );
}

/**
 * What to do next: the checks your services fail (with the next step),
 * the campaigns they are behind on, your friction reports still open.
 */
export function MyToDos() {
  const { value, loading, error } = useToDos();
  if (loading || (!value && !error)) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const { failing, campaigns, open } = value!;
  if (!failing.length && !campaigns.length && !open.length) {
    return (
      <Typography variant="body2">
        Nothing to do: your services pass their checks and none of your reports
        is waiting.
      </Typography>
    );
  }
  return (
    <>
      {failing.length > 0 && (
        <List
          dense
          aria-label="Checks to fix"
          subheader={<Typography variant="overline">Checks to fix</Typography>}
        >
          {failing.map(item => (
            <CheckToDo key={item.entityRef} item={item} />
          ))}
        </List>
      )}
      {campaigns.length > 0 && (
        <List
          dense
          aria-label="Campaigns"
          subheader={
            <Typography variant="overline">Campaigns you are in</Typography>
          }
        >
          {campaigns.map(c => (
            <CampaignToDo key={c.campaign.id} {...c} />
          ))}
        </List>
      )}
      {open.length > 0 && (
        <List
          dense
          aria-label="Your open reports"
          subheader={
            <Typography variant="overline">
              Your open friction reports
            </Typography>
          }
        >
          {open.map(r => (
            <ReportToDo key={r.id} report={r} />
          ))}
        </List>
      )}
    </>
  );
}
