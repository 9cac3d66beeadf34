// Reading decoded bytes with another saved version (schema resolution), and finding which saved version wrote
// them: three versions of one record, v1's bytes pasted raw, Confluent-framed and single-object framed.
//
// DOM contract: .version-select (one per version), #add-version, #schema-input; #tab-decode, #bytes-input,
// #decode-status, #decode-error, #decoded-json; #read-as button[data-reader] (version id, "" = as written; aria-pressed),
// #resolution-status, ol#resolution-steps > li (code.path + message), #reader-json, #resolution-error (.where);
// table#writer-fit tr.fit[data-fit=INDEX] (.ok/.warn/.bad; .verdict, .why, button[data-use-version=INDEX],
// button[data-give-id="INDEX:ID"]); .version.current .registry-id.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openApp, screenshot, withPage } from './harness/browser.mjs';

const record = (fields) => JSON.stringify({ type: 'record', name: 'User', namespace: 'com.example', fields }, null, 2);
/** v1: an int id and a name. */
const V1 = record([
  { name: 'id', type: 'int' },
  { name: 'name', type: 'string' },
]);
/** v2: the id widened to long, and an optional email with a default. */
const V2 = record([
  { name: 'id', type: 'long' },
  { name: 'name', type: 'string' },
  { name: 'email', type: ['null', 'string'], default: null },
]);
/** v3: a country without a default; v1's data cannot be read with it. */
const V3 = record([
  { name: 'id', type: 'long' },
  { name: 'name', type: 'string' },
  { name: 'country', type: 'string' },
]);
/** v1's datum {"id": 1, "name": "ab"}: zigzag 1, then length 2 and "ab". */
const V1_BYTES = '02 04 61 62';
/** v2's datum {"id": 1, "name": "ab", "email": null}. */
const V2_BYTES = '02 04 61 62 00';
/** v2's Parsing Canonical Form, written out by hand from the spec's rules. */
const V2_CANONICAL =
  '{"name":"com.example.User","type":"record","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"},{"name":"email","type":["null","string"]}]}';

