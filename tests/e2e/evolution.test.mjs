// The evolution side as a user meets it: load a guided scenario, read the stated verdicts beside the
// checker's, see BACKWARD and BACKWARD_TRANSITIVE differ, open a failing matrix cell and find the problem
// marked in both schema texts; edit versions; apply a lint's one-click fix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openApp, screenshot, withPage } from './harness/browser.mjs';

test('a scenario loads, its verdicts match the checker, and a failing cell is located in both schemas', async () => {
  await withPage('evolution', async ({ page, url, problems }) => {
    await openApp(page, url);
    await page.click('li[data-scenario="transitive_backward_fails"] button.load-scenario');

    // Its three versions are in the workspace, the newest one in the editor.
    await page.waitForFunction(() => document.querySelectorAll('.version-select').length === 3);
    assert.deepEqual((await page.locator('.version-select').allTextContents()).map((s) => s.trim()), ['v1', 'v2', 'v3']);
    assert.match(await page.inputValue('#schema-input'), /"weight", "type": "double"/);

    // Every stated verdict agrees with what the checker answers.
    const loaded = page.locator('#scenario-loaded');
    await loaded.locator('ul.stated li').first().waitFor();
    assert.equal(await loaded.locator('li.disagree').count(), 0, await loaded.textContent());
    assert.ok((await loaded.locator('li.agree').count()) >= 9, 'two steps and seven levels are compared');

    // BACKWARD checks only the latest version and passes; BACKWARD_TRANSITIVE goes on to v1 and fails there.
    const verdict = (mode) => page.locator(`#modes tr[data-mode="${mode}"] .verdict`).textContent();
    assert.equal(await verdict('BACKWARD'), 'accepted');
    assert.equal(await verdict('BACKWARD_TRANSITIVE'), 'rejected');
    assert.match(await page.locator('#modes tr[data-mode="BACKWARD_TRANSITIVE"] .checked').textContent(), /v2 → v1 \(stops at v1\)/);

    // Any version can be the candidate: v2 registered after v1 alone passes every backward level.
    assert.equal(await page.locator('#mode-candidate').inputValue(), '2');
    await page.selectOption('#mode-candidate', '1');
    await page.locator('#modes h3', { hasText: 'after the first version' }).waitFor();
    assert.equal(await verdict('BACKWARD_TRANSITIVE'), 'accepted');
    assert.equal(await page.locator('#modes tr[data-mode="BACKWARD_TRANSITIVE"] .checked').textContent(), 'v1');
    await page.selectOption('#mode-candidate', '2');
    await page.locator('#modes h3', { hasText: 'after the 2 before it' }).waitFor();
    assert.equal(await verdict('BACKWARD_TRANSITIVE'), 'rejected');

    // v3 reading v1's data fails (a string weight read as a double): open that cell.
    const cell = page.locator('#matrix td[data-cell="2,0"]');
    assert.match(await cell.textContent(), /✗ 1/);
    await cell.click();
    const details = page.locator('#cell-details');
    await details.locator('.incompatibility').first().waitFor();
    assert.match(await details.textContent(), /TYPE_MISMATCH at \/fields\/1\/type/);
    assert.match(await details.textContent(), /new consumers read old data/);
    const marks = await details.locator('mark.location').allTextContents();
    assert.equal(marks.length, 2, 'the problem is marked in the reader and in the writer');
    assert.match(marks[0], /double/, `the reader's mark is the double: ${marks[0]}`);
    assert.doesNotMatch(marks[0], /"record"/, `the reader's mark is Java's location, not the whole record: ${marks[0]}`);
    assert.match(marks[1], /string/, `the writer's mark is the string: ${marks[1]}`);
    await screenshot(page, 'evolution');
    assert.deepEqual(problems, []);
  });
});

