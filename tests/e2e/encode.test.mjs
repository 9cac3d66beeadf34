// The encoder's way back, from the datum's JSON text to its bytes: putting the caret in a value (by clicking
// or with the arrow keys) selects that value's bytes in the hex view, its row in the span tree, and fills
// #span-details, as hovering a byte does the other way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openApp, screenshot, withPage } from './harness/browser.mjs';

const SCHEMA = JSON.stringify({
  type: 'record',
  name: 'R',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'tag', type: ['null', 'string'] },
    { name: 'list', type: { type: 'array', items: 'int' } },
  ],
});
// id 300 → 2 bytes (0-1); tag: branch index (2), "héllo" (3-9: length 6, then 6 UTF-8 bytes); list (10-13).
const DATUM = '{"id": 300, "tag": {"string": "héllo"}, "list": [1, 2]}';

/** The offsets of the selected bytes, in order. */
const selectedOffsets = (page) =>
  page.locator('#hex-view .hex-byte.selected').evaluateAll((els) => els.map((e) => Number(e.dataset.offset)));

/** Puts the caret just after the first occurrence of `needle` in the datum text (counted in UTF-16 units). */
async function caretAfter(page, needle) {
  const at = DATUM.indexOf(needle) + needle.length;
  await page.locator('#datum-input').evaluate((el, at) => {
    el.focus();
    el.setSelectionRange(at, at);
  }, at);
  // A real key press moves nothing here but fires keyup, as the arrow keys do.
  await page.keyboard.press('Shift');
}

test('the caret in the datum text selects its value’s bytes, row and details', async () => {
  await withPage('encode-way-back', async ({ page, url, problems }) => {
    await openApp(page, url);
    await page.fill('#schema-input', SCHEMA);
    await page.fill('#datum-input', DATUM);
    await page.waitForFunction(() => document.querySelectorAll('#hex-view span.hex-byte').length === 14);

    // In "héllo" (after a non-ASCII character, so UTF-16 positions must become byte offsets).
    await caretAfter(page, 'hél');
    await page.waitForFunction(() => document.querySelector('#hex-view .hex-byte[data-offset="3"]')?.classList.contains('selected'));
    assert.deepEqual(await selectedOffsets(page), [3, 4, 5, 6, 7, 8, 9]);
    assert.equal(await page.locator('#span-details .span-path').textContent(), '/tag/string');
    assert.equal(await page.locator('#span-tree .span-row.selected').count(), 1);
    assert.match(await page.locator('#span-tree .span-row.selected .span-row-label').textContent(), /string/);
    // The value lights up in the text, as when its bytes are hovered.
    assert.equal(await page.locator('#datum-editor mark.value-mark').textContent(), '"héllo"');

    // On a number: its varint.
    await caretAfter(page, '"id": 3');
    await page.waitForFunction(() => document.querySelector('#hex-view .hex-byte[data-offset="0"]')?.classList.contains('selected'));
    assert.deepEqual(await selectedOffsets(page), [0, 1]);
    assert.equal(await page.locator('#span-details .span-path').textContent(), '/id');

    // An array item.
    await caretAfter(page, '[1, ');
    await page.waitForFunction(() => document.querySelector('#hex-view .hex-byte[data-offset="12"]')?.classList.contains('selected'));
    assert.deepEqual(await selectedOffsets(page), [12]);
    assert.equal(await page.locator('#span-details .span-path').textContent(), '/list/1');

    // A real mouse click in the text works the same way: click at the start of the text selects the record.
    await page.locator('#datum-input').click({ position: { x: 4, y: 4 } });
    await page.waitForFunction(
      () => document.querySelectorAll('#hex-view .hex-byte.selected').length === 14,
    );
    assert.equal(await page.locator('#span-details .span-path').textContent(), '/');

    await screenshot(page, 'encode-way-back');
    assert.deepEqual(problems, []);
  });
});

