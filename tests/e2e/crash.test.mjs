// A page that survives its own bugs (src/crash.rs, src/crash.js). With the test build of the site (the
// `crash-test` feature: a schema holding "__panic__" panics while it is parsed) a panic shows the banner, its
// bug report reaches the clipboard, and the reload comes back in safe mode: the saved work without the input
// that crashed, which is offered back. A saved workspace that crashes the page while loading is put aside,
// the page starts from the example, and the workspace is offered back: never a lock-out.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { CRASH_DIST_DIR, openApp, screenshot, withPage } from './harness/browser.mjs';

const SAVED_KEY = 'avro-playground/workspace/v3';
const KEPT_KEY = 'avro-playground/safe-mode-copy/v3';
const BEFORE = '{"type": "record", "name": "Before", "fields": [{"name": "id", "type": "long"}]}';
const CRASHING = '{"type": "record", "name": "Boom", "doc": "__panic__", "fields": []}';
// Without E2E_CRASH_DIST (which .ci/test sets), the crash tests run only if dist-crash/ has been built.
const crashBuild = {
  skip:
    !process.env.E2E_CRASH_DIST && !existsSync(CRASH_DIST_DIR)
      ? `no ${CRASH_DIST_DIR}: build it with trunk build --release --public-url ./ --features crash-test --dist dist-crash`
      : false,
};

const storage = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);

/** The crash banner, once it shows. */
async function banner(page) {
  const shown = page.locator('#crash-banner');
  await shown.waitFor({ state: 'visible' });
  assert.equal(await shown.getAttribute('role'), 'alert');
  assert.equal((await shown.locator('.crash-title').textContent()).trim(), 'Something broke. Your work is saved.');
  return shown;
}

