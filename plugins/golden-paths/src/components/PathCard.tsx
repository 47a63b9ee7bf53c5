import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  Chip,
  Typography,
} from '@material-ui/core';
import { Link as RouterLink } from 'react-router-dom';
import { GoldenPath } from '../api';

const PERSONAS: Record<string, string> = {
  backend: 'Backend developers',
  data: 'Data engineers',
  frontend: 'Frontend developers',
  any: 'Every team',
};

/** One golden path: who it is for, what it gives, its version and users. */
export function PathCard({ path }: { path: GoldenPath }) {
  const { namespace, name } = parseEntityRef(path.entityRef);
  return (
    <Card
      variant="outlined"
      style={{ height: '100%', display: 'flex', flexDirection: 'column' }}
      data-testid={`golden-path-${path.name}`}
    >
      <CardContent style={{ flexGrow: 1 }}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={1}>
          <Typography variant="h6" component="h2">
            {path.title}
          </Typography>
          {path.currentVersion && (
            <Chip size="small" label={`v${path.currentVersion}`} />
          )}
        </Box>
        <Typography variant="body2" color="textSecondary" paragraph>
          For {PERSONAS[path.persona] ?? path.persona} ·{' '}
          {path.category === 'infrastructure'
            ? 'self-service infrastructure'
            : 'service'}
        </Typography>
        <Typography variant="body2" paragraph>
          {path.description}
        </Typography>
        {path.provides.length > 0 && (
          <>
            <Typography variant="subtitle2">Out of the box</Typography>
            <ul style={{ marginTop: 4, paddingLeft: 20 }}>
              {path.provides.map(line => (
                <li key={line}>
                  <Typography variant="body2">{line}</Typography>
                </li>
              ))}
            </ul>
          </>
        )}
        {path.changelog[0] && (
          <details>
            <summary>
              <Typography variant="subtitle2" component="span">
                Changelog
              </Typography>
            </summary>
            {path.changelog.map(entry => (
              <Box key={entry.version} mt={1}>
                <Typography variant="body2">
                  <strong>{entry.version}</strong>
                  {entry.date ? ` · ${entry.date}` : ''}
                </Typography>
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {entry.changes.map(change => (
                    <li key={change}>
                      <Typography variant="body2">{change}</Typography>
                    </li>
                  ))}
                </ul>
              </Box>
            ))}
          </details>
        )}
        <Box mt={2}>
          <Typography variant="subtitle2">
            {path.created === 1
              ? '1 created from this path'
              : `${path.created} created from this path`}
            {path.drifted > 0 && ` · ${path.drifted} on an older version`}
          </Typography>
          {path.teams.map(team => (
            <Typography variant="body2" key={team.ownerRef}>
              {team.ownerRef === 'unowned' ? (
                'No owner'
              ) : (
                <EntityRefLink entityRef={team.ownerRef} defaultKind="group" />
              )}
              : {team.count}
            </Typography>
          ))}
        </Box>
      </CardContent>
      <CardActions>
        <Button
          color="primary"
          variant="contained"
          component={RouterLink}
          to={`/create/templates/${namespace}/${name}`}
        >
          Create
        </Button>
      </CardActions>
    </Card>
  );
}
