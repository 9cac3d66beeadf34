// The on-demand worker (src/worker/): what the first load leaves out (container files and their codecs, pastes,
// the diff, the scenario gallery) arrives after the interactive mark; while it loads the page says so without
// shifting the layout, a worker that does not load gets a message and a retry, one of another build asks for a
// reload, and once loaded the page keeps working with the network gone. The test server's modes (hold, refuse,
// stop) act on every request, the worker's included.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CRASH_DIST_DIR, DIST_DIR, openApp, screenshot, settled, withPage } from './harness/browser.mjs';

const WORKER = /^avro-playground-worker/;
const WORKER_WASM = 'avro-playground-worker_bg.wasm';

/** Waits for the scenario gallery, which the worker sends: the worker has loaded and answers. */
async function workerReady(page) {
  await page.locator('#scenarios li.scenario').first().waitFor({ timeout: 30_000 });
}

/** Pastes hex into the decoder and waits for the worker's answer. */
async function decodeHex(page, hex) {
  await page.click('#tab-decode');
  await page.fill('#bytes-input', hex);
  await settled(page);
}

/** Writes the example datum as a container file with `codec` and returns its hex. */
async function containerHex(page, codec) {
  await page.click('#tab-encode');
  await page.selectOption('#out-frame', 'ocf');
  await page.selectOption('#out-codec', codec);
  const codecHex = [...new TextEncoder().encode(codec)].map((b) => b.toString(16).padStart(2, '0')).join('');
  await page.waitForFunction(
    (codecHex) => {
      const out = document.querySelector('#bytes-output')?.value ?? '';
      return out.startsWith('4f626a01') && out.includes(codecHex);
    },
    codecHex,
    { timeout: 30_000 },
  );
  return page.inputValue('#bytes-output');
}

test('the worker is fetched only after the interactive mark, without being asked', async () => {
  await withPage('worker-prefetch', async ({ page, url, problems }) => {
    const requests = [];
    page.on('request', (req) => requests.push({ url: req.url(), at: Date.now() }));
    await openApp(page, url);
    await workerReady(page);
    const marked = await page.evaluate(() => {
      const [mark] = performance.getEntriesByName('interactive', 'mark');
      return mark && performance.timeOrigin + mark.startTime;
    });
    assert.ok(marked, 'the page set the interactive mark');
    const worker = requests.filter((r) => WORKER.test(new URL(r.url).pathname.split('/').pop()));
    assert.deepEqual(
      worker.map((r) => new URL(r.url).pathname.split('/').pop()).sort(),
      ['avro-playground-worker.js', 'avro-playground-worker_bg.wasm', 'avro-playground-worker_loader.js'],
    );
    for (const r of worker) assert.ok(r.at >= marked - 5, `${r.url} requested after the mark`);
    assert.deepEqual(problems, []);
  });
});

test('while the worker loads, its panels say so without shifting the layout; then they fill in', async (t) => {
  await withPage('worker-loading', async ({ page, url, problems, server }) => {
    server.hold(WORKER_WASM);
    await page.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await openApp(page, url);
    const gallery = page.locator('#scenarios .loading');
    await gallery.waitFor();
    assert.match(await gallery.textContent(), /Loading the scenarios: loading this part of the page/);
    await page.click('#tab-decode');
    await page.fill('#bytes-input', '02 06 66 6f 6f');
    const status = page.locator('.mode-panel .loading');
    await status.waitFor();
    assert.match(await status.textContent(), /Reading the pasted bytes: loading this part of the page/);
    await screenshot(page, 'worker-loading');
    server.release();
    await workerReady(page);
    await settled(page);
    await page.locator('#decode-status').waitFor();
    await page.click('#tab-encode');
    // Layout shift (CLS) of the load and of the parts arriving, input excluded: at most 0.05.
    const cls = await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
    t.diagnostic(`cumulative layout shift: ${cls.toFixed(4)}`);
    assert.ok(cls <= 0.05, `cumulative layout shift ${cls}`);
    assert.deepEqual(problems, []);
  });
});

test('a worker that does not load gets a clear message and a retry that works', async () => {
  await withPage('worker-refused', async ({ page, url, problems, server }) => {
    server.refuse(WORKER_WASM);
    await openApp(page, url);
    const trouble = page.locator('#scenarios .worker-trouble');
    await trouble.waitFor({ timeout: 30_000 });
    assert.match(await trouble.textContent(), /did not load or stopped/);
    await decodeHex(page, '02 06 66 6f 6f');
    const alert = page.locator('.mode-panel .worker-trouble');
    await alert.waitFor();
    assert.match(await alert.textContent(), /Try again/);
    await screenshot(page, 'worker-refused');
    // Nothing typed is lost, and the retry loads it once the file is there.
    assert.equal(await page.inputValue('#bytes-input'), '02 06 66 6f 6f');
    server.allow();
    await alert.locator('button[data-worker="retry"]').click();
    await workerReady(page);
    await settled(page);
    await page.locator('#decode-status').waitFor();
    const failed = problems.filter((p) => !p.includes(WORKER_WASM));
    assert.deepEqual(failed, []);
  });
});

test('once loaded, the page keeps working with the network gone: containers of every codec, pastes, the diff', async () => {
  await withPage('worker-offline', async ({ page, url, problems, server }) => {
    await openApp(page, url);
    await workerReady(page);
    await server.stop();
    try {
      for (const codec of ['deflate', 'bzip2', 'xz', 'zstandard']) {
        const hex = await containerHex(page, codec);
        await decodeHex(page, hex);
        await page.locator('#decode-status', { hasText: `codec ${codec}, 1 block, 1 record` }).waitFor();
      }
      await page.click('#tab-encode');
      await page.click('#add-version');
      await page.locator('#diff-none').waitFor();
      await screenshot(page, 'worker-offline');
    } finally {
      await server.resume();
    }
    assert.deepEqual(problems, []);
  });
});

test('a worker of another build asks for a reload', async () => {
  // The page of dist/ with the worker of dist-crash/, built with another feature: another build id.
  const mixed = await mkdtemp(join(tmpdir(), 'avro-mixed-'));
  try {
    await cp(DIST_DIR, mixed, { recursive: true });
    for (const f of await readdir(CRASH_DIST_DIR)) {
      if (WORKER.test(f)) await cp(join(CRASH_DIST_DIR, f), join(mixed, f));
    }
    await withPage(
      'worker-mismatch',
      async ({ page, url, problems }) => {
        await openApp(page, url);
        const trouble = page.locator('#scenarios .worker-trouble');
        await trouble.waitFor({ timeout: 30_000 });
        assert.match(await trouble.textContent(), /come from different versions of the site/);
        assert.equal(await trouble.locator('button[data-worker="reload"]').textContent(), 'Reload the page');
        await screenshot(page, 'worker-mismatch');
        assert.deepEqual(problems, []);
      },
      { dist: mixed },
    );
  } finally {
    await rm(mixed, { recursive: true, force: true });
  }
});
