import { FormEvent, useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  WarningPanel,
} from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  List,
  ListItem,
  ListItemText,
  TextField,
} from '@material-ui/core';

type Persona = { name: string; description: string };

/** Lets a person choose which demo User of the catalog to be. */
export function DemoUserPicker(props: {
  onPick: (userName: string) => void;
  error?: Error;
}) {
  const config = useApi(configApiRef);
  const [typed, setTyped] = useState('');
  const personas: Persona[] =
    config.getOptionalConfigArray('portal.demoUsers')?.map(c => ({
      name: c.getString('name'),
      description: c.getOptionalString('description') ?? '',
    })) ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim()) props.onPick(typed.trim());
  };

  return (
    <Page themeId="home">
      <Header
        title={config.getOptionalString('app.title') ?? 'Developer Portal'}
        subtitle="Demo sign-in: choose who you are"
      />
      <Content>
        {props.error && (
          <Box mb={2}>
            <WarningPanel severity="error" title="Sign-in failed">
              {props.error.message}
            </WarningPanel>
          </Box>
        )}
        <InfoCard title="Sign in as">
          <List aria-label="Demo users">
            {personas.map(p => (
              <ListItem
                key={p.name}
                button
                onClick={() => props.onPick(p.name)}
              >
                <ListItemText primary={p.name} secondary={p.description} />
              </ListItem>
            ))}
          </List>
          <form onSubmit={submit}>
            <Box display="flex" alignItems="center" mt={2}>
              <TextField
                label="Any other catalog User"
                placeholder="e.g. marco.rossi"
                value={typed}
                onChange={e => setTyped(e.target.value)}
                variant="outlined"
                size="small"
              />
              <Box ml={1}>
                <Button type="submit" variant="contained" color="primary">
                  Sign in
                </Button>
              </Box>
            </Box>
          </form>
        </InfoCard>
      </Content>
    </Page>
  );
}
