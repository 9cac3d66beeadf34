// Browser timing of the evolution side: 30 versions of a 100-field record in the workspace, one version
// edited: `updated` is until the DOM holds the new reader × writer matrix (seen by a MutationObserver, so
// every memo and panel of the edit has run), `painted` until the animation frame after that (the frame that
// paints it). Polling with requestAnimationFrame instead would round every edit up to two frames. Reported
// in milliseconds AND as a ratio against a baseline measured in the same page and run: the same edit with
// 2 versions of the same schema. Also: the first full computation on page load.
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
      const matrix = document.querySelector('#matrix');
      const before = matrix?.outerHTML;
      // A MutationObserver sees the new matrix as soon as the DOM has it (the work is done); the next
      // animation frame after that is when it is painted.
      let updated = null;
      const seen = new Promise((ok, fail) => {
        const observer = new MutationObserver(() => {
          if (document.querySelector('#matrix')?.outerHTML === before) return;
          updated = performance.now();
          observer.disconnect();
          clearTimeout(timer);
          ok();
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          fail(new Error('the matrix did not change within 60 s'));
        }, 60_000);
        observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      });
      const t0 = performance.now();
      area.value = flipped;
      area.dispatchEvent(new Event('input', { bubbles: true }));
      await seen;
      await new Promise((ok) => requestAnimationFrame(() => ok()));
      return { updated: updated - t0, painted: performance.now() - t0 };
    });
    edits.push(ms);
  }
  const fix = (x) => Number(x.toFixed(1));
  return {
    versions: n,
    first_render_ms: firstMs,
    updated_ms: edits.map((e) => fix(e.updated)),
    painted_ms: edits.map((e) => fix(e.painted)),
    updated_median_ms: fix(median(edits.map((e) => e.updated))),
    painted_median_ms: fix(median(edits.map((e) => e.painted))),
  };
}

await withPage('matrix-bench', async ({ page, url }) => {
  const baseline = await measure(page, url, 2);
  const full = await measure(page, url, 30);
  const result = {
    what: 'edit one version: updated = until the DOM shows the new matrix (every memo and panel recomputed), painted = until the next animation frame after that',
    schema: '100-field record (plus optional extras)',
    baseline,
    full,
    ratio_updated_30_vs_2: Number((full.updated_median_ms / baseline.updated_median_ms).toFixed(2)),
    ratio_painted_30_vs_2: Number((full.painted_median_ms / baseline.painted_median_ms).toFixed(2)),
    painted_in_frames_at_60hz: Number((full.painted_median_ms / 16.7).toFixed(2)),
  };
  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
});
