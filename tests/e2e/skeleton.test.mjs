// The walking skeleton: schema editor with positioned errors, datum editor, hex view with byte spans.
// DOM contract: textarea#schema-input, textarea#datum-input (recompute on `input`); #schema-error "L:C … /pointer";
// #schema-editor .line-number.error; #hex-view span.hex-byte[data-offset]; hover selects the innermost span
// (.hex-byte.selected) and #span-details shows its datum path, schema type, byte range and breakdown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openApp, screenshot, withPage } from './harness/browser.mjs';

const SCHEMA_WITH_MISTAKE = `{
  "type": "record", "name": "R",
  "fields": [
    {"name": "id", "type": "lon"},
    {"name": "name", "type": "string"}
  ]
}`;
const SCHEMA = '{"type":"record","name":"R","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"}]}';
const DATUM = '{"id": -2, "name": "hi"}';

test('schema error, encoding and hex hover of a record', async () => {
  await withPage('skeleton', async ({ page, url, problems }) => {
    await openApp(page, url);

    // A mistake on line 4 is reported there, with its JSON pointer, and marked in the gutter.
    await page.fill('#schema-input', SCHEMA_WITH_MISTAKE);
    const error = page.locator('#schema-error');
    await error.waitFor({ state: 'visible' });
    const errorText = (await error.textContent()).trim();
    assert.match(errorText, /^4:\d+/, `error starts with line:column of line 4: ${errorText}`);
    assert.ok(errorText.includes('/fields/0/type'), `error names the JSON pointer: ${errorText}`);
    assert.equal((await page.locator('#schema-editor .line-number.error').allTextContents()).map((s) => s.trim()).join(','), '4');

    // Fixed, with a datum: the hex view shows the encoding, one span.hex-byte per byte.
    await page.fill('#schema-input', SCHEMA);
    await page.fill('#datum-input', DATUM);
    const bytes = page.locator('#hex-view span.hex-byte');
    await page.waitForFunction(() => document.querySelectorAll('#hex-view span.hex-byte').length === 4);
    assert.deepEqual((await bytes.allTextContents()).map((s) => s.trim()), ['03', '04', '68', '69']);
    assert.deepEqual(await bytes.evaluateAll((els) => els.map((e) => e.dataset.offset)), ['0', '1', '2', '3']);
    assert.equal(await page.locator('#schema-error').filter({ hasText: /\S/ }).count(), 0, 'no schema error once fixed');

    // Hovering byte 0 selects the span of /id: a long, zigzag-encoded.
    await page.hover('#hex-view .hex-byte[data-offset="0"]');
    const details = page.locator('#span-details');
    await details.filter({ hasText: '/id' }).waitFor();
    const detailsText = await details.textContent();
    for (const word of ['/id', 'long', 'zigzag']) {
      assert.ok(detailsText.includes(word), `#span-details mentions ${word}: ${detailsText}`);
    }
    const selected = (offset) =>
      page.locator(`#hex-view .hex-byte[data-offset="${offset}"]`).evaluate((e) => e.classList.contains('selected'));
    assert.equal(await selected(0), true, 'byte 0 is selected');
    assert.equal(await selected(2), false, 'byte 2 (in /name) is not selected');

    // The value those bytes encode lights up in the datum's JSON text.
    await page.locator('#datum-editor mark.value-mark').waitFor();
    assert.equal(await page.locator('#datum-editor mark.value-mark').textContent(), '-2');
    await page.hover('#hex-view .hex-byte[data-offset="2"]');
    await page.locator('#datum-editor mark.value-mark', { hasText: 'hi' }).waitFor();

    assert.deepEqual(problems, []);
    await screenshot(page, 'skeleton');
  });
});
