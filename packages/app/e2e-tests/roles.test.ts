import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

const ERRORS = /\b(401|403|404|500)\b|Request failed|Forbidden|NotAllowedError/;

test('explore', async ({ page }) => {
  test.setTimeout(600_000);
  for (const user of ['priya.sharma', 'sam.okafor']) {
    await signInAs(page, user);
    const nav = page.getByRole('navigation').first();
    const links = await page.locator('nav a[href]').evaluateAll(as =>
      as.map(a => [a.textContent, a.getAttribute('href')]),
    );
    console.log(user, JSON.stringify(links));
    const hrefs = [...new Set(links.map(l => l[1]!).filter(h => h.startsWith('/')))];
    const entity = '/catalog/default/component/payment-routing-service';
    await page.goto(entity);
    await page.waitForTimeout(3000);
    const tabs = await page
      .getByRole('navigation', { name: 'Content navigation' })
      .locator('a[href]')
      .evaluateAll(as => as.map(a => a.getAttribute('href')!));
    console.log('tabs', JSON.stringify(tabs));
    for (const href of [...hrefs, ...tabs, '/create/edit', '/create/tasks', '/catalog/default/group/platform-team', '/catalog/default/resource/payments-db', '/catalog-unprocessed-entities', '/portal-usage', '/scorecards']) {
      await page.goto(href);
      await page.waitForTimeout(4000);
      const text = await page.locator('body').innerText();
      const m = text.match(new RegExp(`.{0,80}(${ERRORS.source}).{0,80}`, 'g'));
      const missing = text.match(/Missing annotation.{0,80}/g);
      console.log(user, href, m ? JSON.stringify(m) : 'ok', missing ? JSON.stringify(missing) : '');
    }
  }
  expect(1).toBe(1);
});
