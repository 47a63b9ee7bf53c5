import { useCallback, useEffect, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  scorecardsExemptionApprovePermission,
  scorecardsExemptionManagePermission,
} from '@internal/plugin-scorecards-common';
import type {
  CheckResult,
  EntityScorecardsResponse,
  ScorecardResult,
} from '@internal/plugin-scorecards-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import PauseCircleFilledIcon from '@material-ui/icons/PauseCircleFilled';
import RefreshIcon from '@material-ui/icons/Refresh';
import { scorecardsApiRef } from '../api';
import { ExemptDialog } from './ExemptDialog';
import { FactText } from './FactText';
import { formatMeasured } from './format';
import { LevelChip } from './LevelChip';

function StatusIcon(props: { status: CheckResult['status'] }) {
  if (props.status === 'passed') {
    return (
      <CheckCircleIcon style={{ color: '#2e7d32' }} titleAccess="Passed" />
    );
  }
  if (props.status === 'exempt') {
    return (
      <PauseCircleFilledIcon
        style={{ color: '#ef6c00' }}
        titleAccess="Exempt"
      />
    );
  }
  return <CancelIcon style={{ color: '#c62828' }} titleAccess="Failed" />;
}

/** The first failed check of the level above: what to do next. */
export function nextStepOf(card: ScorecardResult): CheckResult | undefined {
  if (!card.nextLevel) return undefined;
  return card.checks.find(
    c => c.level === card.nextLevel && c.status === 'failed',
  );
}

