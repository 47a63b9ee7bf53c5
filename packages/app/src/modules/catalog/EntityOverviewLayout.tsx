import type { EntityContentLayoutProps } from '@backstage/plugin-catalog-react/alpha';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(3),
  },
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(3),
    minWidth: 0,
  },
  // One column: health and ownership (About, level, golden path, feedback) first.
  info: { order: -1 },
  [theme.breakpoints.up('md')]: {
    root: {
      display: 'grid',
      gridTemplateColumns: '2fr 1fr',
      alignItems: 'start',
    },
    info: { order: 0 },
  },
}));

/**
 * An entity's overview: the content cards, and beside them the info cards
 * (About, Feedback, Golden path...) at their full height; in one column the
 * info cards come first. Unlike the default
 * layout, the info column is not a sticky box with a hidden scrollbar, so no
 * card is cut off below the fold of an inner scroll.
 */
export function EntityOverviewLayout({ cards }: EntityContentLayoutProps) {
  const classes = useStyles();
  const info = cards.filter(card => card.type === 'info');
  const content = cards.filter(card => card.type !== 'info');
  return (
    <div className={classes.root}>
      <div className={classes.column}>
        {content.map((card, i) => (
          <div key={card.element.key ?? i}>{card.element}</div>
        ))}
      </div>
      {info.length > 0 && (
        <div
          className={`${classes.column} ${classes.info}`}
          data-testid="entity-info-cards"
        >
          {info.map((card, i) => (
            <div key={card.element.key ?? i}>{card.element}</div>
          ))}
        </div>
      )}
    </div>
  );
}
