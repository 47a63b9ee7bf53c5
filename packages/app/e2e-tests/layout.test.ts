import { expect, Locator, Page, test } from '@playwright/test';
import { signInAs } from './signIn';

/**
 * The main pages at a laptop's 1280x720 and at 800 px wide (a browser beside
 * an editor): nothing overflows the window sideways, the sidebar collapses
 * when narrow, and wide tab bars and tables scroll inside the page instead of
 * being cut off, so their last tab or column can still be reached.
 */

const PAGES: Array<{
  name: string;
  path: string;
  ready: (p: Page) => Locator;
}> = [
  {
    name: 'home',
    path: '/',
    ready: p =>
      p
        .getByRole('list', { name: "Your team's services" })
        .getByRole('link')
        .first(),
  },
  {
    name: 'catalog',
    path: '/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all',
    ready: p => p.getByRole('columnheader', { name: 'Lifecycle' }),
  },
  {
    name: 'an entity page',
    path: '/catalog/default/component/payment-routing-service',
    ready: p => p.getByRole('link', { name: 'Scorecards', exact: true }),
  },
  {
    name: 'platform metrics',
    path: '/platform-metrics',
    ready: p =>
      p.getByRole('table', { name: 'Teams' }).locator('tbody a').first(),
  },
  {
    name: 'the feedback backlog',
    path: '/feedback',
    ready: p => p.getByRole('heading', { name: 'Reports by impact' }),
  },
];

/** Tab bars: Material UI's, and the entity page's row of page links. */
const TAB_BARS = '[role="tablist"], nav.bui-HeaderNav';

/**
 * Tab bars and tables on the page that are cut off: wider than an ancestor
 * that hides what overflows instead of letting a person scroll to it.
 */
function clipped(page: Page) {
  return page.evaluate(tabBars => {
    const found: string[] = [];
    for (const el of document.querySelectorAll(`table, ${tabBars}`)) {
      for (
        let box: Element | null = el;
        box && box !== document.body;
        box = box.parentElement
      ) {
        const overflow = getComputedStyle(box).overflowX;
        if (overflow === 'auto' || overflow === 'scroll') break;
        if (overflow !== 'visible' && box.scrollWidth > box.clientWidth + 1) {
          const name =
            el.getAttribute('aria-label') ?? el.tagName.toLowerCase();
          found.push(`${name} cut off by <${box.tagName.toLowerCase()}>`);
          break;
        }
      }
    }
    return found;
  }, TAB_BARS);
}

/**
 * Scrolls the box that scrolls `target` sideways to its end, as a person does
 * with a trackpad or shift + wheel (clipped() has checked that nothing on the
 * way hides what overflows).
 */
async function scrollSideways(target: Locator) {
  await target.evaluate(el => {
    for (let box: Element | null = el; box; box = box.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) {
        box.scrollLeft = box.scrollWidth;
        return;
      }
    }
  });
}

for (const viewport of [
  { width: 800, height: 900 },
  { width: 1280, height: 720 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('the main pages fit the window; tab bars and tables scroll', async ({
      page,
    }) => {
      await signInAs(page, 'priya.sharma');

      // Narrow: the sidebar shows its icons only (each still named).
      const sidebarWidth = (
        await page.locator('[data-testid="sidebar-root"] > div').boundingBox()
      )?.width;
      if (viewport.width < 960) {
        expect(sidebarWidth).toBeLessThanOrEqual(80);
      } else {
        expect(sidebarWidth).toBeGreaterThan(200);
      }

      for (const { name, path, ready } of PAGES) {
        await test.step(name, async () => {
          await page.goto(path);
          await expect(ready(page)).toBeVisible();
          const width = await page.evaluate(() => ({
            content: document.documentElement.scrollWidth,
            window: document.documentElement.clientWidth,
          }));
          expect(width.content, `${name} is wider than the window`).toBe(
            width.window,
          );
          expect(await clipped(page), name).toEqual([]);

          const tabs = page.locator(TAB_BARS).first();
          if (await tabs.isVisible()) {
            const last = tabs.locator('[role="tab"], li').last();
            await scrollSideways(tabs);
            await expect(last, `${name}: last tab`).toBeInViewport({
              ratio: 1,
            });
          }
          // The first table with column headings (a table's pagination can
          // be a table of its own).
          const table = page
            .getByRole('table')
            .filter({ has: page.locator('thead th') })
            .first();
          if (await table.isVisible()) {
            const lastColumn = table.locator('thead th').last();
            await scrollSideways(table);
            await expect(lastColumn, `${name}: last column`).toBeInViewport();
          }
        });
      }
    });
  });
}
