import { useLayoutEffect } from 'react';
import { useSidebarPinState } from '@backstage/core-components';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import type { Theme } from '@material-ui/core/styles';

/** Remembers that the sidebar was unpinned for the window's width, not by choice. */
const KEY = 'portal.sidebarCollapsedForWidth';

/**
 * Collapses the pinned sidebar to its icons while the window is narrower than
 * 960 px (a browser beside an editor), where its 224 px would squeeze every
 * page, and pins it again once the window is wide enough. A sidebar the
 * person unpinned themselves stays unpinned.
 */
export function useCollapseWhenNarrow() {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'), {
    noSsr: true,
  });
  const { isPinned, toggleSidebarPinState } = useSidebarPinState();
  // Before the first paint, so a narrow window never shows the wide sidebar.
  useLayoutEffect(() => {
    const collapsedForWidth = window.localStorage.getItem(KEY) === 'true';
    if (narrow && isPinned) {
      window.localStorage.setItem(KEY, 'true');
      toggleSidebarPinState();
    } else if (!narrow && collapsedForWidth) {
      window.localStorage.removeItem(KEY);
      if (!isPinned) toggleSidebarPinState();
    }
  }, [narrow, isPinned, toggleSidebarPinState]);
}
