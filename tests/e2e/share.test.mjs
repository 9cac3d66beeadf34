// Share links (src/share.rs, packed by the worker): the link holds the whole workspace and opens it in a fresh
// browser; opening one over local work asks first and keeps the replaced work to restore; a damaged, hostile,
// newer or oversized link gets a clear message and changes nothing; a long link says so.
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { test } from 'node:test';
import { join } from 'node:path';
import { OUT_DIR, openApp, screenshot, settled, withPage } from './harness/browser.mjs';

const SCHEMA = '{"type": "record", "name": "Shared", "fields": [{"name": "n", "type": "int"}]}';

/** The fragment of a link holding `doc` (a saved document), as the page packs it. */
const fragment = (doc) => `w1.${deflateRawSync(Buffer.from(JSON.stringify(doc))).toString('base64url')}`;

/** A saved document (format 3) with these versions and datum. */
const documentOf = (versions, datum) => ({
  format: 3,
  versions: versions.map(([name, text]) => ({ name, text, registry_id: '' })),
  current: versions.length - 1,
  datum,
  bytes: '',
  choices: { out_frame: 'raw', out_codec: 'null', confluent_id: '', input_format: 'auto', frame: 'auto' },
  open: { mode: 'encode', cell: null, diff: null, reader: null, message: 0, candidate: null },
});

/** Makes a link of the workspace with the Share button and returns it. */
async function share(page) {
  await page.click('[data-share="share"]');
  await page.locator('#share-link').waitFor({ timeout: 30_000 });
  return page.inputValue('#share-link');
}

/** Opens `url` in a fresh browser context (its own storage) and returns the page. */
async function fresh(browserPage, url) {
  const context = await browserPage.context().browser().newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await openApp(page, url);
  return page;
}

test('a link holds the whole workspace and opens it in a fresh browser, then leaves the address', async () => {
  await withPage('share-round-trip', async ({ page, url, problems }) => {
    await openApp(page, url);
    await page.fill('#schema-input', SCHEMA);
    await page.click('#add-version');
    await page.fill('#datum-input', '{"n": 7}');
    await page.selectOption('#out-frame', 'confluent');
    await page.fill('#confluent-id', '12');
    await page.click('#tab-decode');
    await page.fill('#bytes-input', '00 00 00 00 0c 0e');
    await settled(page);
    const link = await share(page);
    assert.ok(link.startsWith(url) && link.includes('#w1.'), link);
    assert.match(await page.locator('#share-status').textContent(), /Link copied \(\d+ characters\)/);
    await screenshot(page, 'share-link');
    // The README's picture of sharing.
    await page.locator('header.top').screenshot({ path: join(OUT_DIR, 'share-header.png') });

    const other = await fresh(page, link);
    // Over the untouched example it opens at once (the page reloads with it).
    await other.locator('#share-opened').waitFor({ timeout: 30_000 });
    assert.equal(await other.locator('.version').count(), 2);
    assert.equal(await other.inputValue('#schema-input'), SCHEMA);
    assert.equal(await other.inputValue('#bytes-input'), '00 00 00 00 0c 0e');
    assert.equal(await other.getAttribute('#tab-decode', 'aria-selected'), 'true');
    await other.click('#tab-encode');
    assert.equal(await other.inputValue('#datum-input'), '{"n": 7}');
    assert.equal(await other.inputValue('#out-frame'), 'confluent');
    assert.equal(await other.inputValue('#confluent-id'), '12');
    assert.equal(new URL(other.url()).hash, '', 'the fragment is dropped once taken');
    await other.context().close();
    assert.deepEqual(problems, []);
  });
});

