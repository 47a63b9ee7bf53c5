import { Table, TableColumn } from '@backstage/core-components';
import { errorApiRef, useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { DriftedEntity, GoldenPath, goldenPathsApiRef } from '../api';
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

const PAGE_SIZE = 10;

/**
 * Services built from an older version of their path, one table per path
 * (its `drifted` count from the path), each read a page at a time: a large
 * catalog has thousands.
 */
export function DriftTable(props: { paths: GoldenPath[] }) {
  const api = useApi(goldenPathsApiRef);
  const errorApi = useApi(errorApiRef);
  const behind = props.paths.filter(path => path.drifted > 0);
  if (behind.length === 0) {
    return (
      <Typography>
        Every service created from a golden path is on its current version.
      </Typography>
    );
  }
  return (
    <>
      {behind.map(path => (
        <Box
          mb={3}
          key={path.entityRef}
          data-testid={`drift-${path.entityRef}`}
        >
          <Table<DriftedEntity>
            title={`${path.title}: ${path.drifted} behind v${path.currentVersion}`}
            options={{
              paging: path.drifted > PAGE_SIZE,
              pageSize: PAGE_SIZE,
              pageSizeOptions: [PAGE_SIZE, 50, 100],
              search: false,
              sorting: false,
              padding: 'dense',
            }}
            columns={columns}
            data={query =>
              api
                .getDrift({
                  templateRef: path.entityRef,
                  offset: query.page * query.pageSize,
                  limit: query.pageSize,
                })
                .then(
                  ({ items, totalItems }) => ({
                    data: items,
                    page: query.page,
                    totalCount: totalItems,
                  }),
                  error => {
                    errorApi.post(error);
                    return { data: [], page: query.page, totalCount: 0 };
                  },
                )
            }
          />
        </Box>
      ))}
    </>
  );
}
