// Launches Debian's Chromium headless through playwright-core (never a downloaded browser) and opens the built
// site, served by ./server.mjs under a sub-path. Screenshots go to tests/e2e/out/.
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDir } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** Where screenshots are written. */
export const OUT_DIR = resolve(here, '..', 'out');
/** The built site; `.ci/test` builds it with `trunk build --release --public-url ./`. */
export const DIST_DIR = resolve(process.env.E2E_DIST ?? join(here, '..', '..', '..', 'dist'));
/**
 * The test build of the site with the `crash-test` feature (a schema holding "__panic__" panics);
 * `.ci/test` builds it with `trunk build --release --public-url ./ --features crash-test --dist dist-crash`.
 */
export const CRASH_DIST_DIR = resolve(process.env.E2E_CRASH_DIST ?? join(here, '..', '..', '..', 'dist-crash'));
/** The sub-path the site is served under, to prove the build does not assume the server root. */
export const BASE_PATH = process.env.E2E_BASE ?? '/some/sub/path/';
/** Chromium to drive: Debian's, as root these flags are needed (see shared/SHARED-SETUP.md). */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** How long one expectation may wait for the page (ms). */
export const TIMEOUT = Number(process.env.E2E_TIMEOUT ?? 5000);

/** Writes a full-page screenshot to tests/e2e/out/NAME.png and returns its path. */
export async function screenshot(page, name) {
  await mkdir(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Serves dist/ (or `dist`) under BASE_PATH, opens it in a fresh headless Chromium page and runs
 * `body({ page, url, problems, server })` (`server`: tests/e2e/harness/server.mjs's, with its test modes).
 * `problems` collects console errors, uncaught page errors and failed or 4xx/5xx requests as strings.
 * On failure a screenshot `NAME-failure.png` is written to tests/e2e/out/ before the error is rethrown.
 */
export async function withPage(name, body, { dist = DIST_DIR } = {}) {
  const server = await serveDir({ dir: dist, base: BASE_PATH });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(TIMEOUT);
    page.setDefaultNavigationTimeout(30_000);
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()} (${msg.location()?.url || 'no url'})`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => {
      // Cancelled by the page itself (a reload while the worker's files were still coming), not a failure.
      if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
      problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    try {
      await body({ page, url: server.url, problems, server });
    } catch (err) {
      const shot = await screenshot(page, `${name}-failure`).catch(() => null);
      if (shot) err.message += `\n  screenshot: ${shot}`;
      if (problems.length) err.message += `\n  page problems:\n    ${problems.join('\n    ')}`;
      throw err;
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Opens the app under the sub-path and waits until it has mounted (its heading is on the page). */
export async function openApp(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  // The first load compiles the wasm: allow more than one expectation's TIMEOUT on a busy machine.
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * Waits until the page's worker has answered every request (`data-worker-busy` gone from <html>): until then
 * a view may still show the answer to the previous input.
 */
export async function settled(page) {
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-worker-busy'));
}
