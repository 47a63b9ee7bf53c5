import { Typography } from '@material-ui/core';
import { ChangelogEntry } from '../api';

/** The changelog entries a drifted entity misses, one line per change. */
export function MissedChanges({ missing }: { missing: ChangelogEntry[] }) {
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {missing.flatMap(entry =>
        entry.changes.map(change => (
          <li key={`${entry.version}-${change}`}>
            <Typography variant="body2">
              {entry.version}: {change}
            </Typography>
          </li>
        )),
      )}
    </ul>
  );
}
