import { makeStyles, Typography } from '@material-ui/core';
import { LogoIcon } from './LogoIcon';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: 8 },
  text: {
    color: '#7df3e1',
    fontWeight: 700,
    lineHeight: 1.1,
    whiteSpace: 'nowrap',
  },
});

/** The portal's name beside Backstage's mark, for the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <div className={classes.root}>
      <LogoIcon />
      <Typography variant="subtitle1" className={classes.text}>
        FinTech-Fast
        <br />
        Portal
      </Typography>
    </div>
  );
};
