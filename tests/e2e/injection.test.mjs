// Markup in every string the user can type or load stays text: version names, registry ids, field names and
// enum symbols (invalid, so quoted in errors), docs, defaults, datum strings, a file name and a container
// file's metadata. Each panel that shows them is visited (version bar, lints, matrix cell, diff, modes, read
// as, span tree and details, datum errors and conversions, writer fit, the decoder with the file), and the
// page must show the payload as text while no element, attribute or script of it ever appears: a
// MutationObserver records any `#injected`, `img` or `on…` handler added to the document, even for a moment,
// and the payload's `onerror` would set `window.__pwned`.
//
// DOM contract: as the other tests, plus #lints, #cell-details figcaption, #diff option, #mode-candidate,
// #resolution-steps, #conversions, #datum-error, #schema-error, .file-name, #decoded-records,
// .span-row(.span-row-label, .span-row-value), #span-details (.span-label, .span-value), #writer-fit th.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openApp, screenshot, withPage } from './harness/browser.mjs';

/** Markup that would add an image whose error handler runs, close an attribute, and add an element. */
const P = `<img src=x onerror="window.__pwned=1">"'><b id=injected>`;
/** Version names: the payload, told apart. */
const NAME1 = `${P}1`;
const NAME2 = `${P}2`;

