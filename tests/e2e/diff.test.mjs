// The diff view and the cross-version lints as a user meets them: load a scenario, read each change with its
// verdict in both directions, click one and find it marked in both texts; diff two versions from a matrix
// cell; see a rename without an alias flagged beside the editor and fix it in one click.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openApp, screenshot, withPage } from './harness/browser.mjs';

/** Loads the guided scenario `id` and waits for its versions. */
async function loadScenario(page, id, versions) {
  await page.click(`li[data-scenario="${id}"] button.load-scenario`);
  await page.waitForFunction((n) => document.querySelectorAll('.version-select').length === n, versions);
}

test('a removed field is listed with its verdict each way and marked in both texts', async () => {
  await withPage('diff', async ({ page, url, problems }) => {
    await openApp(page, url);
    await loadScenario(page, 'remove_field_without_default', 2);

    // By default the diff compares the version before the edited one (v1) with it (v2).
    const diff = page.locator('#diff');
    const change = diff.locator('li.change[data-kind="field_removed"]');
    await change.waitFor();
    assert.equal(await diff.locator('select[data-diff-side="old"]').inputValue(), '0');
    assert.equal(await diff.locator('select[data-diff-side="new"]').inputValue(), '1');
    assert.equal(await diff.locator('li.change').count(), 1, await diff.textContent());
    assert.match(await change.textContent(), /field note removed/);
    const backward = change.locator('.effect').nth(0);
    const forward = change.locator('.effect').nth(1);
    assert.match(await backward.textContent(), /new consumers reading old data \(backward\): compatible:/);
    assert.match(await forward.textContent(), /old consumers reading new data \(forward\): incompatible:/);
    assert.match(await forward.textContent(), /READER_FIELD_MISSING_DEFAULT_VALUE/);

    // Clicking the change marks the field in v1 and the fields it left in v2.
    await change.click();
    await diff.locator('li.change.picked').waitFor();
    const marks = await diff.locator('mark.location').allTextContents();
    assert.equal(marks.length, 2, 'marked in the old and the new text');
    assert.match(marks[0], /^\{"name": "note", "type": "string"\}$/, marks[0]);
    assert.match(marks[1], /"order_id"/, `the new text's mark is its fields: ${marks[1]}`);
    await screenshot(page, 'diff');

    // The same version on both sides says so.
    await diff.locator('select[data-diff-side="old"]').selectOption('1');
    assert.match(await diff.locator('#diff-none').textContent(), /identical/);
    assert.deepEqual(problems, []);
  });
});

test("a matrix cell diffs its two versions, and a broken version is named", async () => {
  await withPage('diff-matrix', async ({ page, url, problems }) => {
    await openApp(page, url);
    await loadScenario(page, 'transitive_backward_fails', 3);
    await page.click('#matrix td[data-cell="2,0"]');
    await page.click('#cell-details button[data-diff-pair="0,2"]');
    const diff = page.locator('#diff');
    await page.waitForFunction(() => document.querySelector('#diff select[data-diff-side="new"]')?.value === '2');
    assert.equal(await diff.locator('select[data-diff-side="old"]').inputValue(), '0');
    const retyped = diff.locator('li.change[data-kind="type_changed"]');
    assert.match(await retyped.textContent(), /string → double/);
    assert.match(await retyped.locator('.effect').nth(0).textContent(), /incompatible/);

    // v3 stops parsing: the diff names it instead of listing changes.
    await page.fill('#schema-input', '{"type": "record"');
    await diff.locator('p.error').waitFor();
    assert.match(await diff.locator('p.error').textContent(), /v3 does not parse/);
    assert.deepEqual(problems, []);
  });
});

test('a rename without an alias is linted beside the editor, and its fix adds the alias', async () => {
  await withPage('diff-lint', async ({ page, url, problems }) => {
    await openApp(page, url);
    await loadScenario(page, 'rename_field_without_alias', 2);
    const diff = page.locator('#diff');
    const renamed = diff.locator('li.change[data-kind="field_renamed"]');
    await renamed.waitFor();
    assert.match(await renamed.locator('.effect').nth(0).textContent(), /incompatible/);
    assert.match(await renamed.locator('.effect').nth(1).textContent(), /incompatible/);

    const lint = page.locator('#lints li[data-rule="rename-without-alias"]');
    await lint.waitFor();
    assert.match(await lint.textContent(), /email_address/);
    await screenshot(page, 'diff-lint');
    await lint.locator('button.fix').click();
    await page.waitForFunction(() => !document.querySelector('#lints li[data-rule="rename-without-alias"]'));
    assert.match(await page.inputValue('#schema-input'), /"aliases": \["email_address"\]/);
    // Now new consumers find the field under its alias.
    assert.match(await renamed.locator('.effect').nth(0).textContent(), /compatible: new consumers find `email` under its alias/);
    assert.deepEqual(problems, []);
  });
});

test('removing a field that had no default is linted, with no automatic fix', async () => {
  await withPage('diff-lint-removed', async ({ page, url, problems }) => {
    await openApp(page, url);
    await loadScenario(page, 'remove_field_without_default', 2);
    const lint = page.locator('#lints li[data-rule="removed-field-without-default"]');
    await lint.waitFor();
    assert.match(await lint.textContent(), /note/);
    assert.match(await lint.textContent(), /v1/);
    assert.equal(await lint.locator('button.fix').count(), 0);
    // Editing the first version (nothing before it) draws no cross-version lint.
    await page.click('.version[data-version="0"] .version-select');
    await page.waitForFunction(() => !document.querySelector('#lints li[data-rule="removed-field-without-default"]'));
    assert.deepEqual(problems, []);
  });
});
