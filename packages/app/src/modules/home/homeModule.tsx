import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';

const myTeamServices = HomePageWidgetBlueprint.make({
  name: 'my-team-services',
  params: {
    name: 'MyTeamServices',
    title: "Your team's services",
    description: 'Components owned by you and your teams',
    components: async () => ({
      Content: (await import('./MyTeamServices')).MyTeamServices,
    }),
  },
});

const goldenPaths = HomePageWidgetBlueprint.make({
  name: 'golden-paths',
  params: {
    name: 'GoldenPaths',
    title: 'Golden paths',
    description: 'Create a new service or database in minutes',
    components: async () => ({
      Content: (await import('./GoldenPathsCard')).GoldenPathsCard,
    }),
  },
});

/** The cards in balanced columns, each as tall as its content. */
const tidyLayout = HomePageLayoutBlueprint.make({
  name: 'tidy',
  params: {
    loader: async () => (await import('./TidyHomeLayout')).TidyHomeLayout,
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [myTeamServices, goldenPaths, tidyLayout],
});