/** v1: the payload as the record's, a field's and an enum's doc, a string default and a union default. */
const S1 = JSON.stringify(
  {
    type: 'record',
    name: 'Order',
    namespace: 'shop',
    doc: P,
    fields: [
      { name: 'id', type: 'int', doc: P },
      { name: 'note', type: 'string', default: P },
      // A default on the second branch: a lint quotes it.
      { name: 'maybe', type: ['null', 'string'], default: P },
      { name: 'color', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'], doc: P } },
      { name: 'legacy', type: 'string' },
    ],
  },
  null,
  2,
);
/** v2: `legacy` replaced by `extra`, the payload its default: a lint names v1, v1 cannot read v2's data (no
 * default for `legacy`), and reading v1's data with v2 uses the default. */
const S2 = JSON.stringify(
  {
    type: 'record',
    name: 'Order',
    namespace: 'shop',
    doc: P,
    fields: [
      { name: 'id', type: 'int', doc: P },
      { name: 'note', type: 'string', default: P },
      { name: 'maybe', type: ['null', 'string'], default: P },
      { name: 'color', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'], doc: P } },
      { name: 'extra', type: 'string', default: P },
    ],
  },
  null,
  2,
);
/** A datum of v1 with the payload in every string. */
const D1 = JSON.stringify({ id: 1, note: P, maybe: { string: P }, color: 'RED', legacy: P }, null, 2);

// ---------------------------------------------------------------------------------------------------------
// An Object Container File (specification: Object Container Files) whose metadata holds the payload.

function long(out, n) {
  let z = n >= 0 ? n * 2 : -n * 2 - 1;
  do {
    let b = z & 0x7f;
    z = Math.floor(z / 128);
    if (z > 0) b |= 0x80;
    out.push(b);
  } while (z > 0);
}

function bytes(out, buf) {
  long(out, buf.length);
  out.push(...buf);
}

const string = (out, s) => bytes(out, Buffer.from(s, 'utf8'));

/** Records `{"s": P}` and `{"s": "plain"}` of a record schema documented with P, metadata `P` = `P`. */
function hostileContainer() {
  const schema = { type: 'record', name: 'Hostile', doc: P, fields: [{ name: 's', type: 'string', doc: P }] };
  const sync = Buffer.from('injection-sync16');
  const out = [0x4f, 0x62, 0x6a, 0x01];
  long(out, 3);
  string(out, 'avro.schema');
  string(out, JSON.stringify(schema));
  string(out, 'avro.codec');
  string(out, 'null');
  string(out, P);
  string(out, P);
  long(out, 0);
  out.push(...sync);
  const data = [];
  string(data, P);
  string(data, 'plain');
  long(out, 2);
  long(out, data.length);
  out.push(...data, ...sync);
  return Buffer.from(out);
}

// ---------------------------------------------------------------------------------------------------------
// Checks

/** Records every element of the payload that is ever added to the document, before the page's own scripts. */
function watchForInjection() {
  window.__injections = [];
  const bad = '#injected, img, [onerror], [onmouseover]';
  const check = (node) => {
    if (node.nodeType !== 1) return;
    if (node.matches(bad)) window.__injections.push(node.outerHTML);
    for (const e of node.querySelectorAll(bad)) window.__injections.push(e.outerHTML);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') check(r.target);
      for (const n of r.addedNodes) check(n);
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['id', 'onerror', 'onmouseover'] });
}

/** Asserts that nothing of the payload became markup, now or at any moment before. */
async function assertClean(page, where) {
  const state = await page.evaluate(() => ({
    pwned: window.__pwned,
    injections: window.__injections,
    now: [...document.querySelectorAll('#injected, img, [onerror], [onmouseover]')].map((e) => e.outerHTML),
  }));
  assert.equal(state.pwned, undefined, `${where}: the payload's onerror ran`);
  assert.deepEqual(state.injections, [], `${where}: payload elements were added`);
  assert.deepEqual(state.now, [], `${where}: payload elements are in the document`);
}

/** Waits until an element matching `selector` shows `text` as text, and returns that element's text. */
async function shows(page, selector, text) {
  const el = page.locator(selector).filter({ hasText: text }).first();
  await el.waitFor();
  const content = await el.textContent();
  assert.ok(content.includes(text), `${selector} shows ${text}: ${content}`);
  return content;
}

/** Renames the version in the editor (as typing then Enter does). */
async function rename(page, name) {
  await page.fill('.version.current .version-name', name);
  await page.press('.version.current .version-name', 'Enter');
  await page.locator('.version.current .version-select').filter({ hasText: name }).waitFor();
}

test('markup in every user-editable string stays text in every panel', async () => {
  await withPage('injection', async ({ page, url, problems }) => {
    await page.addInitScript(watchForInjection);
    await openApp(page, url);
    await page.fill('#schema-input', S1);
    await page.fill('#datum-input', D1);
    await page.locator('#schema-ok').waitFor();
    await page.locator('#datum-size').waitFor();

    // Version names and registry ids: the bar shows them as text and as the inputs' values.
    await rename(page, NAME1);
    await page.fill('.version.current .registry-id', P);
    await page.press('.version.current .registry-id', 'Enter');
    await page.waitForFunction((p) => document.querySelector('.version.current .registry-id')?.value === p, P);
    assert.equal(await page.inputValue('.version.current .version-name'), NAME1);
    await page.click('#add-version');
    await page.waitForFunction(() => document.querySelectorAll('.version-select').length === 2);
    await rename(page, NAME2);
    await page.fill('#schema-input', S2);
    await page.locator('#schema-ok').waitFor();
    assert.deepEqual(await page.locator('.version-select').allTextContents(), [NAME1, NAME2]);
    assert.equal(await page.inputValue('.version.current .version-name'), NAME2);
    await assertClean(page, 'version bar');

    // Lints: v1's name in the rename lint (`legacy` → `extra` at the same place), the default in the
    // union-default lint.
    await shows(page, '#lints li[data-rule="rename-without-alias"]', NAME1);
    await shows(page, '#lints li', `default "<img src=x onerror=\\"window.__pwned=1\\">\\"'><b id=injected>"`);
    // The schema text with its docs, behind the editor: the backdrop holds the text up to a mark, so an
    // error at the very end shows all of it.
    await page.fill('#schema-input', `${S2} x`);
    await shows(page, '#schema-editor .backdrop', `"doc": "<img src=x onerror=\\"window.__pwned=1\\">\\"'><b id=injected>"`);
    await assertClean(page, 'editor backdrop');
    await page.fill('#schema-input', S2);
    await page.locator('#schema-ok').waitFor();
    // The datum's missing `extra` takes the payload default; its skipped `legacy` is listed.
    await shows(page, '#conversions', 'legacy');
    await assertClean(page, 'lints');

    // The matrix: names in the headers; v1 reading v2's data fails; its cell names both and marks both texts.
    assert.deepEqual(await page.locator('#matrix thead th[scope="col"]').allTextContents(), [NAME1, NAME2]);
    await page.click('#matrix td[data-cell="0,1"]');
    await shows(page, '#cell-details h3', `${NAME1} reading data written with ${NAME2}`);
    await shows(page, '#cell-details .upgrade', NAME2);
    assert.deepEqual(await page.locator('#cell-details figcaption').allTextContents(), [`reader ${NAME1}`, `writer ${NAME2}`]);
    await shows(page, '#cell-details pre', `"doc": "<img src=x`);
    assert.match(await page.locator('#matrix td[data-cell="0,1"]').getAttribute('title'), /^<img src=x onerror="window.__pwned=1">"'><b id=injected>1 reading/);
    await assertClean(page, 'matrix');

    // The diff: the names in both pickers; click the change that adds `extra` to mark it in both texts.
    assert.deepEqual(await page.locator('#diff select[data-diff-side="old"] option').allTextContents(), [NAME1, NAME2]);
    const added = page.locator('#diff li.change').filter({ hasText: 'extra' }).first();
    await added.click();
    await page.locator('#diff li.change.picked').filter({ hasText: 'extra' }).waitFor();
    await shows(page, '#diff figcaption', `new ${NAME2} at`);
    await assertClean(page, 'diff');

    // The registry levels: the names in the candidate picker and in the versions checked.
    assert.deepEqual(await page.locator('#mode-candidate option').allTextContents(), [NAME2]);
    await shows(page, '#modes tr[data-mode="BACKWARD"] .checked', NAME1);
    await assertClean(page, 'modes');

    // Read as: v1 in the editor, its datum read with v2 takes `extra`'s payload default.
    await page.locator('.version-select').filter({ hasText: NAME1 }).click();
    await page.locator('.version.current .version-select').filter({ hasText: NAME1 }).waitFor();
    await page.locator('#read-as button[data-reader]').filter({ hasText: NAME2 }).click();
    await shows(page, '#resolution-status', `Read as ${NAME2}`);
    await shows(page, '#resolution-steps', `its default "<img src=x onerror=\\"window.__pwned=1\\">\\"'><b id=injected>" is used`);
    await shows(page, '#reader-json', '<b id=injected>');
    await assertClean(page, 'read as');

    // The span tree and the details of a string holding the payload.
    const row = page.locator('#span-tree .span-row').filter({ hasText: '<b id=injected>' }).first();
    await row.waitFor();
    await row.hover();
    await shows(page, '#span-details .span-value, #span-details .span-interpreted', '<b id=injected>');
    await shows(page, '#hex-view .hex-ascii', '<img src=x');
    await assertClean(page, 'span details');

    // Invalid names and symbols are quoted in the schema's error; an unknown symbol and an unknown key in the datum's.
    await page.fill('#schema-input', S1.replace('"name": "legacy"', `"name": ${JSON.stringify(P)}`));
    await shows(page, '#schema-error', '<img src=x');
    await page.fill('#schema-input', S1.replace('"GREEN"', JSON.stringify(P)));
    await shows(page, '#schema-error', '<img src=x');
    await page.fill('#schema-input', S1.replace('"name": "Color"', `"name": ${JSON.stringify(P)}`));
    await shows(page, '#schema-error', '<img src=x');
    await assertClean(page, 'schema errors');
    await page.fill('#schema-input', S1);
    await page.locator('#schema-ok').waitFor();
    await page.fill('#datum-input', D1.replace('"RED"', JSON.stringify(P)));
    await shows(page, '#datum-error', '<img src=x');
    await page.fill('#datum-input', D1.replace('"id": 1', `"id": 1,\n  ${JSON.stringify(P)}: 2`));
    await shows(page, '#conversions', '<img src=x');
    await assertClean(page, 'datum errors');
    await page.fill('#datum-input', D1);
    await page.locator('#datum-size').waitFor();

    // Confluent-framed bytes of the datum, for the decoder's writer table.
    await page.selectOption('#out-frame', 'confluent');
    await page.fill('#confluent-id', '7');
    await page.waitForFunction(() => document.querySelector('#bytes-output')?.value.startsWith('0000000007'));
    const framed = await page.inputValue('#bytes-output');
    await screenshot(page, 'injection-evolution');

    // The decoder: the writer table names each version; "read as" offers them.
    await page.click('#tab-decode');
    await page.fill('#bytes-input', framed);
    await page.locator('#decode-status').waitFor();
    assert.deepEqual(await page.locator('#writer-fit th[scope="row"]').allTextContents(), [NAME1, NAME2]);
    await shows(page, '#decoded-json', '<b id=injected>');
    assert.deepEqual(await page.locator('#read-as button[data-reader]').allTextContents(), ['as written', NAME1, NAME2]);
    await assertClean(page, 'writer fit');

    // A container file with a hostile name, header schema doc, metadata entry and record.
    const name = `${P}.avro`;
    await page.setInputFiles('#bytes-file', { name, mimeType: 'application/octet-stream', buffer: hostileContainer() });
    await shows(page, '#decode-status', `file ${name},`);
    await shows(page, '.file-name', name);
    await shows(page, '#decoded-records', `{"s":"<img src=x onerror=\\"window.__pwned=1\\">\\"'><b id=injected>"}`);
    const entry = page.locator('#span-tree .span-row').filter({ hasText: `metadata entry \`${P}\`` }).first();
    await entry.waitFor();
    assert.equal(await entry.locator('.span-row-value').textContent(), P);
    await entry.hover();
    await shows(page, '#span-details .span-label', `metadata entry \`${P}\``);
    assert.equal(await page.locator('#span-details .span-value').textContent(), P);
    const schemaEntry = page.locator('#span-tree .span-row').filter({ hasText: 'metadata entry `avro.schema`' }).first();
    await schemaEntry.hover();
    await shows(page, '#span-details .span-value', `"doc":"<img src=x`);
    await page.locator('#read-as button[data-reader]').filter({ hasText: NAME1 }).click();
    await shows(page, '#read-as', NAME1);
    await assertClean(page, 'container file');
    await screenshot(page, 'injection-decode');
    assert.deepEqual(problems, []);
  });
});
