// First load of the portal in Chromium (/usr/bin/chromium), as a person meets
// it: an empty browser cache each run.
//   node bench/first-load.mjs --url http://localhost:3000 --label production
// Reports, per run and as the median:
//   sign-in  navigation start -> the demo sign-in page can be used
//   home     navigation start -> the home page of a signed-in user is shown
//            (a returning user: the session is in the browser, the cache is not)
//   cached   the same home page opened again, the scripts now in the browser's
//            cache (what a returning user usually meets)
//   JS       JavaScript the home page loaded: decoded size, and bytes sent
import {
  benchArgs,
  launchChromium,
  signInAs,
  viewport,
} from './lib/browser.mjs';

const args = benchArgs(['url', 'label', 'runs', 'user']);
const url = args.url ?? process.env.PORTAL_URL ?? 'http://localhost:3000';
const label = args.label ?? url;
const runs = Number(args.runs ?? process.env.RUNS ?? 5);
const user = args.user ?? 'priya.sharma';
const TIMEOUT = 120_000;

const browser = await launchChromium();
const mb = bytes => (bytes / 1e6).toFixed(1);

/**
 * Milliseconds from navigation start until `ready` resolves, and the bytes of
 * JavaScript the page loaded (as decoded, and as sent over the wire).
 */
async function timed(context, path, ready) {
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(new URL(path, url).toString(), { waitUntil: 'commit' });
  await ready(page);
  const ms = Date.now() - start;
  const [jsBytes, jsTransferred] = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter(e => e.initiatorType === 'script' || /\.js(\?|$)/.test(e.name))
      .reduce(
        ([decoded, sent], e) => [
          decoded + e.decodedBodySize,
          sent + e.transferSize,
        ],
        [0, 0],
      ),
  );
  await page.close();
  return { ms, jsBytes, jsTransferred };
}

const signInReady = page =>
  page
    .getByRole('list', { name: 'Demo users' })
    .getByText(user, { exact: true })
    .waitFor({ timeout: TIMEOUT });
const homeReady = async page => {
  await page
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor({ timeout: TIMEOUT });
  await page
    .getByRole('list', { name: "Your team's services" })
    .getByRole('link')
    .first()
    .waitFor({ timeout: TIMEOUT });
};

// One unmeasured load: a development server compiles on its first request.
{
  const context = await browser.newContext({ viewport });
  await timed(context, '/', signInReady);
  await context.close();
}

const results = [];
for (let i = 0; i < runs; i++) {
  // A new browser profile: nothing cached, nobody signed in.
  const fresh = await browser.newContext({ viewport });
  const signIn = await timed(fresh, '/', signInReady);
  // Sign in once, then open the home page again with an empty cache.
  const storageState = await signInAs(fresh, url, user);
  await fresh.close();
  const returning = await browser.newContext({ viewport, storageState });
  const home = await timed(returning, '/', homeReady);
  const cached = await timed(returning, '/', homeReady);
  await returning.close();
  results.push({
    signIn: signIn.ms,
    home: home.ms,
    cached: cached.ms,
    jsBytes: home.jsBytes,
    jsTransferred: home.jsTransferred,
  });
  console.log(
    `${label} run ${i + 1}: sign-in page ${signIn.ms} ms, home page ${
      home.ms
    } ms (${cached.ms} ms cached), ${mb(home.jsBytes)} MB of JavaScript (${mb(
      home.jsTransferred,
    )} MB transferred)`,
  );
}
await browser.close();

const median = key => {
  const sorted = results.map(r => r[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
console.log(
  `${label} median of ${runs}: sign-in page ${median(
    'signIn',
  )} ms, home page ${median('home')} ms (${median('cached')} ms cached), ${mb(
    median('jsBytes'),
  )} MB of JavaScript (${mb(median('jsTransferred'))} MB transferred)`,
);
