import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  FINAL_STATUSES,
  FeedbackReport,
} from '@internal/plugin-feedback-common';
import Button from '@material-ui/core/Button';
import { reportRouteRef } from '../routes';
import { MoveReportButton } from './MoveReportButton';
import {
  CATEGORY_LABELS,
  EntityLink,
  SEVERITY_LABELS,
  StatusChip,
  formatTime,
  reportTitle,
  shortId,
} from './shared';

export interface ReportsTableProps {
  title?: string;
  reports: FeedbackReport[];
  loading?: boolean;
  /** Show the entity column (off on an entity's own tab). */
  showEntity?: boolean;
  onMeToo?: (report: FeedbackReport) => void;
  /** Offers "Move" on each report the user may move; called after a move. */
  onMoved?: () => void;
  emptyContent?: JSX.Element;
}

/** A report's text as its title: one or two lines, the rest on its page. */
const twoLines: React.CSSProperties = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
};

export function ReportsTable(props: ReportsTableProps) {
  const { reports, showEntity, onMeToo, onMoved } = props;
  const reportLink = useRouteRef(reportRouteRef);

  const columns: TableColumn<FeedbackReport>[] = [
    {
      title: 'Status',
      field: 'status',
      render: report => (
        <>
          <StatusChip status={report.status} />
          {onMoved && <MoveReportButton report={report} onMoved={onMoved} />}
        </>
      ),
    },
    {
      title: 'Report',
      field: 'text',
      cellStyle: { minWidth: 280 },
      render: report => (
        <span style={twoLines} title={report.text}>
          {reportLink ? (
            <Link to={reportLink({ id: report.id })}>
              {reportTitle(report.text)}
            </Link>
          ) : (
            reportTitle(report.text)
          )}
        </span>
      ),
    },
    ...(showEntity
      ? [
          {
            title: 'Entity',
            field: 'entityRef',
            cellStyle: { whiteSpace: 'nowrap' },
            render: (report: FeedbackReport) => (
              <EntityLink entityRef={report.entityRef} />
            ),
          },
        ]
      : []),
    {
      title: 'Category',
      field: 'category',
      render: report => CATEGORY_LABELS[report.category] ?? report.category,
    },
    {
      title: 'Severity',
      field: 'severity',
      render: report => SEVERITY_LABELS[report.severity] ?? report.severity,
    },
    { title: 'Impact', field: 'impact', type: 'numeric' },
    { title: 'Supporters', field: 'supporterCount', type: 'numeric' },
    {
      title: 'Reporter',
      field: 'reporterRef',
      cellStyle: { whiteSpace: 'nowrap' },
      render: report =>
        report.reporterRef ? (
          <EntityLink entityRef={report.reporterRef} defaultKind="user" />
        ) : (
          'Anonymous'
        ),
    },
    {
      title: 'Created',
      field: 'createdAt',
      cellStyle: { whiteSpace: 'nowrap' },
      // The day in the list, the time on hover.
      render: report => (
        <span title={formatTime(report.createdAt)}>
          {new Date(report.createdAt).toLocaleDateString()}
        </span>
      ),
    },
  ];
  if (onMeToo) {
    columns.push({
      title: '',
      field: 'id',
      sorting: false,
      render: report => (
        <Button
          size="small"
          variant="outlined"
          color="primary"
          aria-label={`Me too on ${shortId(report.id)}`}
          disabled={
            report.supportedByMe || FINAL_STATUSES.includes(report.status)
          }
          onClick={() => onMeToo(report)}
          style={{ whiteSpace: 'nowrap' }}
        >
          {report.supportedByMe ? 'Supported' : 'Me too'}
        </Button>
      ),
    });
  }

  return (
    <Table<FeedbackReport>
      title={props.title}
      columns={columns}
      data={reports}
      isLoading={props.loading}
      emptyContent={props.emptyContent}
      options={{ paging: false, search: false, sorting: false }}
    />
  );
}
