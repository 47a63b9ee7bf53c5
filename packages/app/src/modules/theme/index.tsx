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
import './narrowWindows.css';

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
  // Tab bars scroll sideways when their tabs do not fit (a window beside an
  // editor), instead of cutting the last tabs off.
  MuiTabs: {
    defaultProps: { variant: 'scrollable', scrollButtons: 'auto' },
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

/**
 * The app's light or dark theme with the portal's tables. Each is made when
 * first shown, so startup pays for one only.
 */
function portalTheme(
  variant: 'light' | 'dark',
  title: string,
  icon: JSX.Element,
) {
  let theme: ReturnType<typeof createUnifiedTheme> | undefined;
  const get = () =>
    (theme ??= createUnifiedTheme({ palette: palettes[variant], components }));
  return ThemeBlueprint.make({
    name: variant,
    params: {
      theme: {
        id: variant,
        title,
        variant,
        icon,
        Provider: ({ children }) => (
          <UnifiedThemeProvider theme={get()} children={children} />
        ),
      },
    },
  });
}

/** Replaces the app's light and dark themes with the portal's. */
export const themeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    portalTheme('light', 'Light Theme', <LightIcon />),
    portalTheme('dark', 'Dark Theme', <DarkIcon />),
  ],
});
