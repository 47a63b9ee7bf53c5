import { TableColumn } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Typography } from '@material-ui/core';
import {
  CatalogTable,
  CatalogTableColumnsFunc,
  CatalogTableRow,
} from '@backstage/plugin-catalog';
import { DoraCell, LastDeployCell, LevelCell } from '../health/HealthCells';

const { columns } = CatalogTable;

const PAGERDUTY = 'pagerduty.com/service-id';

const refOf = (row: CatalogTableRow) => stringifyEntityRef(row.entity);

/** Whole sentences over at most two lines; the full text on hover. */
const description: TableColumn<CatalogTableRow> = {
  title: 'Description',
  field: 'entity.metadata.description',
  width: '32%',
  render: ({ entity }) => (
    <Typography
      variant="body2"
      title={entity.metadata.description}
      style={{
        display: '-webkit-box',
        WebkitLineClamp: 2,
        WebkitBoxOrient: 'vertical',
        overflow: 'hidden',
      }}
    >
      {entity.metadata.description}
    </Typography>
  ),
};

/**
 * Components: what people scan for (owner, scorecard level, DORA band,
 * on-call, last deploy) beside a readable description. The levels and bands
 * of a page come in one request to each backend (see serviceHealth). Other
 * kinds keep Backstage's columns.
 */
export const catalogColumns: CatalogTableColumnsFunc = context => {
  const kind =
    context.entities[0]?.kind?.toLowerCase() ?? context.filters.kind?.value;
  if (kind && kind !== 'component') {
    return CatalogTable.defaultColumnsFunc(context);
  }
  return [
    columns.createTitleColumn({ hidden: true }),
    columns.createNameColumn({ defaultKind: 'component' }),
    columns.createOwnerColumn(),
    {
      title: 'Level',
      sorting: false,
      render: row => <LevelCell entityRef={refOf(row)} />,
    },
    {
      title: 'DORA',
      sorting: false,
      render: row => <DoraCell entityRef={refOf(row)} />,
    },
    {
      title: 'On-call',
      sorting: false,
      render: ({ entity }) =>
        entity.metadata.annotations?.[PAGERDUTY] ? (
          <Typography variant="body2">PagerDuty</Typography>
        ) : (
          <Typography variant="body2" color="textSecondary">
            None
          </Typography>
        ),
    },
    {
      title: 'Last deploy',
      sorting: false,
      render: row => <LastDeployCell entityRef={refOf(row)} />,
    },
    description,
    columns.createSpecTypeColumn({
      hidden: context.filters.type !== undefined,
    }),
    columns.createSpecLifecycleColumn(),
  ];
};
