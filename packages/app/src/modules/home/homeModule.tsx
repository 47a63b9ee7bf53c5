import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';
import { GoldenPathsCard } from './GoldenPathsCard';
import { MyTeamServices } from './MyTeamServices';
import { TidyHomeLayout } from './TidyHomeLayout';

// The home page's layout and own cards are bundled with the app rather than
// loaded on demand: loaded lazily they were two more round trips, one after
// the other, before the first card could ask the catalog for anything.

const myTeamServices = HomePageWidgetBlueprint.make({
  name: 'my-team-services',
  params: {
    name: 'MyTeamServices',
    title: "Your team's services",
    description: 'Components owned by you and your teams',
    components: async () => ({ Content: MyTeamServices }),
  },
});

const goldenPaths = HomePageWidgetBlueprint.make({
  name: 'golden-paths',
  params: {
    name: 'GoldenPaths',
    title: 'Golden paths',
    description: 'Create a new service or database in minutes',
    components: async () => ({ Content: GoldenPathsCard }),
  },
});

/** The cards in balanced columns, each as tall as its content. */
const tidyLayout = HomePageLayoutBlueprint.make({
  name: 'tidy',
  params: {
    loader: async () => TidyHomeLayout,
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [myTeamServices, goldenPaths, tidyLayout],
});
