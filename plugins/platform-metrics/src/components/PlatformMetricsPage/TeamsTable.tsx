import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { TeamRow } from '@internal/plugin-platform-metrics-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { BandChip } from '../BandChip';
import { formatMetric, formatPercent } from '../format';
import { defaultDirection, sortValue, TeamSort, TeamSortKey } from '../teams';

const COLUMNS: Array<{ key: TeamSortKey; title: string; numeric: boolean }> = [
  { key: 'title', title: 'Team', numeric: false },
  { key: 'services', title: 'Services', numeric: true },
  { key: 'goldenPathShare', title: 'Golden-path share', numeric: true },
  { key: 'deploymentFrequency', title: 'Deployment frequency', numeric: true },
  { key: 'leadTime', title: 'Lead time', numeric: true },
  { key: 'changeFailureRate', title: 'Change failure rate', numeric: true },
  { key: 'timeToRestore', title: 'Time to restore', numeric: true },
  { key: 'overallBand', title: 'Band', numeric: false },
];

function Cell(props: { row: TeamRow; column: TeamSortKey }) {
  const { row, column } = props;
  switch (column) {
    case 'title':
      return <EntityRefLink entityRef={row.entityRef} title={row.title} />;
    case 'services':
      return <>{row.services}</>;
    case 'goldenPathShare':
      return <>{formatPercent(row.goldenPathShare)}</>;
    case 'overallBand':
      return <BandChip band={row.overallBand} />;
    default:
      return (
        <>
          {formatMetric(row.metrics[column])}{' '}
          {row.metrics[column].band !== 'none' && (
            <BandChip band={row.metrics[column].band} />
          )}
        </>
      );
  }
}

/** The teams, already sorted; the headers change the sort. */
export function TeamsTable(props: {
  rows: TeamRow[];
  sort: TeamSort;
  onSortChange: (sort: TeamSort) => void;
}) {
  const { rows, sort, onSortChange } = props;
  const onHeader = (key: TeamSortKey) => {
    if (sort.key === key) {
      onSortChange({
        key,
        direction: sort.direction === 'asc' ? 'desc' : 'asc',
      });
    } else {
      onSortChange({ key, direction: defaultDirection(key) });
    }
  };
  return (
    <TableContainer>
      <Table size="small" aria-label="Teams">
        <TableHead>
          <TableRow>
            {COLUMNS.map(column => (
              <TableCell
                key={column.key}
                align={column.numeric ? 'right' : 'left'}
                // Headings may take two lines, so that every column fits
                // at 1440 px; the values stay on one.
                sortDirection={sort.key === column.key ? sort.direction : false}
                aria-sort={
                  // eslint-disable-next-line no-nested-ternary
                  sort.key !== column.key
                    ? 'none'
                    : sort.direction === 'asc'
                    ? 'ascending'
                    : 'descending'
                }
              >
                <TableSortLabel
                  active={sort.key === column.key}
                  direction={sort.key === column.key ? sort.direction : 'asc'}
                  onClick={() => onHeader(column.key)}
                >
                  {column.title}
                </TableSortLabel>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.entityRef} data-testid="team-row">
              {COLUMNS.map(column => {
                const raw = sortValue(row, column.key);
                return (
                  <TableCell
                    key={column.key}
                    align={column.numeric ? 'right' : 'left'}
                    style={{ whiteSpace: 'nowrap' }}
                    data-column={column.key}
                    data-value={raw === null ? '' : String(raw)}
                  >
                    <Cell row={row} column={column.key} />
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