/** Reloads from the banner's button and waits for the app. */
async function reloadFromBanner(page) {
  await Promise.all([page.waitForEvent('load'), page.locator('#crash-banner button', { hasText: 'Reload' }).click()]);
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** The wasm's traps after a panic are expected; anything else is a problem. */
const unexpected = (problems) =>
  problems.filter((p) => !/^page error: unreachable|crash test: the input holds/.test(p));

test('edits leave no record once processed, and the page leaves no load marker', async () => {
  await withPage('crash-normal', async ({ page, url, problems }) => {
    await openApp(page, url);
    await page.waitForFunction(() => localStorage.getItem('avro-playground/loading') === null);
    await page.fill('#schema-input', BEFORE);
    await page.locator('#schema-ok').waitFor();
    await page.waitForFunction(() => localStorage.getItem('avro-playground/pending') === null);
    assert.equal(await page.locator('#safe-mode').count(), 0);
    assert.equal(await storage(page, 'avro-playground/crash'), null);
    // Without the crash-test feature the trigger is an ordinary schema.
    await page.fill('#schema-input', CRASHING);
    await page.locator('#schema-ok').waitFor();
    assert.equal(await page.locator('#crash-banner').count(), 0);
    assert.deepEqual(problems, []);
  });
});

test('safe mode puts the datum or the pasted bytes back in their tab, as typed', async () => {
  await withPage('crash-put-back', async ({ page, url, problems }) => {
    await openApp(page, url);
    // What a crash while processing each input leaves (the crash itself needs the test build).
    const crashWhile = (edit) =>
      page.evaluate((pending) => {
        localStorage.setItem('avro-playground/crash', JSON.stringify({ time: 1, message: 'boom', edited: true }));
        localStorage.setItem('avro-playground/pending', JSON.stringify(pending));
      }, edit);
    const notice = page.locator('#safe-mode .safe-mode');

    await crashWhile({ input: 'bytes-input', text: '02 06 73 2d 31' });
    await page.reload();
    await notice.waitFor();
    assert.match(await notice.locator('p').textContent(), /while processing the pasted bytes\./);
    assert.equal(await page.getAttribute('#tab-decode', 'aria-selected'), 'false');
    await notice.locator('button', { hasText: 'Try that input again' }).click();
    await page.waitForFunction(() => document.querySelector('#bytes-input')?.value === '02 06 73 2d 31');
    assert.equal(await page.getAttribute('#tab-decode', 'aria-selected'), 'true');
    await page.waitForFunction(() => localStorage.getItem('avro-playground/pending') === null);
    assert.equal(await storage(page, 'avro-playground/crash'), null);

    await crashWhile({ input: 'datum-input', text: '{"user_id": "u-7"}' });
    await page.reload();
    await notice.waitFor();
    assert.match(await notice.locator('p').textContent(), /while processing the datum\./);
    await page.click('#tab-decode');
    await notice.locator('button', { hasText: 'Try that input again' }).click();
    await page.waitForFunction(() => document.querySelector('#datum-input')?.value === '{"user_id": "u-7"}');
    await page.locator('#datum-error').waitFor();
    assert.equal(await page.locator('#safe-mode').count(), 0);
    assert.deepEqual(problems, []);
  });
});

test('a panic shows the banner and a bug report; the reload is in safe mode, which offers the input back', crashBuild, async () => {
  await withPage(
    'crash-edit',
    async ({ page, url, problems }) => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
      await openApp(page, url);
      await page.fill('#schema-input', BEFORE);
      await page.locator('#schema-ok').waitFor();
      // The autosave has written the schema before the crash.
      await page.waitForFunction((key) => localStorage.getItem(key)?.includes('Before'), SAVED_KEY);

      await page.fill('#schema-input', CRASHING);
      const shown = await banner(page);
      const message = await shown.locator('.crash-message').textContent();
      assert.match(message, /^panicked at src[\\/]crash\.rs:\d+:\d+:\ncrash test: the input holds "__panic__"$/);
      await screenshot(page, 'crash-banner');
      // The page behind the banner is dead: inert, so that nothing calls into the aborted wasm.
      assert.equal(await page.locator('header.top').evaluate((e) => e.inert), true);
      // The saved work is the one before the crash.
      assert.match(await storage(page, SAVED_KEY), /Before/);
      assert.doesNotMatch(await storage(page, SAVED_KEY), /__panic__/);

      await shown.locator('button', { hasText: 'Copy bug report' }).click();
      await shown.locator('.crash-said', { hasText: 'Copied.' }).waitFor();
      const report = await page.evaluate(() => navigator.clipboard.readText());
      assert.ok(report.includes(message), report);
      assert.ok(report.includes(`Input being processed: schema-input (v1)\n${CRASHING}`), report);
      assert.match(report, /^Browser: Mozilla\/5\.0 .*Chrome\//m);
      assert.ok(report.includes(`Page: ${url}\n`), report);

      // Safe mode: the saved schema, and the crashing one offered back.
      await reloadFromBanner(page);
      const notice = page.locator('#safe-mode .safe-mode');
      await notice.waitFor();
      assert.equal(
        (await notice.locator('p').textContent()).trim(),
        'Safe mode: the page crashed while processing the schema (v1). Your saved work is loaded without it.',
      );
      await page.locator('#schema-ok').waitFor();
      assert.equal(await page.inputValue('#schema-input'), BEFORE);
      assert.equal(await page.locator('#crash-banner').count(), 0);
      await screenshot(page, 'crash-safe-mode');

      // Trying it again crashes again, and the next reload is in safe mode again.
      await notice.locator('button', { hasText: 'Try that input again' }).click();
      await banner(page);
      await reloadFromBanner(page);
      await notice.waitFor();
      assert.equal(await page.inputValue('#schema-input'), BEFORE);

      // Discarding it ends safe mode: the next load is an ordinary one.
      await notice.locator('button', { hasText: 'Discard it' }).click();
      assert.equal(await page.locator('#safe-mode').count(), 0);
      assert.equal(await storage(page, 'avro-playground/crash'), null);
      assert.equal(await storage(page, 'avro-playground/pending'), null);
      await page.reload();
      await page.locator('#schema-ok').waitFor();
      assert.equal(await page.locator('#safe-mode').count(), 0);
      assert.equal(await page.inputValue('#schema-input'), BEFORE);
      assert.deepEqual(unexpected(problems), []);
    },
    { dist: CRASH_DIST_DIR },
  );
});

test('a saved workspace that crashes the page while loading is kept, and the page starts from the example', crashBuild, async () => {
  await withPage(
    'crash-load',
    async ({ page, url, problems }) => {
      await openApp(page, url);
      const crashing = JSON.stringify({
        versions: [{ name: 'v1', text: CRASHING, registry_id: '' }],
        current: 0,
        datum: '{}',
      });
      await page.evaluate(([key, saved]) => {
        localStorage.clear();
        localStorage.setItem(key, saved);
      }, [SAVED_KEY, crashing]);
      await page.reload();
      await banner(page);
      await screenshot(page, 'crash-banner-load');

      // Safe mode: the example, with the saved workspace kept aside and offered back.
      await reloadFromBanner(page);
      const notice = page.locator('#safe-mode .safe-mode');
      await notice.waitFor();
      assert.equal(
        (await notice.locator('p').textContent()).trim(),
        'Safe mode: the page crashed while loading your saved workspace, so it started with the example. ' +
          'Your saved workspace is kept.',
      );
      await page.locator('#schema-ok').waitFor();
      assert.match(await page.inputValue('#schema-input'), /"name": "UserEvent"/);
      assert.equal(await storage(page, KEPT_KEY), crashing);
      // Nothing is saved in its place before the user chooses (the autosave writes only after an edit).
      assert.equal(await storage(page, SAVED_KEY), null);
      await screenshot(page, 'crash-safe-mode-load');

      // Loading it back crashes again, and the reload is in safe mode again: never a lock-out.
      await Promise.all([
        page.waitForEvent('load'),
        notice.locator('button', { hasText: 'Load my saved workspace' }).click(),
      ]);
      await banner(page);
      await reloadFromBanner(page);
      await notice.waitFor();
      assert.match(await notice.locator('p').textContent(), /crashed while loading your saved workspace/);
      await page.locator('#schema-ok').waitFor();
      assert.match(await page.inputValue('#schema-input'), /"name": "UserEvent"/);
      assert.equal(await storage(page, KEPT_KEY), crashing);

      // Not now: the notice goes; the workspace stays kept and is offered on the next load.
      await notice.locator('button', { hasText: 'Not now' }).click();
      assert.equal(await page.locator('#safe-mode').count(), 0);
      await page.reload();
      await notice.waitFor();
      assert.equal(await storage(page, KEPT_KEY), crashing);
      assert.deepEqual(unexpected(problems), []);
    },
    { dist: CRASH_DIST_DIR },
  );
});
