import { Content } from '@backstage/core-components';
import type { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import { makeStyles } from '@material-ui/core/styles';

/** Without a configured layout: the cards a newcomer needs, in this order. */
const DEFAULT_ORDER = [
  'MyTeamServices',
  'MyToDos',
  'ShippedForMe',
  'GoldenPaths',
  'HomePageRecentlyVisited',
  'HomePageStarredEntities',
];
const FULL_WIDTH = ['HomePageSearchBar'];

const useStyles = makeStyles(theme => ({
  wide: { marginBottom: theme.spacing(3) },
  // Balanced columns: each card as tall as its content, no holes between.
  columns: {
    columnWidth: 480,
    columnGap: theme.spacing(3),
    '& > *': {
      breakInside: 'avoid',
      marginBottom: theme.spacing(3),
      // Cards fill their column; a card's own fixed height would leave holes.
      '& > *': { height: 'auto' },
    },
  },
}));

/**
 * The home page: the search bar, then the cards in balanced columns. Only
 * the cards of the configured layout (page:home's defaultConfig), in its
 * reading order; the positions and sizes it gives are not needed.
 */
export function TidyHomeLayout({
  widgets,
  defaultConfig,
}: HomePageLayoutProps) {
  const classes = useStyles();
  const order = defaultConfig
    ? [...defaultConfig]
        .sort((a, b) => a.row - b.row || a.column - b.column)
        .map(item => item.component)
    : [...FULL_WIDTH, ...DEFAULT_ORDER];
  const shown = widgets
    .filter(w => order.includes(w.name ?? ''))
    .sort((a, b) => order.indexOf(a.name!) - order.indexOf(b.name!));
  const wide = shown.filter(w => FULL_WIDTH.includes(w.name ?? ''));
  const cards = shown.filter(w => !FULL_WIDTH.includes(w.name ?? ''));
  return (
    <Content>
      {wide.map(w => (
        <div key={w.node.spec.id} className={classes.wide}>
          {w.component}
        </div>
      ))}
      <div className={classes.columns}>
        {cards.map(w => (
          <div key={w.node.spec.id} data-testid={`home-card-${w.name}`}>
            {w.component}
          </div>
        ))}
      </div>
    </Content>
  );
}