/** CRC-64-AVRO of `text` (the spec's reference algorithm), as 8 bytes little-endian in hex with spaces. */
function rabinLe(text) {
  const EMPTY = 0xc15d213aa4d7a795n;
  const table = [...Array(256).keys()].map((i) => {
    let fp = BigInt(i);
    for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
    return fp;
  });
  let fp = EMPTY;
  for (const b of new TextEncoder().encode(text)) fp = (fp >> 8n) ^ table[Number((fp ^ BigInt(b)) & 0xffn)];
  return [...Array(8).keys()].map((i) => ((fp >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0')).join(' ');
}

/** Opens the app with versions v1, v2, v3 saved, v1 in the editor, on the bytes → JSON tab. */
async function threeVersions(page, url) {
  await openApp(page, url);
  await page.fill('#schema-input', V1);
  for (const [n, text] of [
    [2, V2],
    [3, V3],
  ]) {
    await page.click('#add-version');
    await page.waitForFunction((n) => document.querySelectorAll('.version-select').length === n, n);
    await page.fill('#schema-input', text);
  }
  await page.locator('.version-select').first().click();
  await page.waitForFunction(() => document.querySelector('#schema-input').value.includes('"int"'));
  await page.click('#tab-decode');
}

/** Pastes `hex` and waits for the decode to show a status or an error. */
async function paste(page, hex) {
  await page.fill('#bytes-input', '');
  await page.waitForFunction(() => !document.querySelector('#decode-status') && !document.querySelector('#decode-error'));
  await page.fill('#bytes-input', hex);
  await page.locator('#decode-status, #decode-error').first().waitFor();
}

/** Picks the version named `name` as the reader schema ("as written" for none) and waits until it is pressed. */
async function readAs(page, name) {
  const button = page.locator('#read-as button[data-reader]', { hasText: new RegExp(`^${name}$`) });
  await button.click();
  await page.locator('#read-as button[data-reader][aria-pressed="true"]', { hasText: new RegExp(`^${name}$`) }).waitFor();
}

/** Each row of the "which version" table: `{ name, cls, verdict, why, use }`. */
function fitRows(page) {
  return page.locator('#writer-fit tr.fit').evaluateAll((rows) =>
    rows.map((r) => ({
      name: r.querySelector('th').textContent.trim(),
      cls: r.className,
      verdict: r.querySelector('.verdict').textContent.trim(),
      why: r.querySelector('.why').textContent.trim(),
      use: Boolean(r.querySelector('button[data-use-version]')),
    })),
  );
}

test('read as a newer version: the promotion and the default are steps, the datum is the reader\'s', async () => {
  await withPage('resolve-read-as', async ({ page, url, problems }) => {
    await threeVersions(page, url);
    await paste(page, V1_BYTES);
    assert.deepEqual(JSON.parse(await page.locator('#decoded-json').textContent()), { id: 1, name: 'ab' });
    assert.match(await page.locator('.read-as-bar').textContent(), /written with v1, the schema in the editor/);
    assert.equal(await page.locator('#resolution-status').count(), 0, 'nothing is resolved until a reader is picked');

    await readAs(page, 'v2');
    await page.locator('#resolution-status').waitFor();
    assert.equal((await page.locator('#resolution-status').textContent()).trim(), 'Read as v2: 2 steps.');
    const steps = (await page.locator('#resolution-steps li').allTextContents()).map((s) => s.trim());
    assert.equal(steps.length, 2, steps.join('\n'));
    assert.match(steps[0], /^\/id int promoted to long$/);
    assert.match(steps[1], /^\/email field `email` is not in the writer's schema: its default null is used$/);
    assert.deepEqual(JSON.parse(await page.locator('#reader-json').textContent()), { id: 1, name: 'ab', email: null });
    // The reader JSON is pretty-printed, one field a line.
    assert.ok((await page.locator('#reader-json').textContent()).split('\n').length >= 5);
    await screenshot(page, 'resolve-read-as');

    await readAs(page, 'v3');
    const error = page.locator('#resolution-error');
    await error.waitFor();
    assert.equal((await error.locator('.where').textContent()).trim(), '/country');
    assert.match(await error.textContent(), /v3 cannot read this datum: reader field `country` is not in the writer's record com\.example\.User and has no default/);
    assert.equal(await page.locator('#reader-json').count(), 0, 'no reader datum when resolution fails');
    await screenshot(page, 'resolve-read-as-error');

    // Back to "as written": nothing resolved.
    await readAs(page, 'as written');
    await page.waitForFunction(() => !document.querySelector('#resolution-error'));
    assert.deepEqual(problems, []);
  });
});

test('which version wrote the bytes: v1 fits, the others break off at the byte and field they need', async () => {
  await withPage('resolve-which-version', async ({ page, url, problems }) => {
    await threeVersions(page, url);
    await paste(page, V1_BYTES);
    const rows = await fitRows(page);
    assert.deepEqual(
      rows.map((r) => [r.name, r.cls, r.verdict]),
      [
        ['v1', 'fit ok', 'fits'],
        ['v2', 'fit bad', 'does not fit'],
        ['v3', 'fit bad', 'does not fit'],
      ],
    );
    assert.equal(rows[0].why, 'reads all 4 bytes');
    assert.match(rows[1].why, /^at byte 4 \(\/email\): /, rows[1].why);
    assert.match(rows[2].why, /^at byte 4 \(\/country\): /, rows[2].why);
    assert.deepEqual(rows.map((r) => r.use), [false, true, true], 'the version in the editor has no button');
    assert.match(await page.locator('.writer-fit').textContent(), /No header names the writer/);

    // v2's bytes: v1 reads a whole datum and leaves the email's byte; v2 fits, and so does v3 (its country
    // reads the null's 00 as an empty string): the bytes alone cannot tell v2 from v3.
    await paste(page, V2_BYTES);
    const v2 = await fitRows(page);
    assert.deepEqual(v2.map((r) => r.verdict), ['fits, bytes left', 'fits', 'fits']);
    assert.equal(v2[0].why, 'a whole datum, then 1 byte it does not explain (from byte 4)');
    assert.match(await page.locator('.writer-fit').textContent(), /Several versions read these bytes exactly/);

    // Confluent: the id is the registry's, so the versions are tried one by one after the 5-byte header.
    await paste(page, `00 00 00 00 07 ${V1_BYTES}`);
    assert.match(await page.locator('.writer-fit').textContent(), /Schema id 7 is the registry's/);
    const confluent = await fitRows(page);
    assert.deepEqual(confluent.map((r) => r.verdict), ['fits', 'does not fit', 'does not fit']);
    assert.match(confluent[1].why, /^at byte 9 \(\/email\)/, 'offsets count from the message start');
    assert.deepEqual(problems, []);
  });
});

test('Confluent bytes: the version given the header\'s registry id is marked; a fitting row offers the id', async () => {
  await withPage('resolve-registry-id', async ({ page, url, problems }) => {
    await threeVersions(page, url);
    // v2's bytes under schema id 12: v2 and v3 both read them, so the bytes alone cannot tell.
    await paste(page, `00 00 00 00 0c ${V2_BYTES}`);
    assert.match(await page.locator('.writer-fit').textContent(), /give the writer its registry id in the version bar/);
    const offers = page.locator('#writer-fit button[data-give-id]');
    assert.deepEqual(await offers.evaluateAll((bs) => bs.map((b) => b.dataset.giveId)), ['1:12', '2:12'], 'only fitting rows offer the id');
    assert.equal((await offers.first().textContent()).trim(), 'is id 12');

    // One click gives v2 the id: its row is marked, the offers go away.
    await offers.first().click();
    await page.locator('#writer-fit tr.fit.match').waitFor();
    const rows = await fitRows(page);
    assert.deepEqual(rows.map((r) => r.verdict), ['fits, bytes left', 'fits · registry id ✓', 'fits']);
    assert.equal(rows[1].cls, 'fit ok match');
    assert.equal(await offers.count(), 0);
    assert.doesNotMatch(await page.locator('.writer-fit').textContent(), /Several versions/);

    // The id is v2's in the version bar, and survives a reload.
    await page.click('#writer-fit button[data-use-version="1"]');
    await page.waitForFunction(() => document.querySelector('.version.current .registry-id')?.value === '12');
    await page.reload();
    await page.locator('.version.current .registry-id').waitFor();
    assert.equal(await page.inputValue('.version.current .registry-id'), '12');

    // Typed by hand: v1 is id 7, and bytes naming id 7 mark v1.
    await page.locator('.version-select').first().click();
    await page.waitForFunction(() => document.querySelector('#schema-input').value.includes('"int"'));
    await page.fill('.version.current .registry-id', '7');
    await page.press('.version.current .registry-id', 'Enter');
    await page.click('#tab-decode');
    await paste(page, `00 00 00 00 07 ${V1_BYTES}`);
    const seven = await fitRows(page);
    assert.deepEqual(seven.map((r) => r.verdict), ['fits · registry id ✓', 'does not fit', 'does not fit']);
    await screenshot(page, 'resolve-registry-id');
    assert.deepEqual(problems, []);
  });
});

test('single-object bytes: the version with the header\'s fingerprint is marked, and one click puts it in the editor', async () => {
  await withPage('resolve-fingerprint', async ({ page, url, problems }) => {
    await threeVersions(page, url);
    // v2's single-object bytes while v1 is in the editor: the header's fingerprint is not v1's.
    await paste(page, `c3 01 ${rabinLe(V2_CANONICAL)} ${V2_BYTES}`);
    assert.match(await page.locator('#decode-error').textContent(), /fingerprint/);
    const rows = await fitRows(page);
    // v3 reads the bytes too; only the fingerprint tells v2 wrote them.
    assert.deepEqual(rows.map((r) => r.verdict), ['fits, bytes left', 'fits · fingerprint ✓', 'fits']);
    assert.doesNotMatch(await page.locator('.writer-fit').textContent(), /Several versions/);
    assert.equal(rows[1].why, 'reads all 15 bytes');
    assert.equal(rows[1].cls, 'fit ok match', "the fingerprint's row is marked");
    await screenshot(page, 'resolve-fingerprint');

    await page.click('#writer-fit button[data-use-version="1"]');
    await page.waitForFunction(() => document.querySelector('#schema-input').value.includes('"email"'));
    assert.equal((await page.locator('.version.current .version-select').textContent()).trim(), 'v2');
    await page.locator('#decode-status', { hasText: 'matches the schema' }).waitFor();
    assert.deepEqual(JSON.parse(await page.locator('#decoded-json').textContent()), { id: 1, name: 'ab', email: null });
    const after = await fitRows(page);
    assert.deepEqual(after.map((r) => r.use), [true, false, true], 'v2 is now the one in the editor');

    // A fingerprint no saved version has.
    await paste(page, `c3 01 00 00 00 00 00 00 00 00 ${V2_BYTES}`);
    assert.match(await page.locator('.writer-fit').textContent(), /No saved version has the header's fingerprint/);
    assert.deepEqual(problems, []);
  });
});
