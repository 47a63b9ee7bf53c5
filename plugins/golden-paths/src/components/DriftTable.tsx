import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { DriftedEntity, GoldenPath } from '../api';
import { MissedChanges } from './MissedChanges';

const columns: TableColumn<DriftedEntity>[] = [
  {
    title: 'Service',
    field: 'entityRef',
    render: row => <EntityRefLink entityRef={row.entityRef} />,
  },
  {
    title: 'Owner',
    field: 'ownerRef',
    render: row =>
      row.ownerRef ? (
        <EntityRefLink entityRef={row.ownerRef} defaultKind="group" />
      ) : (
        '—'
      ),
  },
  {
    title: 'Version',
    field: 'version',
    render: row => `${row.version} → ${row.currentVersion}`,
  },
  {
    title: 'Behind by',
    sorting: false,
    render: row => <MissedSummary row={row} />,
  },
];

/** "2 versions, 5 changes", the changes one click away. */
export function MissedSummary({ row }: { row: DriftedEntity }) {
  const versions = row.missing.length;
  const changes = row.missing.reduce((n, e) => n + e.changes.length, 0);
  const summary = `${versions} version${
    versions === 1 ? '' : 's'
  }, ${changes} change${changes === 1 ? '' : 's'}`;
  if (changes === 0) return <>{summary}</>;
  return (
    <details>
      <summary style={{ cursor: 'pointer' }}>{summary}</summary>
      <MissedChanges missing={row.missing} />
    </details>
  );
}

/**
 * Services built from an older version of their path, one table per path,
 * with what each one misses.
 */
export function DriftTable(props: {
  drift: DriftedEntity[];
  paths: GoldenPath[];
}) {
  if (props.drift.length === 0) {
    return (
      <Typography>
        Every service created from a golden path is on its current version.
      </Typography>
    );
  }
  const known = new Set(props.paths.map(p => p.entityRef));
  const groups = [
    ...props.paths.map(path => ({
      key: path.entityRef,
      title: `${path.title}: ${
        props.drift.filter(d => d.templateRef === path.entityRef).length
      } behind v${path.currentVersion}`,
      rows: props.drift.filter(d => d.templateRef === path.entityRef),
    })),
    {
      key: 'other',
      title: 'Other templates',
      rows: props.drift.filter(d => !known.has(d.templateRef)),
    },
  ].filter(group => group.rows.length > 0);

  return (
    <>
      {groups.map(group => (
        <Box mb={3} key={group.key} data-testid={`drift-${group.key}`}>
          <Table
            title={group.title}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={columns}
            data={group.rows}
          />
        </Box>
      ))}
    </>
  );
}