test('versions can be added, renamed and deleted, and the matrix follows', async () => {
  await withPage('versions', async ({ page, url }) => {
    await openApp(page, url);
    await page.click('#add-version');
    await page.waitForFunction(() => document.querySelectorAll('.version-select').length === 2);
    // v2 adds a field without a default: new consumers cannot read old data.
    const v2 = (await page.inputValue('#schema-input')).replace(
      '"fields": [',
      '"fields": [\n    {"name": "country", "type": "string"},',
    );
    await page.fill('#schema-input', v2);
    await page.locator('#matrix td[data-cell="1,0"].bad').waitFor();
    assert.equal(await page.locator('#matrix td[data-cell="0,1"]').getAttribute('class'), 'cell ok');
    await page.fill('.version.current .version-name', 'with-country');
    await page.press('.version.current .version-name', 'Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('.version-select')].some((b) => b.textContent === 'with-country'));
    await page.click('.version.current button[title="Delete this version"]');
    await page.waitForFunction(() => document.querySelectorAll('.version-select').length === 1);
  });
});

test('versions reorder with the arrows; the matrix, the editor and the upgrade advice follow', async () => {
  await withPage('versions-reorder', async ({ page, url, problems }) => {
    await openApp(page, url);
    await page.click('#add-version');
    await page.waitForFunction(() => document.querySelectorAll('.version-select').length === 2);
    // v2 adds two fields without defaults: two problems for new consumers reading old data.
    const v2 = (await page.inputValue('#schema-input')).replace(
      '"fields": [',
      '"fields": [\n    {"name": "country", "type": "string"},\n    {"name": "age", "type": "int"},',
    );
    await page.fill('#schema-input', v2);
    const cell = page.locator('#matrix td[data-cell="1,0"]');
    await page.locator('#matrix td[data-cell="1,0"].bad').waitFor();
    assert.equal((await cell.textContent()).trim(), '✗ 2');
    await cell.click();
    const details = page.locator('#cell-details');
    await details.locator('.incompatibility').nth(1).waitFor();
    assert.equal(
      (await details.locator('.upgrade').textContent()).trim(),
      'Consumers on v2 cannot read v1 data: upgrade them only once no v1 data is left to read.',
    );
    // The first problem is picked and marked; picking the second marks its field instead.
    assert.match(await details.locator('.incompatibility.picked').textContent(), /READER_FIELD_MISSING_DEFAULT_VALUE at \/fields\/0/);
    assert.match(await details.locator('mark.location').first().textContent(), /country/);
    await details.locator('.incompatibility').nth(1).click();
    await details.locator('.incompatibility.picked', { hasText: '/fields/1' }).waitFor();
    assert.equal(await details.locator('.incompatibility.picked').count(), 1);
    const mark = await details.locator('mark.location').first().textContent();
    assert.match(mark, /age/);
    assert.doesNotMatch(mark, /country/);
    await screenshot(page, 'matrix-second-incompatibility');

    // The other direction: old consumers read the new data, so producers may go first.
    await page.click('#matrix td[data-cell="0,1"]');
    await details.locator('.upgrade', { hasText: 'Producers may upgrade to v2 first' }).waitFor();

    // Move v2 earlier: it becomes the oldest, stays in the editor, and the failing cell moves above the diagonal.
    await page.click('.version.current button[title="Move earlier"]');
    await page.waitForFunction(() => document.querySelector('.version-select').textContent === 'v2');
    assert.deepEqual((await page.locator('.version-select').allTextContents()).map((s) => s.trim()), ['v2', 'v1']);
    assert.equal((await page.locator('.version.current .version-select').textContent()).trim(), 'v2');
    assert.match(await page.inputValue('#schema-input'), /"age"/);
    await page.locator('#matrix td[data-cell="0,1"].bad').waitFor();
    assert.equal(await page.locator('#matrix td[data-cell="1,0"]').getAttribute('class'), 'cell ok');

    // And later again: back where it was.
    await page.click('.version.current button[title="Move later"]');
    await page.waitForFunction(() => document.querySelector('.version-select').textContent === 'v1');
    await page.locator('#matrix td[data-cell="1,0"].bad').waitFor();
    // The order survives a reload (autosave).
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('.version-select').length === 2);
    assert.deepEqual((await page.locator('.version-select').allTextContents()).map((s) => s.trim()), ['v1', 'v2']);
    assert.deepEqual(problems, []);
  });
});

test("a lint's fix rewrites the schema and the warning goes away", async () => {
  await withPage('lint', async ({ page, url }) => {
    await openApp(page, url);
    await page.fill(
      '#schema-input',
      '{"type":"record","name":"E","namespace":"n","doc":"d","fields":[\n{"name":"ts","type":"long","logicalType":"timestamp-millis"}]}',
    );
    const lint = page.locator('#lints li[data-rule="logical-type-on-field"]');
    await lint.waitFor();
    assert.match(await lint.textContent(), /^2:/);
    await lint.locator('button.fix').click();
    await page.waitForFunction(() => !document.querySelector('#lints li[data-rule="logical-type-on-field"]'));
    assert.match(await page.inputValue('#schema-input'), /"type":\{"type":"long","logicalType":"timestamp-millis"\}/);
  });
});
