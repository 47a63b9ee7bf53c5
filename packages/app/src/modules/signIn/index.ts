import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { PortalSignInPage } from './PortalSignInPage';

// Bundled with the app, not loaded on demand: every visit starts here, and a
// separate chunk would add a round trip before the session is even checked.
const signInPage = SignInPageBlueprint.make({
  params: { loader: async () => PortalSignInPage },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
