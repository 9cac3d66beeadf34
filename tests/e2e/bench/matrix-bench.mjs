// Browser timing of an edit: 30 versions of a 100-field record in the workspace, with a datum that fits
// the edited version, and the newest version edited: `updated` is from the `input` event until the DOM
// holds both the new reader × writer matrix and the re-encoded hex view (seen by a MutationObserver, so every
// memo and panel of the edit has run), `painted` until the animation frame after that (the frame that
// paints it). Polling with requestAnimationFrame instead would round every edit up to two frames. Reported
// as p50, p95 and max over the edits, in milliseconds AND against a baseline measured in the same page and
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
const RUNS = Number(opt('runs', process.env.BENCH_RUNS ?? '60'));
const OUT = resolve(opt('out', join(OUT_DIR, 'matrix-bench.json')));
/** The `p`-th percentile (nearest rank) of `xs`. */
const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Version `v` of a 100-field record: field i is an int, a long from version i on, plus v optional extras. */
function version(v) {
  const fields = [];
  for (let i = 0; i < 100; i++) fields.push({ name: `f${i}`, type: i < v ? 'long' : 'int' });
  for (let e = 0; e < v; e++) fields.push({ name: `extra${e}`, type: ['null', 'string'], default: null });
  return JSON.stringify({ type: 'record', name: 'Wide', namespace: 'bench', doc: 'd', fields }, null, 1);
}

/** A datum of version `v` in Avro JSON: every field 1, every extra null. */
function datum(v) {
  const value = {};
  for (let i = 0; i < 100; i++) value[`f${i}`] = 1;
  for (let e = 0; e < v; e++) value[`extra${e}`] = null;
  return JSON.stringify(value);
}

// Saved in the first version's format (key `workspace/v2`), which the page still reads: the bench loads
// it through the migration.
const workspace = (n) =>
  JSON.stringify({
    versions: Array.from({ length: n }, (_, i) => ({ name: `v${i + 1}`, text: version(i + 1) })),
    current: n - 1,
    datum: datum(n),
  });

/** Loads the app with `n` versions saved, and times the first matrix, then `RUNS` edits of the newest. */
async function measure(page, url, n) {
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate((saved) => {
    localStorage.clear();
    localStorage.setItem('avro-playground/workspace/v2', saved);
  }, workspace(n));
  const started = Date.now();
  await page.reload({ waitUntil: 'load' });
  await page.locator(`#matrix tr:nth-child(${n}) td`).first().waitFor({ timeout: 120_000 });
  const firstMs = Date.now() - started;
  const paced = await edits(page, true);
  const backToBack = await edits(page, false);
  return { versions: n, first_render_ms: firstMs, typing: paced, back_to_back: backToBack };
}

/**
 * `RUNS` edits of the newest version. `typing`: each after a random pause of 100–150 ms, as keystrokes come
 * when someone types, at any phase of the frame clock; else back to back, each as soon as the frame of the
 * one before is rendered.
 */
async function edits(page, typing) {
  const edits = [];
  for (let r = 0; r < RUNS; r++) {
    if (typing) await page.waitForTimeout(100 + Math.random() * 50);
    // Each edit flips the newest version's first field between long and float, which changes the text (so
    // the version is parsed and its row and column are checked again), the verdicts, and the datum's bytes
    // (1 as a long is one byte, as a float four).
    const ms = await page.evaluate(async () => {
      const area = document.querySelector('#schema-input');
      const flipped = area.value.replace(/("f0",\s*"type": )"(long|float)"/, (_, head, type) => `${head}"${type === 'long' ? 'float' : 'long'}"`);
      if (flipped === area.value) throw new Error('the edit found no field f0 to change');
      const matrix = document.querySelector('#matrix');
      const before = matrix?.outerHTML;
      const hex = document.querySelector('#hex-view');
      if (!hex?.querySelector('.hex-byte')) throw new Error('the datum is not encoded: no hex view');
      // A MutationObserver sees the new matrix and hex view as soon as the DOM has them (the work is done);
      // the next animation frame after that is when they are painted.
      let updated = null;
      let hexChanged = false;
      const seen = new Promise((ok, fail) => {
        const observer = new MutationObserver((records) => {
          hexChanged ||= records.some((r) => hex.contains(r.target));
          if (!hexChanged || document.querySelector('#matrix')?.outerHTML === before) return;
          updated = performance.now();
          observer.disconnect();
          clearTimeout(timer);
          ok();
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          fail(new Error('the matrix and hex view did not change within 60 s'));
        }, 60_000);
        observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      });
      const t0 = performance.now();
      area.value = flipped;
      area.dispatchEvent(new Event('input', { bubbles: true }));
      await seen;
      // The frame's callback is `painted`; a message posted from it arrives once that frame's style,
      // layout and paint are done: `rendered`, the whole frame the edit cost.
      let painted = null;
      await new Promise((ok) =>
        requestAnimationFrame(() => {
          painted = performance.now() - t0;
          const channel = new MessageChannel();
          channel.port1.onmessage = () => ok();
          channel.port2.postMessage(0);
        }),
      );
      return { updated: updated - t0, painted, rendered: performance.now() - t0 };
    });
    edits.push(ms);
  }
  const fix = (x) => Number(x.toFixed(1));
  const stats = (xs) => ({
    p50: fix(percentile(xs, 50)),
    p95: fix(percentile(xs, 95)),
    max: fix(Math.max(...xs)),
  });
  return {
    edits: edits.length,
    updated_ms: stats(edits.map((e) => e.updated)),
    painted_ms: stats(edits.map((e) => e.painted)),
    rendered_ms: stats(edits.map((e) => e.rendered)),
  };
}

await withPage('matrix-bench', async ({ page, url }) => {
  const baseline = await measure(page, url, 2);
  const full = await measure(page, url, 30);
  const result = {
    what: 'edit the newest version: updated = from the input event until the DOM shows the new matrix and hex view (every memo and panel recomputed), painted = until the next animation frame after that (the target), rendered = until that frame has done its style, layout and paint',
    schema: '100-field record (plus optional extras)',
    baseline,
    full,
    target: 'painted p95 at most 16 ms with 30 versions',
    pace: 'typing = a random 100-150 ms pause before each edit; back_to_back = each edit as soon as the frame before is rendered',
    ratio_painted_p95_30_vs_2: Number((full.typing.painted_ms.p95 / baseline.typing.painted_ms.p95).toFixed(2)),
    painted_p95_typing_in_frames_at_60hz: Number((full.typing.painted_ms.p95 / 16.7).toFixed(2)),
  };
  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
});
