import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the running portal in Debian's Chromium
 * (/usr/bin/chromium; scripts/test.sh installs it), at 1440x900.
 *
 * Playwright starts the portal with scripts/start.sh unless one already runs:
 * the app built once and served by the backend on :3000 (PORTAL_PORT moves
 * it). PORTAL_MODE=dev starts `scripts/start.sh --dev` instead and tests the
 * development server's app on :3000 against the backend on :7007.
 *
 * Assertions wait only as long as a person would (a few seconds once the page
 * has loaded), so a blank or stalled page fails. Screenshots of the main
 * pages go to e2e-test-report/screenshots.
 */
const dev = process.env.PORTAL_MODE === 'dev';
const baseURL = dev
  ? 'http://localhost:3000'
  : `http://localhost:${process.env.PORTAL_PORT ?? 3000}`;

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  webServer: {
    command: dev ? 'bash scripts/start.sh --dev' : 'bash scripts/start.sh',
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 600_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report/html' }],
  ],
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    // A page that has not loaded in this time is broken, not slow (the
    // development server's first compile included).
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  // The setup waits for the freshly started portal's search index, so the
  // tests themselves wait only as long as a person would.
  projects: [
    { name: 'setup', testMatch: /portal\.setup\.ts/ },
    { name: 'chromium', dependencies: ['setup'] },
  ],
  outputDir: 'node_modules/.cache/e2e-test-results',
});
