// Opens one page of a running portal many times, each in a new browser
// profile with the session of a signed-in user, and reports how long its
// text took to show and how many <style> elements the page held then.
//   node bench/page-load.mjs --url http://localhost:3000 --path /feedback \
//     --text "Platform backlog" --runs 25
// A few slow loads among fast ones come with far more <style> elements
// (Material UI v4 adds one per styled component instance, and more when
// React retries a render): see bench/README.md, "Page load".
import {
  benchArgs,
  launchChromium,
  signInAs,
  viewport,
} from './lib/browser.mjs';

const args = benchArgs(['url', 'path', 'text', 'runs', 'user']);
const url = args.url ?? 'http://localhost:3000';
const path = args.path ?? '/feedback';
const text = args.text ?? 'Platform backlog';
const runs = Number(args.runs ?? 25);
const user = args.user ?? 'priya.sharma';

const browser = await launchChromium();

const signIn = await browser.newContext({ viewport });
const storageState = await signInAs(signIn, url, user);
await signIn.close();

const results = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport, storageState });
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(new URL(path, url).toString(), { waitUntil: 'commit' });
  await page.getByText(text).first().waitFor({ timeout: 120_000 });
  const ms = Date.now() - start;
  const styles = await page.evaluate(
    () => document.querySelectorAll('style').length,
  );
  results.push({ ms, styles });
  console.log(`run ${i + 1}: ${ms} ms, ${styles} <style> elements`);
  await context.close();
}
await browser.close();

const sorted = results.map(r => r.ms).sort((a, b) => a - b);
const slow = results.filter(r => r.ms > 5000);
console.log(
  `${path} over ${runs} loads: median ${sorted[Math.floor(runs / 2)]} ms, max ${
    sorted[runs - 1]
  } ms, ${slow.length} over 5 s${
    slow.length
      ? ` (with ${slow.map(r => r.styles).join(', ')} <style> elements)`
      : ''
  }; fast loads had ${Math.min(...results.map(r => r.styles))}-${Math.max(
    ...results.filter(r => r.ms <= 5000).map(r => r.styles),
  )}`,
);
