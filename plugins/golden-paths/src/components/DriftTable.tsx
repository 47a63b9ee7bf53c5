import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { DriftedEntity, GoldenPath } from '../api';

/** Services built from an older version of their path, with what they miss. */
export function DriftTable(props: {
  drift: DriftedEntity[];
  paths: GoldenPath[];
}) {
  const titles = new Map(props.paths.map(p => [p.entityRef, p.title]));
  const columns: TableColumn<DriftedEntity>[] = [
    {
      title: 'Golden path',
      field: 'templateRef',
      render: row => titles.get(row.templateRef) ?? row.templateRef,
    },
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
      title: 'What changed since',
      sorting: false,
      render: row => (
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {row.missing.flatMap(entry =>
            entry.changes.map(change => (
              <li key={`${entry.version}-${change}`}>
                <Typography variant="body2">
                  {entry.version}: {change}
                </Typography>
              </li>
            )),
          )}
        </ul>
      ),
    },
  ];
  return (
    <Table
      title={`Drift: ${props.drift.length} behind their golden path`}
      options={{ paging: false, grouping: false, search: true }}
      columns={columns}
      data={props.drift}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          Every service created from a golden path is on its current version.
        </Typography>
      }
    />
  );
}