test('the datum written as a container file: annotated header and block, every codec, read back by the decoder', async () => {
  await withPage('encode-ocf', async ({ page, url, problems }) => {
    await openApp(page, url);
    await page.fill('#schema-input', SCHEMA);
    await page.fill('#datum-input', DATUM);
    await page.waitForFunction(() => document.querySelectorAll('#hex-view span.hex-byte').length === 14);

    await page.selectOption('#out-frame', 'ocf');
    await page.locator('#out-codec').waitFor();
    assert.deepEqual(await page.locator('#out-codec option').allTextContents(), ['null', 'deflate', 'snappy', 'bzip2', 'xz', 'zstandard']);
    assert.equal(await page.locator('#download-bin').textContent(), 'download .avro');

    for (const codec of ['null', 'deflate', 'snappy', 'bzip2', 'xz', 'zstandard']) {
      await page.selectOption('#out-codec', codec);
      // The file starts with the magic `Obj` 01; hovering it explains it as the container's magic.
      await page.waitForFunction(
        (codec) => document.querySelector('#bytes-output')?.value.startsWith('4f626a01') &&
          document.querySelector('#bytes-output').value.includes([...new TextEncoder().encode(codec)].map((b) => b.toString(16).padStart(2, '0')).join('')),
        codec,
      );
      await page.hover('#hex-view .hex-byte[data-offset="0"]');
      await page.locator('#span-details', { hasText: /magic/i }).waitFor();
      // The hex view holds the whole file (a few hundred bytes, all in view): header, one block, sync markers.
      const hex = await page.inputValue('#bytes-output');
      const total = hex.length / 2;
      assert.equal(await page.locator('#hex-view .hex-byte').count(), total, codec);
      assert.match(await page.locator('#datum-size').textContent(), new RegExp(`${total} bytes of Avro binary`));
      assert.match(await page.locator('.size-roles').textContent(), /header/);

      // The decoder reads the file back: one record, the datum.
      await page.click('#tab-decode');
      await page.fill('#bytes-input', hex);
      await page.locator('#decode-status', { hasText: `codec ${codec}` }).waitFor();
      assert.match(await page.locator('#decode-status').textContent(), /1 block, 1 record/);
      const record = JSON.parse(await page.locator('#decoded-records li code').first().textContent());
      assert.deepEqual(record, JSON.parse(DATUM));
      await page.click('#tab-encode');
      await page.locator('#out-codec').waitFor();
    }
    await page.selectOption('#out-codec', 'null');
    await screenshot(page, 'encode-ocf');
    assert.deepEqual(problems, []);
  });
});

test('the encoded datum read as another saved version: the default filled in, or where it fails', async () => {
  await withPage('encode-read-as', async ({ page, url, problems }) => {
    await openApp(page, url);
    await page.fill('#schema-input', SCHEMA);
    await page.fill('#datum-input', DATUM);
    await page.waitForFunction(() => document.querySelectorAll('#hex-view span.hex-byte').length === 14);

    // v2 adds a field with a default, v3 one without; then back to v1, which wrote the datum.
    const withField = (field) => SCHEMA.replace('"fields":[', `"fields":[${field},`);
    await page.click('#add-version');
    await page.fill('#schema-input', withField('{"name":"unit","type":"string","default":"kPa"}'));
    await page.click('#add-version');
    await page.fill('#schema-input', withField('{"name":"site","type":"string"}'));
    await page.click('.version-select >> text=v1');
    await page.waitForFunction(() => document.querySelector('#schema-input').value.indexOf('"unit"') < 0);

    const readAs = page.locator('#read-as');
    await readAs.locator('button[data-reader]', { hasText: 'v2' }).click();
    // Two steps: the default filled in, and the union branch the reader picks for tag.
    await page.locator('#resolution-status', { hasText: 'Read as v2: 2 steps.' }).waitFor();
    const steps = await page.locator('#resolution-steps li').allTextContents();
    assert.match(steps[0], /^\/unit .*default "kPa" is used/);
    assert.match(steps[1], /^\/tag .*branch 1 \(string\)/);
    assert.equal(JSON.parse(await page.locator('#reader-json').textContent()).unit, 'kPa');

    await readAs.locator('button[data-reader]', { hasText: 'v3' }).click();
    await page.locator('#resolution-error').waitFor();
    assert.match(await page.locator('#resolution-error').textContent(), /site/);

    await screenshot(page, 'encode-read-as');
    assert.deepEqual(problems, []);
  });
});

test('a loaded scenario brings a datum that fits its newest version when the one typed does not', async () => {
  await withPage('encode-scenario-datum', async ({ page, url, problems }) => {
    await openApp(page, url);
    await page.click('li[data-scenario="add_field_with_default"] button.load-scenario');
    await page.waitForFunction(() => document.querySelectorAll('.version-select').length === 2);
    // The example datum fits: it encodes, and carries the new field's default.
    await page.locator('#datum-size').waitFor();
    assert.equal(await page.locator('#datum-error').count(), 0);
    assert.equal(JSON.parse(await page.inputValue('#datum-input')).currency, 'EUR');
    assert.ok((await page.locator('#hex-view .hex-byte').count()) > 0);

    // A datum that fits the next scenario's newest version stays as typed.
    const typed = await page.inputValue('#datum-input');
    await page.click('li[data-scenario="add_field_with_default"] button.load-scenario');
    await page.locator('#datum-size').waitFor();
    assert.equal(await page.inputValue('#datum-input'), typed);
    assert.deepEqual(problems, []);
  });
});

