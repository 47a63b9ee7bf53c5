import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';
import { GoldenPathsCard } from './GoldenPathsCard';
import { MyTeamServices } from './MyTeamServices';
import { MyToDos } from './MyToDos';
import { ShippedForMe } from './ShippedForMe';
import { TidyHomeLayout } from './TidyHomeLayout';

// The home page's layout and own cards are bundled with the app rather than
// loaded on demand: loaded lazily they were two more round trips, one after
// the other, before the first card could ask the catalog for anything.

const myTeamServices = HomePageWidgetBlueprint.make({
  name: 'my-team-services',
  params: {
    name: 'MyTeamServices',
    title: "Your team's services",
    description: 'Components owned by you and your teams, with their health',
    components: async () => ({ Content: MyTeamServices }),
  },
});

const myToDos = HomePageWidgetBlueprint.make({
  name: 'my-to-dos',
  params: {
    name: 'MyToDos',
    title: 'Your to-dos',
    description: 'Checks to fix, campaigns, your open friction reports',
    components: async () => ({ Content: MyToDos }),
  },
});

const shippedForMe = HomePageWidgetBlueprint.make({
  name: 'shipped-for-me',
  params: {
    name: 'ShippedForMe',
    title: 'Shipped for you',
    description: 'What you reported or supported that shipped',
    components: async () => ({ Content: ShippedForMe }),
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
  extensions: [myTeamServices, myToDos, shippedForMe, goldenPaths, tidyLayout],
});