test('opening a link over local work asks first, and the replaced work comes back in one click', async () => {
  await withPage('share-ask', async ({ page, url, problems }) => {
    await openApp(page, url);
    await page.fill('#schema-input', SCHEMA);
    await page.waitForTimeout(600); // the autosave
    // A query makes each visit a new load (a change of the fragment alone is not).
    const link = `${url}?visit=1#${fragment(documentOf([['shared', '"string"']], '"hello"'))}`;
    await page.goto(link);
    await page.locator('#share-offer').waitFor({ timeout: 30_000 });
    assert.equal(await page.inputValue('#schema-input'), SCHEMA, 'nothing replaced before the answer');
    await screenshot(page, 'share-ask');
    await page.click('[data-share="open"]');
    await page.locator('#share-opened').waitFor({ timeout: 30_000 });
    assert.equal(await page.inputValue('#schema-input'), '"string"');
    await page.click('[data-share="restore"]');
    await page.locator('#share-opened', { hasText: 'Your previous workspace is back.' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.inputValue('#schema-input'), SCHEMA);
    // "keep mine" leaves it, and drops the fragment.
    await page.goto(link.replace('visit=1', 'visit=2'));
    await page.locator('#share-offer').waitFor({ timeout: 30_000 });
    await page.click('[data-share="keep"]');
    assert.equal(await page.inputValue('#schema-input'), SCHEMA);
    assert.equal(new URL(page.url()).hash, '');
    assert.deepEqual(problems, []);
  });
});

test('a truncated, hostile, newer or oversized link gets a clear message and changes nothing', async () => {
  await withPage('share-bad', async ({ page, url, problems }) => {
    await openApp(page, url);
    await page.fill('#schema-input', SCHEMA);
    await page.waitForTimeout(600);
    const markup = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const hostile = documentOf([[markup, `{"type": "record", "name": "R", "doc": ${JSON.stringify(markup)}, "fields": []}`]], markup);
    const good = fragment(documentOf([['v1', '"int"']], '1'));
    const cases = [
      ['truncated', good.slice(0, good.length - 9), /damaged or cut short|damaged \(/],
      ['newer format', `w2.${good.slice(3)}`, /made by a newer version of the page/],
      ['not a document', fragment({ format: 99, versions: [] }), /cannot be read: saved in format 99/],
      // 20 MB of zeros: a few KB of link that would unpack past the cap.
      ['a decompression bomb', `w1.${deflateRawSync(Buffer.alloc(20 << 20)).toString('base64url')}`, /more than 16 MB/],
    ];
    for (const [i, [what, frag, message]] of cases.entries()) {
      await page.goto(`${url}?visit=${i}#${frag}`);
      const error = page.locator('#share-error');
      await error.waitFor({ timeout: 30_000 });
      assert.match(await error.textContent(), message, what);
      assert.match(await error.textContent(), /Your workspace is unchanged/, what);
      assert.equal(await page.inputValue('#schema-input'), SCHEMA, what);
      assert.equal(new URL(page.url()).hash, '', `${what}: the fragment is dropped`);
    }
    // Markup in every string stays text: opened over local work after asking, nothing runs.
    await page.goto(`${url}?visit=hostile#${fragment(hostile)}`);
    await page.locator('#share-offer').waitFor({ timeout: 30_000 });
    await page.click('[data-share="open"]');
    await page.locator('#share-opened').waitFor({ timeout: 30_000 });
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('.version-select').first().textContent(), markup);
    await screenshot(page, 'share-bad');
    assert.deepEqual(problems, []);
  });
});

test('a link over 8 KB says so and offers the workspace as a file', async () => {
  await withPage('share-long', async ({ page, url, problems }) => {
    await openApp(page, url);
    // Varied text compresses poorly: a doc of 12 KB of digits.
    const digits = Array.from({ length: 3000 }, (_, i) => String((i * 7919) % 10007)).join(' ');
    await page.fill('#schema-input', JSON.stringify({ type: 'record', name: 'Long', doc: digits, fields: [] }));
    const link = await share(page);
    assert.ok(link.length > 8192, `${link.length} characters`);
    const long = page.locator('#share-long');
    await long.waitFor();
    assert.match(await long.textContent(), /Over 8 KB: too long for many chat tools/);
    const [download] = await Promise.all([page.waitForEvent('download'), long.locator('[data-share="save"]').click()]);
    assert.equal(download.suggestedFilename(), 'workspace.avro-playground.json');
    assert.deepEqual(problems, []);
  });
});

test('the workspace saved as a file opens in a fresh browser; a file that is no workspace changes nothing', async () => {
  await withPage('share-file', async ({ page, url, problems }) => {
    await openApp(page, url);
    await page.fill('#schema-input', SCHEMA);
    await page.click('#add-version');
    await page.fill('#datum-input', '{"n": 9}');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-share="save"]')]);
    const path = join(OUT_DIR, 'workspace.avro-playground.json');
    await download.saveAs(path);

    const other = await fresh(page, url);
    await other.setInputFiles('#open-workspace', path);
    await other.locator('#share-opened', { hasText: 'workspace file' }).waitFor({ timeout: 30_000 });
    assert.equal(await other.locator('.version').count(), 2);
    assert.equal(await other.inputValue('#schema-input'), SCHEMA);
    assert.equal(await other.inputValue('#datum-input'), '{"n": 9}');
    // Not a workspace: a message, and the workspace stays.
    await other.setInputFiles('#open-workspace', { name: 'r.avsc', mimeType: 'application/json', buffer: Buffer.from('{"type": "int"}') });
    const error = other.locator('#share-error');
    await error.waitFor({ timeout: 30_000 });
    assert.match(await error.textContent(), /The workspace file could not be opened: it is not a workspace this page reads/);
    assert.equal(await other.inputValue('#schema-input'), SCHEMA);
    await other.context().close();
    assert.deepEqual(problems, []);
  });
});
