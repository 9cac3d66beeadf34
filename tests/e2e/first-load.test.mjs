// The first load: the modules (wasm and JS) the browser fetches before the page marks itself interactive are
// exactly the build's first-load manifest, dist/first-load.json (written by src/build/first-load.mjs, checked
// against the budget by .ci/test), so the manifest cannot leave a module out or list one that is not loaded. And
// the mark means what it says: input typed right after it reaches the page.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { BASE_PATH, DIST_DIR, withPage } from './harness/browser.mjs';

/** The `performance.mark` src/main.rs sets once the page answers input (its INTERACTIVE_MARK). */
const MARK = 'interactive';
const MODULE = /\.(?:wasm|js|mjs)$/;

async function manifest() {
  const path = join(DIST_DIR, 'first-load.json');
  const text = await readFile(path, 'utf8').catch((err) => {
    throw new Error(`no ${path}: the build's post_build hook (Trunk.toml) writes it (${err.message})`);
  });
  return JSON.parse(text);
}

/** The build-relative file a request URL names, or the whole URL when it is outside the served build. */
function fileOf(url) {
  const u = new URL(url);
  return u.pathname.startsWith(BASE_PATH) ? decodeURIComponent(u.pathname.slice(BASE_PATH.length)) : url;
}

test('the modules fetched before the interactive mark are exactly the first-load manifest', async () => {
  const listed = (await manifest()).modules.map((m) => m.file).sort();
  await withPage('first-load', async ({ page, url, problems }) => {
    // Playwright's request events are the browser's network log, a dedicated worker's requests included.
    const requests = [];
    page.on('request', (req) => requests.push(req));
    await page.goto(url, { waitUntil: 'commit' });
    // In wall-clock milliseconds, as Playwright gives the requests' start times (CDP's wallTime).
    const marked = await page.waitForFunction(
      (name) => {
        const [mark] = performance.getEntriesByName(name, 'mark');
        return mark && performance.timeOrigin + mark.startTime;
      },
      MARK,
      { timeout: 30_000 },
    );
    const markedAt = await marked.jsonValue();
    // Let the network settle, so that every request started before the mark has been logged with its start time.
    await page.waitForLoadState('networkidle');

    const modules = requests
      .filter((req) => MODULE.test(new URL(req.url()).pathname))
      .map((req) => ({ file: fileOf(req.url()), start: req.timing().startTime }));
    // Playwright gives a failed request no start time (-1): it cannot be placed before or after the mark.
    const untimed = modules.filter((m) => !(m.start > 0)).map((m) => m.file);
    assert.deepEqual(untimed, [], 'every module request has a start time (none failed)');
    const timeline = modules
      .map(({ file, start }) => `${(start - markedAt).toFixed(1).padStart(9)} ms  ${file}`)
      .join('\n    ');
    const before = [...new Set(modules.filter((m) => m.start < markedAt).map((m) => m.file))].sort();
    assert.deepEqual(
      before,
      listed,
      `the modules fetched before the mark (left) differ from first-load.json's (right); ` +
        `requests relative to the mark:\n    ${timeline}`,
    );
    assert.deepEqual(problems, []);
  });
});

test('the editor is on the page at the interactive mark, and typing right after it changes the hex view', async () => {
  await withPage('first-load-input', async ({ page, url, problems }) => {
    // When the mark is set, the editor and the hex view must be on the page; in the next task (the first that
    // input can come in), one character is typed into the schema editor and the hex view must change (the
    // schema stops parsing, so the encoder's bytes go).
    await page.addInitScript((name) => {
      window.__afterMark = new Promise((done) => {
        const mark = Performance.prototype.mark;
        Performance.prototype.mark = function (markName, ...rest) {
          const entry = mark.call(this, markName, ...rest);
          if (markName === name) {
            const missing = ['#schema-input', '#hex-view'].filter((sel) => !document.querySelector(sel));
            if (missing.length) done({ missing: missing.join(', ') });
            else setTimeout(typeOnce, 0);
          }
          return entry;
        };
        function typeOnce() {
          const area = document.querySelector('#schema-input');
          const hex = document.querySelector('#hex-view');
          const text = area.value;
          const before = hex.innerHTML;
          const typedAt = performance.now();
          const report = () => done({ text, changed: hex.innerHTML !== before, after: performance.now() - typedAt });
          const seen = new MutationObserver(() => {
            if (hex.innerHTML === before) return;
            seen.disconnect();
            report();
          });
          seen.observe(hex, { childList: true, subtree: true, characterData: true, attributes: true });
          setTimeout(() => {
            seen.disconnect();
            report();
          }, 2000);
          area.value += 'x';
          area.dispatchEvent(new Event('input', { bubbles: true }));
        }
      });
    }, MARK);
    await page.goto(url, { waitUntil: 'commit' });
    const result = await page.evaluate(() => window.__afterMark);
    assert.equal(result.missing, undefined, `not on the page when it is marked interactive: ${result.missing}`);
    assert.ok(result.text.length > 0, 'the schema editor holds the schema when the page is marked interactive');
    assert.ok(result.changed, `the hex view changed after typing (waited ${result.after.toFixed(0)} ms)`);
    const marks = await page.evaluate((name) => performance.getEntriesByName(name, 'mark').length, MARK);
    assert.equal(marks, 1, 'the page is marked interactive once');
    assert.deepEqual(problems, []);
  });
});