function ScorecardCard(props: {
  card: ScorecardResult;
  /** Absent for people who may not exempt this entity's checks. */
  onExempt?: (check: CheckResult) => void;
  /** Whether the person may grant what only the platform team grants. */
  platformTeam: boolean;
}) {
  const { card } = props;
  const next = nextStepOf(card);
  return (
    <InfoCard
      title={card.title}
      subheader={
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <span>Level:</span>
          <LevelChip level={card.level} index={card.levelIndex - 1} />
          <span data-testid={`level-${card.scorecardId}`}>
            {card.level ?? 'None'}
          </span>
          {card.nextLevel && <span>· next: {card.nextLevel}</span>}
        </Box>
      }
    >
      {next && (
        <Box
          mb={2}
          p={1.5}
          style={{ background: 'rgba(25,118,210,0.08)', borderRadius: 4 }}
        >
          <Typography variant="subtitle2">
            Next step to {card.nextLevel}: {next.title}
          </Typography>
          <Typography variant="body2">
            {next.nextStep.text}{' '}
            {next.nextStep.url && <Link to={next.nextStep.url}>How</Link>}
          </Typography>
        </Box>
      )}
      <Table size="small" aria-label={`${card.title} checks`}>
        <TableHead>
          <TableRow>
            <TableCell />
            <TableCell>Check</TableCell>
            <TableCell>Level</TableCell>
            <TableCell>Fact</TableCell>
            <TableCell>Measured</TableCell>
            <TableCell>Next step</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {card.checks.map(check => (
            <TableRow
              key={check.id}
              data-testid={`check-${card.scorecardId}-${check.id}`}
            >
              <TableCell>
                <StatusIcon status={check.status} />
              </TableCell>
              <TableCell>{check.title}</TableCell>
              <TableCell>{check.level}</TableCell>
              <TableCell>
                <FactText text={check.fact} />
                {check.exemption && (
                  <Typography variant="caption" display="block">
                    {check.status === 'exempt'
                      ? 'Exempt'
                      : 'Exemption awaiting the platform team’s approval,'}{' '}
                    until {check.exemption.expiresOn}: {check.exemption.reason}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {formatMeasured(check.measuredAt)}
                {check.source === 'demo-seed' && (
                  <Typography variant="caption" display="block">
                    Demo data: made up by the portal's demo seed, not measured
                    by CI
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {check.status === 'failed' && (
                  <>
                    <Typography variant="body2">
                      {check.nextStep.text}{' '}
                      {check.nextStep.url && (
                        <Link to={check.nextStep.url}>Open</Link>
                      )}
                    </Typography>
                    {props.onExempt &&
                      !check.exemption &&
                      check.exemptionRule?.by !== 'none' &&
                      (check.exemptionRule?.by !== 'platform-team' ||
                        props.platformTeam) && (
                        <Button
                          size="small"
                          onClick={() => props.onExempt?.(check)}
                        >
                          Exempt…
                        </Button>
                      )}
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}

/** The "Scorecards" tab of a component: levels, checks, next steps, exemptions. */
export function EntityScorecardsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const api = useApi(scorecardsApiRef);
  const [data, setData] = useState<EntityScorecardsResponse>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const { allowed: mayApprove } = usePermission({
    permission: scorecardsExemptionApprovePermission,
  });
  // Owners and the platform team exempt and withdraw; the others do not
  // see those buttons (the backend refuses them anyway).
  const { allowed: mayManage } = usePermission({
    permission: scorecardsExemptionManagePermission,
    resourceRef: entityRef,
  });
  const [exempting, setExempting] = useState<{
    scorecardId: string;
    check: CheckResult;
  }>();

  const load = useCallback(
    async (recheck: boolean) => {
      setBusy(true);
      try {
        setData(
          await (recheck ? api.recheck(entityRef) : api.getEntity(entityRef)),
        );
        setError(undefined);
      } catch (e) {
        setError(e as Error);
      } finally {
        setBusy(false);
      }
    },
    [api, entityRef],
  );

  useEffect(() => {
    load(false);
  }, [load]);

  if (error) return <ResponseErrorPanel error={error} />;
  if (!data) return <Progress />;

  const recheck = (
    <Button
      variant="outlined"
      color="primary"
      startIcon={<RefreshIcon />}
      disabled={busy}
      onClick={() => load(true)}
    >
      Re-check
    </Button>
  );

  if (!data.scorecards.length) {
    return (
      <EmptyState
        missing="data"
        title="Not evaluated yet"
        description="No scorecard has evaluated this entity yet; scorecards run every minute, or now with Re-check."
        action={recheck}
      />
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          {recheck}
          <Typography variant="body2" color="textSecondary">
            Evaluated {formatMeasured(data.scorecards[0].evaluatedAt)}; every
            minute, or now with Re-check.
          </Typography>
        </Box>
      </Grid>
      {data.scorecards.map(card => (
        <Grid item xs={12} key={card.scorecardId}>
          <ScorecardCard
            card={card}
            platformTeam={mayApprove}
            onExempt={
              mayManage
                ? check =>
                    setExempting({ scorecardId: card.scorecardId, check })
                : undefined
            }
          />
        </Grid>
      ))}
      <Grid item xs={12}>
        <InfoCard title="Exemptions">
          {data.exemptions.length === 0 ? (
            <Typography variant="body2">No exemption.</Typography>
          ) : (
            <Table size="small" aria-label="Exemptions">
              <TableHead>
                <TableRow>
                  <TableCell>Scorecard</TableCell>
                  <TableCell>Check</TableCell>
                  <TableCell>Reason</TableCell>
                  <TableCell>Expires on</TableCell>
                  <TableCell>By</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {data.exemptions.map(e => {
                  const scorecard = data.scorecards.find(
                    s => s.scorecardId === e.scorecardId,
                  );
                  const check = scorecard?.checks.find(c => c.id === e.checkId);
                  const pending =
                    !e.approvedBy && !!check?.exemptionRule?.needsApproval;
                  const act = (fn: () => Promise<unknown>) => async () => {
                    try {
                      await fn();
                      await load(false);
                    } catch (err) {
                      setError(err as Error);
                    }
                  };
                  return (
                    <TableRow key={e.id}>
                      <TableCell>{scorecard?.title ?? e.scorecardId}</TableCell>
                      <TableCell>{check?.title ?? e.checkId}</TableCell>
                      <TableCell>{e.reason}</TableCell>
                      <TableCell>{e.expiresOn}</TableCell>
                      <TableCell>
                        <EntityRefLink
                          entityRef={e.createdBy}
                          defaultKind="user"
                        />
                        {pending && (
                          <Typography variant="caption" display="block">
                            Awaiting the platform team’s approval
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>
                        {pending && mayApprove && (
                          <Button
                            size="small"
                            color="primary"
                            onClick={act(() => api.approveExemption(e.id))}
                          >
                            Approve
                          </Button>
                        )}
                        {mayManage && (
                          <Button
                            size="small"
                            onClick={act(() => api.deleteExemption(e.id))}
                          >
                            Withdraw
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>
      {exempting && (
        <ExemptDialog
          entityRef={entityRef}
          scorecardId={exempting.scorecardId}
          check={exempting.check}
          onClose={changed => {
            setExempting(undefined);
            if (changed) load(false);
          }}
        />
      )}
    </Grid>
  );
}
