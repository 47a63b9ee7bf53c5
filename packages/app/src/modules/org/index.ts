import { createElement } from 'react';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import orgPlugin from '@backstage/plugin-org/alpha';

/** `entity-card:org/group-profile`: a team's About card, by titles. */
const groupProfileCard = orgPlugin
  .getExtension('entity-card:org/group-profile')
  .override({
    params: {
      loader: async () =>
        createElement((await import('./GroupProfileCard')).GroupProfileCard),
    },
  });

export const orgModule = createFrontendModule({
  pluginId: 'org',
  extensions: [groupProfileCard],
});
