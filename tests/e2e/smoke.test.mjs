// The built site loads under a sub-path and the app mounts, with no console errors and no failed requests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_PATH, openApp, screenshot, withPage } from './harness/browser.mjs';

test('page loads under a sub-path and shows the heading with no console errors', async () => {
  await withPage('smoke', async ({ page, url, problems }) => {
    const requested = [];
    page.on('request', (req) => requested.push(new URL(req.url())));
    await openApp(page, url);
    assert.equal(await page.title(), 'Avro Playground');
    assert.equal((await page.locator('h1').first().textContent()).trim(), 'Avro Playground');
    // Give late module loads and effects a moment to report errors.
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, []);
    const outside = requested.filter((u) => u.protocol.startsWith('http') && !u.pathname.startsWith(BASE_PATH));
    assert.deepEqual(outside.map(String), [], 'every asset is fetched from under the sub-path');
    await screenshot(page, 'smoke');
  });
});

test('the wasm and scripts are served gzipped, as static hosts serve them', async () => {
  await withPage('smoke-gzip', async ({ page, url, problems }) => {
    const encodings = new Map();
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname;
      if (/\.(wasm|js)$/.test(path)) encodings.set(path.split('/').pop(), res.headers()['content-encoding']);
    });
    await openApp(page, url);
    await page.waitForLoadState('networkidle');
    assert.ok([...encodings.keys()].some((f) => f.endsWith('.wasm')), `a wasm was loaded: ${[...encodings.keys()]}`);
    for (const [file, encoding] of encodings) assert.equal(encoding, 'gzip', `${file} is gzipped`);
    assert.deepEqual(problems, []);
  });
});