test('text from the user is shown as text, never as markup', async () => {
  await withPage('encode-escaping', async ({ page, url, problems }) => {
    await openApp(page, url);
    const markup = '<img src=x onerror="window.__injected=1"><b>bold</b>';
    await page.fill('#schema-input', JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 's', type: 'string' }] }));
    await page.fill('#datum-input', JSON.stringify({ s: markup }));
    await page.waitForFunction(() => document.querySelectorAll('#hex-view span.hex-byte').length > 10);
    // The string's value in the span tree and, hovered, in the details: as typed.
    await page.hover('#hex-view .hex-byte[data-offset="3"]');
    await page.locator('#span-details .span-value').waitFor();
    assert.equal(await page.locator('#span-details .span-value').textContent(), JSON.stringify(markup));
    assert.ok((await page.locator('#span-tree .span-row-value').allTextContents()).includes(JSON.stringify(markup)));
    // A version named with markup.
    await page.fill('.version.current .version-name', markup);
    await page.press('.version.current .version-name', 'Enter');
    await page.waitForFunction((m) => [...document.querySelectorAll('.version-select')].some((b) => b.textContent === m), markup);
    // Nothing was parsed as HTML anywhere on the page.
    assert.equal(await page.locator('main img, main b').count(), 0);
    assert.equal(await page.evaluate(() => window.__injected), undefined);
    assert.deepEqual(problems, []);
  });
});

test('plain JSON as producers log it: each difference from Avro JSON is listed, applying rewrites the text; a tie is an error naming the branches', async () => {
  await withPage('encode-plain-json', async ({ page, url, problems }) => {
    await openApp(page, url);
    await page.fill('#schema-input', SCHEMA);
    // The union value unwrapped, as most producers log it.
    await page.fill('#datum-input', '{"id": 300, "tag": "héllo", "list": [1, 2]}');
    await page.waitForSelector('#conversions li');
    const items = await page.locator('#conversions li').allTextContents();
    assert.equal(items.length, 1, items.join('\n'));
    assert.match(items[0], /union value written without its branch; it fits branch `string`/);
    assert.match(items[0], /\(at \/tag\)/);
    assert.match(items[0], /→ \{"string": ?"héllo"\}/);
    assert.match(await page.locator('#conversions .warning').textContent(), /1 conversion\b/);
    // The bytes are those of the Avro JSON it stands for: 14 of them, branch index 02 at byte 2.
    await page.waitForFunction(() => document.querySelectorAll('#hex-view span.hex-byte').length === 14);
    assert.equal(await page.locator('#hex-view .hex-byte[data-offset="2"]').textContent(), '02');
    await screenshot(page, 'encode-plain-json');

    await page.click('#apply-conversions');
    await page.waitForSelector('#conversions', { state: 'detached' });
    const rewritten = JSON.parse(await page.locator('#datum-input').inputValue());
    assert.deepEqual(rewritten, { id: 300, tag: { string: 'héllo' }, list: [1, 2] });
    assert.equal(await page.locator('#hex-view span.hex-byte').count(), 14);

    // 5 fits int and long equally well: an error that names both, and no bytes from a guess.
    await page.fill('#schema-input', JSON.stringify({ type: 'record', name: 'N', fields: [{ name: 'n', type: ['int', 'long'] }] }));
    await page.fill('#datum-input', '{"n": 5}');
    const error = page.locator('#datum-error');
    await error.waitFor();
    assert.match(await error.textContent(), /fits the union branches int and long equally well; write it as \{"int": …\} or \{"long": …\} to choose/);
    assert.match(await error.textContent(), /\/n/);
    assert.equal(await page.locator('#apply-conversions').count(), 0);
    assert.deepEqual(problems, []);
  });
});

test('a datum Java would refuse is listed, not silently accepted: a default filled in and an unknown key skipped', async () => {
  await withPage('encode-defaults-listed', async ({ page, url, problems }) => {
    await openApp(page, url);
    await page.fill('#schema-input', JSON.stringify({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'unit', type: 'string', default: 'kPa' },
      ],
    }));
    // `unit` left out (Java's JsonDecoder: "Expected field name not found"), `extra` not in the schema.
    await page.fill('#datum-input', '{"id": 1, "extra": true}');
    await page.waitForFunction(() => document.querySelectorAll('#conversions li').length === 2);
    const items = await page.locator('#conversions li').allTextContents();
    assert.ok(items.some((i) => /field `unit` missing: its default "kPa" was filled in/.test(i)), items.join('\n'));
    assert.ok(items.some((i) => /extra/.test(i)), items.join('\n'));
    // The bytes are the datum with the default: id 1 (02), then "kPa" (06 6b 50 61).
    await page.waitForFunction(() => document.querySelectorAll('#hex-view span.hex-byte').length === 5);
    await screenshot(page, 'encode-defaults-listed');
    await page.click('#apply-conversions');
    await page.waitForSelector('#conversions', { state: 'detached' });
    assert.deepEqual(JSON.parse(await page.locator('#datum-input').inputValue()), { id: 1, unit: 'kPa' });
    assert.deepEqual(problems, []);
  });
});
