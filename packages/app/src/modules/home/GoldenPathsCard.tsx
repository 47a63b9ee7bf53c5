import { Link } from '@backstage/core-components';
import { Typography } from '@material-ui/core';

/** Entry point to the golden paths (the software templates). */
export function GoldenPathsCard() {
  return (
    <>
      <Typography variant="body2" paragraph>
        Need a new service, a data pipeline, a frontend or a database? Pick a
        golden path: you get a repository that builds, tests, scans and deploys,
        registered in the catalog, in minutes. No ticket.
      </Typography>
      <Link to="/golden-paths">Browse the golden paths</Link>
    </>
  );
}
