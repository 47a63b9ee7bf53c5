import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import {
  createUnifiedTheme,
  defaultComponentThemes,
  palettes,
  UnifiedThemeOptions,
  UnifiedThemeProvider,
} from '@backstage/theme';
import LightIcon from '@material-ui/icons/WbSunny';
import DarkIcon from '@material-ui/icons/Brightness2';
import type { CSSProperties } from 'react';

type CellStyle = (props: object) => CSSProperties;
const cell = defaultComponentThemes?.MuiTableCell?.styleOverrides as Record<
  'root' | 'head',
  CellStyle
>;

/**
 * Backstage's table cells use `word-break: break-word`, which lets a column
 * shrink below its longest word, so in a catalog of eight columns names like
 * `payment-routing-service` wrap letter by letter. Here cells wrap between
 * words and at hyphens, breaking a word only when it cannot fit at all, and
 * dense tables have a little less padding so that the catalog's columns fit
 * at 1440 px.
 */
const wrapBetweenWords = {
  wordBreak: 'normal',
  overflowWrap: 'break-word',
} as const;

const components: UnifiedThemeOptions['components'] = {
  MuiTableCell: {
    styleOverrides: {
      ...cell,
      root: props => ({ ...cell.root(props), ...wrapBetweenWords }),
      head: props => ({ ...cell.head(props), ...wrapBetweenWords }),
      sizeSmall: ({ theme }) => ({ padding: theme.spacing(1.5, 1) }),
    },
  },
  BackstageTableHeader: {
    styleOverrides: {
      header: ({ theme }) => ({
        paddingLeft: theme.spacing(1),
        paddingRight: theme.spacing(1),
      }),
    },
  },
};

/** Each theme is made when first shown, so startup pays for one only. */
function lazyTheme(palette: UnifiedThemeOptions['palette']) {
  let theme: ReturnType<typeof createUnifiedTheme> | undefined;
  return () => (theme ??= createUnifiedTheme({ palette, components }));
}
const light = lazyTheme(palettes.light);
const dark = lazyTheme(palettes.dark);

/** Replaces the app's light and dark themes with the portal's. */
export const themeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    ThemeBlueprint.make({
      name: 'light',
      params: {
        theme: {
          id: 'light',
          title: 'Light Theme',
          variant: 'light',
          icon: <LightIcon />,
          Provider: ({ children }) => (
            <UnifiedThemeProvider theme={light()} children={children} />
          ),
        },
      },
    }),
    ThemeBlueprint.make({
      name: 'dark',
      params: {
        theme: {
          id: 'dark',
          title: 'Dark Theme',
          variant: 'dark',
          icon: <DarkIcon />,
          Provider: ({ children }) => (
            <UnifiedThemeProvider theme={dark()} children={children} />
          ),
        },
      },
    }),
  ],
});
