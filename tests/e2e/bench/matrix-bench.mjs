// Browser timing of the evolution side: 30 versions of a 100-field record in the workspace, one version
// edited, until the reader × writer matrix (and the Confluent levels) show the new answer and a frame has
// been painted. Reported in milliseconds AND as a ratio against a baseline measured in the same page and
// run: the same edit with 2 versions of the same schema. Also: the first full computation on page load.
//
//   node tests/e2e/bench/matrix-bench.mjs [--runs N] [--out FILE]      (E2E_DIST names the built site)
// `.ci/bench matrix` runs it. Results: tests/e2e/out/matrix-bench.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { OUT_DIR, withPage } from '../harness/browser.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const RUNS = Number(opt('runs', process.env.BENCH_RUNS ?? '5'));
const OUT = resolve(opt('out', join(OUT_DIR, 'matrix-bench.json')));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Version `v` of a 100-field record: field i is an int, a long from version i on, plus v optional extras. */
function version(v) {
  const fields = [];
  for (let i = 0; i < 100; i++) fields.push({ name: `f${i}`, type: i < v ? 'long' : 'int' });
  for (let e = 0; e < v; e++) fields.push({ name: `extra${e}`, type: ['null', 'string'], default: null });
  return JSON.stringify({ type: 'record', name: 'Wide', namespace: 'bench', doc: 'd', fields }, null, 1);
}

const workspace = (n) =>
  JSON.stringify({
    versions: Array.from({ length: n }, (_, i) => ({ name: `v${i + 1}`, text: version(i + 1) })),
    current: n - 1,
    datum: '{}',
  });

/** Loads the app with `n` versions saved, and times the first matrix, then `RUNS` edits of the newest. */
async function measure(page, url, n) {
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate((saved) => localStorage.setItem('avro-playground/workspace/v2', saved), workspace(n));
  const started = Date.now();
  await page.reload({ waitUntil: 'load' });
  await page.locator(`#matrix tr:nth-child(${n}) td`).first().waitFor({ timeout: 120_000 });
  const firstMs = Date.now() - started;
  const edits = [];
  for (let r = 0; r < RUNS; r++) {
    // Each edit flips the newest version's first field between two spellings of its type, which changes
    // the text (so the version is parsed and its row and column are checked again) and the verdicts.
    const ms = await page.evaluate(async () => {
      const area = document.querySelector('#schema-input');
      const flipped = area.value.replace(/("f0",\s*"type": )"(int|long)"/, (_, head, type) => `${head}"${type === 'int' ? 'long' : 'int'}"`);
      if (flipped === area.value) throw new Error('the edit found no field f0 to change');
      const before = document.querySelector('#matrix')?.outerHTML;
      const t0 = performance.now();
      area.value = flipped;
      area.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((ok, fail) => {
        const give_up = t0 + 60_000;
        const check = () => {
          if (document.querySelector('#matrix')?.outerHTML !== before) return ok();
          if (performance.now() > give_up) return fail(new Error('the matrix did not change within 60 s'));
          requestAnimationFrame(check);
        };
        check();
      });
      await new Promise((ok) => requestAnimationFrame(() => ok()));
      return performance.now() - t0;
    });
    edits.push(ms);
  }
  return { versions: n, first_render_ms: firstMs, edit_ms: edits.map((x) => Number(x.toFixed(1))), edit_median_ms: Number(median(edits).toFixed(1)) };
}

await withPage('matrix-bench', async ({ page, url }) => {
  const baseline = await measure(page, url, 2);
  const full = await measure(page, url, 30);
  const result = {
    what: 'edit one version, until the matrix and the levels show the new answer and a frame is painted',
    schema: '100-field record (plus optional extras)',
    baseline,
    full,
    ratio_edit_30_vs_2: Number((full.edit_median_ms / baseline.edit_median_ms).toFixed(2)),
    frames_at_60hz: Number((full.edit_median_ms / 16.7).toFixed(2)),
  };
  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
});
