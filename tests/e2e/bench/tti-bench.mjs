// Time to interactive: from navigation until a character typed into the schema editor changes the hex view.
// The page is loaded into a fresh browser context each time (an empty cache), throttled as DevTools' "Fast 4G"
// (1,012,500 B/s down, 168,750 B/s up, 165 ms latency) with the CPU 4× slower, and unthrottled; the
// character is typed the moment the editor exists, and the time is when the hex view's DOM changes.
// Reported next to the same measurement of a baseline build (BENCH_BASELINE_DIST, e.g. the dist/ of the commit
// before a change) in the same run, when given.
//
//   node tests/e2e/bench/tti-bench.mjs [--runs N] [--out FILE]      (E2E_DIST names the built site)
// `.ci/bench tti` runs it. Results: tests/e2e/out/tti-bench.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { BASE_PATH, CHROMIUM, DIST_DIR, OUT_DIR } from '../harness/browser.mjs';
import { serveDir } from '../harness/server.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const RUNS = Number(opt('runs', process.env.BENCH_RUNS ?? '7'));
const OUT = resolve(opt('out', join(OUT_DIR, 'tti-bench.json')));
const FAST_4G = { offline: false, latency: 165, downloadThroughput: 1_012_500, uploadThroughput: 168_750 };

/** Milliseconds from navigation until a character typed in the schema editor has changed the hex view. */
async function once(browser, url, throttled) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', FAST_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    }
    // Installed before the page's scripts: waits for the editor, types at once, and notes when the hex view
    // changes (relative to the navigation's start, performance.timeOrigin).
    await page.addInitScript(() => {
      window.__tti = new Promise((done) => {
        const typeWhenReady = () => {
          const area = document.querySelector('#schema-input');
          const hex = document.querySelector('#hex-view');
          if (!area || !hex || !area.value) return false;
          const seen = new MutationObserver(() => {
            seen.disconnect();
            done(performance.now());
          });
          seen.observe(hex, { childList: true, subtree: true, characterData: true, attributes: true });
          // One character that changes the bytes: the schema stops parsing, so the hex view empties.
          area.value += 'x';
          area.dispatchEvent(new Event('input', { bubbles: true }));
          return true;
        };
        const watch = new MutationObserver(() => {
          if (typeWhenReady()) watch.disconnect();
        });
        document.addEventListener('DOMContentLoaded', () => {
          if (!typeWhenReady()) watch.observe(document.body, { childList: true, subtree: true });
        });
      });
    });
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    return await page.evaluate(() => window.__tti);
  } finally {
    await context.close();
  }
}

const fix = (x) => Number(x.toFixed(0));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The median and every run, throttled and not, for the site in `dir`. */
async function measure(browser, dir) {
  const server = await serveDir({ dir, base: BASE_PATH });
  try {
    const result = {};
    for (const [name, throttled] of [
      ['fast_4g_cpu_4x', true],
      ['unthrottled', false],
    ]) {
      const runs = [];
      for (let r = 0; r < RUNS; r++) runs.push(await once(browser, server.url, throttled));
      result[name] = { median_ms: fix(median(runs)), runs_ms: runs.map(fix) };
    }
    return result;
  } finally {
    await server.close();
  }
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  const result = {
    what: 'from navigation to the hex view changed by a character typed into the schema editor as soon as it exists; empty cache; gzip served',
    target: 'at most 1200 ms throttled (Fast 4G, CPU 4x)',
    site: await measure(browser, DIST_DIR),
  };
  if (process.env.BENCH_BASELINE_DIST) {
    result.baseline = await measure(browser, resolve(process.env.BENCH_BASELINE_DIST));
  }
  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
}
