// Browser timings of the decode side, each reported in milliseconds AND as a ratio against a baseline measured
// in the same page in the same run (never against a fixed threshold):
//   - decoding a ~1 MB and a ~10 MB Object Container File uploaded through #bytes-file: from the input's
//     `change` event to #decode-status naming the file (and to the next animation frame after it);
//     baselines: the app decoding a tiny file (5 records) the same way, and JSON.parse + JSON.stringify of the
//     same records' Avro JSON text in the page;
//   - the hex view staying responsive on the 10 MB file: scrolling #hex-rows to the end until the last byte is
//     in the DOM, and hovering that byte until #span-details describes it; baselines: the same on the 1 MB
//     file (virtualized rows should make them equal) and hovering byte 0 of the tiny file.
// Also: the longest main-thread task during each decode, and the wasm memory after the 10 MB decode; and, after
// the browser runs, apache-avro's plain native decode of the same 1 MB file (crates/core/examples/apache_decode.rs),
// with the browser's decode + annotate as a multiple of it (`vs_apache_avro_native`).
//
//   node tests/e2e/bench/decode-bench.mjs [--runs N] [--out FILE]      (E2E_DIST names the built site)
// `.ci/bench browser` builds dist/ when it is missing, then runs this. Results: tests/e2e/out/bench.json.
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, DIST_DIR, OUT_DIR, openApp, screenshot, withPage } from '../harness/browser.mjs';
import { userContainer } from './ocf.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const RUNS = Number(opt('runs', process.env.BENCH_RUNS ?? '5'));
const OUT = resolve(opt('out', join(OUT_DIR, 'bench.json')));
/** How long one step may take before the benchmark gives up (ms). */
const STEP_TIMEOUT = 180_000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const round = (x, digits = 1) => Number(x.toFixed(digits));

/** In-page helpers: each returns a promise of timings taken with performance.now(). */
function installHelpers() {
  const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
  const until = (check, timeout) =>
    new Promise((ok, fail) => {
      if (check()) return ok();
      const observer = new MutationObserver(() => {
        if (check()) {
          observer.disconnect();
          clearTimeout(timer);
          ok();
        }
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        fail(new Error(`timed out after ${timeout} ms`));
      }, timeout);
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    });
  let longest = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  } catch {
    longest = NaN; // no Long Tasks API
  }
  window.__bench = {
    /** Arms a decode measurement: starts at the file input's `change`, ends when #decode-status names `file`. */
    armDecode(file, timeout) {
      longest = 0;
      this.decode = new Promise((ok, fail) => {
        document.addEventListener(
          'change',
          (ev) => {
            if (ev.target?.id !== 'bytes-file') return;
            const t0 = performance.now();
            const shown = () => (document.querySelector('#decode-status')?.textContent ?? '').includes(`file ${file},`);
            until(shown, timeout)
              .then(async () => {
                const status = performance.now() - t0;
                await frame();
                await frame();
                ok({ status, frame: performance.now() - t0, longestTask: longest });
              })
              .catch(fail);
          },
          { capture: true, once: true },
        );
      });
    },
    /** Scrolls #hex-rows to the end and waits until the byte at `last` is in the DOM. */
    async scrollToEnd(last, timeout) {
      const rows = document.querySelector('#hex-rows');
      const t0 = performance.now();
      rows.scrollTop = rows.scrollHeight;
      await until(() => document.querySelector(`#hex-view .hex-byte[data-offset="${last}"]`) !== null, timeout);
      const inDom = performance.now() - t0;
      await frame();
      return { inDom, frame: performance.now() - t0, rowsInDom: rows.querySelectorAll('.hex-row').length };
    },
    /** Scrolls #hex-rows to the top (a new file keeps the old scroll position, clamped) and waits for byte 0. */
    async scrollToStart(timeout) {
      const rows = document.querySelector('#hex-rows');
      const was = rows.scrollTop;
      rows.scrollTop = 0;
      await until(() => document.querySelector('#hex-view .hex-byte[data-offset="0"]') !== null, timeout);
      return was;
    },
    /** Hovers the byte at `offset` (mouseenter) and waits until it is selected and #span-details names it. */
    async hover(offset, timeout) {
      const byte = document.querySelector(`#hex-view .hex-byte[data-offset="${offset}"]`);
      if (!byte) {
        const b = document.querySelectorAll('#hex-view .hex-byte');
        throw new Error(`no byte ${offset} in the hex view: ${b.length} bytes from ${b[0]?.dataset.offset}; ${document.querySelector('#decode-status')?.textContent}`);
      }
      const details = document.querySelector('#span-details');
      const before = details.textContent;
      const t0 = performance.now();
      byte.dispatchEvent(new MouseEvent('mouseenter', { bubbles: false }));
      byte.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      await until(() => byte.classList.contains('selected') && details.textContent !== before, timeout);
      const selected = performance.now() - t0;
      await frame();
      return { selected, frame: performance.now() - t0, details: details.textContent.slice(0, 120) };
    },
    /** JSON.parse + JSON.stringify of `text` (the baseline of a decode), `times` times; ms each. */
    json(text, times) {
      const out = [];
      for (let i = 0; i < times; i++) {
        const t0 = performance.now();
        const parsed = JSON.parse(text);
        const again = JSON.stringify(parsed);
        out.push(performance.now() - t0);
        if (again.length === 0) throw new Error('empty');
      }
      return out;
    },
    wasmBytes: () => window.__wasm?.memory?.buffer?.byteLength ?? null,
    jsHeap: () => performance.memory?.usedJSHeapSize ?? null,
  };
}

/** The repository root, where `cargo` runs the native baseline. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * apache-avro's plain native decode of the file at `path` (crates/core/examples/apache_decode.rs, built with the
 * workspace's release profile: opt-level "z" and lto, as the CLI ships): its JSON line, or `{ error }` saying
 * why there is no number.
 */
function apacheAvroNative(path, runs) {
  const args = ['run', '--release', '-q', '-p', 'avro-playground-core', '--example', 'apache_decode', '--', path, String(runs)];
  const done = spawnSync('cargo', args, { cwd: ROOT, encoding: 'utf8', timeout: 900_000 });
  if (done.error) return { error: `cargo ${args.join(' ')}: ${done.error.message}` };
  if (done.status !== 0) return { error: `cargo ${args.join(' ')} exited ${done.status}: ${done.stderr.trim().split('\n').pop()}` };
  try {
    return JSON.parse(done.stdout.trim().split('\n').pop());
  } catch (e) {
    return { error: `unreadable output of apache_decode: ${done.stdout.trim()}` };
  }
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'avro-bench-'));
  const files = {
    tiny: userContainer({ size: 1, perBlock: 5 }),
    '1mb': userContainer({ size: 1_000_000 }),
    '10mb': userContainer({ size: 10_000_000 }),
  };
  const paths = {};
  for (const [name, made] of Object.entries(files)) {
    paths[name] = join(dir, `bench-${name}.avro`);
    await writeFile(paths[name], made.file);
  }
  const samples = {};
  const add = (key, value) => (samples[key] ??= []).push(value);
  let extra = {};
  try {
    await withPage('bench', async ({ page, url, problems }) => {
      page.setDefaultTimeout(STEP_TIMEOUT);
      await page.addInitScript(() => {
        addEventListener('TrunkApplicationStarted', (e) => {
          window.__wasm = e.detail?.wasm;
        });
      });
      await openApp(page, url);
      await page.click('#tab-decode');
      await page.evaluate(installHelpers);
      const browserVersion = page.context().browser()?.version();

      const decode = async (name) => {
        const file = `bench-${name}.avro`;
        await page.evaluate(([f, t]) => window.__bench.armDecode(f, t), [file, STEP_TIMEOUT]);
        await page.setInputFiles('#bytes-file', paths[name]);
        return page.evaluate(() => window.__bench.decode);
      };
      const lastOffset = (name) => files[name].file.length - 1;

      // One warm-up pass (first wasm calls, allocator growth), not recorded.
      await decode('tiny');
      await decode('1mb');

      for (let run = 0; run < RUNS; run++) {
        const tiny = await decode('tiny');
        add('decode_tiny_ms', tiny.status);
        add('decode_tiny_frame_ms', tiny.frame);
        extra.tiny_scroll_top_before_reset = await page.evaluate(([t]) => window.__bench.scrollToStart(t), [STEP_TIMEOUT]);
        const hoverTiny = await page.evaluate(([t]) => window.__bench.hover(0, t), [STEP_TIMEOUT]);
        add('hover_tiny_first_byte_ms', hoverTiny.selected);

        for (const name of ['1mb', '10mb']) {
          const d = await decode(name);
          add(`decode_${name}_ms`, d.status);
          add(`decode_${name}_frame_ms`, d.frame);
          add(`decode_${name}_longest_task_ms`, d.longestTask);
          const s = await page.evaluate(([l, t]) => window.__bench.scrollToEnd(l, t), [lastOffset(name), STEP_TIMEOUT]);
          add(`scroll_${name}_to_end_ms`, s.inDom);
          add(`scroll_${name}_to_end_frame_ms`, s.frame);
          extra[`rows_in_dom_${name}`] = s.rowsInDom;
          const h = await page.evaluate(([o, t]) => window.__bench.hover(o, t), [lastOffset(name), STEP_TIMEOUT]);
          add(`hover_${name}_last_byte_ms`, h.selected);
          add(`hover_${name}_last_byte_frame_ms`, h.frame);
          extra[`hover_${name}_details`] = h.details.replace(/\s+/g, ' ').trim();
          if (name === '10mb') {
            extra.wasm_memory_bytes_after_10mb = await page.evaluate(() => window.__bench.wasmBytes());
            extra.js_heap_bytes_after_10mb = await page.evaluate(() => window.__bench.jsHeap());
            if (run === 0) await screenshot(page, 'bench-10mb');
          }
        }
        for (const name of ['1mb', '10mb']) {
          const times = await page.evaluate(([text]) => window.__bench.json(text, 1), [files[name].json]);
          add(`json_parse_stringify_${name}_ms`, times[0]);
        }
      }
      if (problems.length) throw new Error(`page problems:\n  ${problems.join('\n  ')}`);
      extra.browser = browserVersion;
    });
    // The same 1 MB file decoded natively by apache-avro, after the browser is done (not at the same time).
    extra.apache_avro_native_1mb = apacheAvroNative(paths['1mb'], Math.max(RUNS, 20));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  const ratio = (a, b) => round(m[a] / m[b], 2);
  const results = {
    what: 'median over runs; *_ms from performance.now() in the page; ratios are against baselines measured in the same page and run',
    date: new Date().toISOString(),
    runs: RUNS,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, chromium: extra.browser ?? CHROMIUM },
    dist: DIST_DIR,
    files: Object.fromEntries(
      Object.entries(files).map(([k, f]) => [
        k,
        { bytes: f.file.length, records: f.records, blocks: f.blocks, json_text_bytes: Buffer.byteLength(f.json) },
      ]),
    ),
    median_ms: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round(v)])),
    ratios: {
      decode_1mb_vs_json_parse_stringify_1mb: ratio('decode_1mb_ms', 'json_parse_stringify_1mb_ms'),
      decode_10mb_vs_json_parse_stringify_10mb: ratio('decode_10mb_ms', 'json_parse_stringify_10mb_ms'),
      decode_1mb_vs_decode_tiny: ratio('decode_1mb_ms', 'decode_tiny_ms'),
      decode_10mb_vs_decode_tiny: ratio('decode_10mb_ms', 'decode_tiny_ms'),
      decode_10mb_vs_decode_1mb: ratio('decode_10mb_ms', 'decode_1mb_ms'),
      scroll_10mb_vs_scroll_1mb: ratio('scroll_10mb_to_end_ms', 'scroll_1mb_to_end_ms'),
      hover_10mb_last_vs_hover_tiny_first: ratio('hover_10mb_last_byte_ms', 'hover_tiny_first_byte_ms'),
      hover_10mb_last_vs_hover_1mb_last: ratio('hover_10mb_last_byte_ms', 'hover_1mb_last_byte_ms'),
    },
    vs_apache_avro_native: (() => {
      const native = extra.apache_avro_native_1mb;
      if (!native || native.error) return { error: native?.error ?? 'not measured' };
      return {
        file_bytes: native.bytes,
        records: native.records,
        apache_avro_ms: round(native.median_ms, 2),
        apache_avro_min_ms: round(native.min_ms, 2),
        apache_avro_runs: native.runs,
        native_build: 'cargo run --release: the workspace release profile (opt-level "z", lto), as benches/decode.rs',
        browser_decode_annotate_ms: round(m.decode_1mb_ms),
        ratio: round(m.decode_1mb_ms / native.median_ms, 1),
      };
    })(),
    extra,
    samples_ms: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((x) => round(x, 2))])),
  };
  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, `${JSON.stringify(results, null, 2)}\n`);

  console.log(`decode benchmark (${RUNS} runs, median; ${results.machine.chromium}, ${results.machine.cpus} cpus)`);
  for (const [k, f] of Object.entries(results.files)) {
    console.log(`  file ${k.padEnd(5)} ${String(f.bytes).padStart(9)} bytes, ${f.records} records, ${f.blocks} blocks`);
  }
  for (const [k, v] of Object.entries(results.median_ms)) console.log(`  ${k.padEnd(40)} ${String(v).padStart(9)} ms`);
  for (const [k, v] of Object.entries(results.ratios)) console.log(`  ratio ${k.padEnd(42)} ${v}`);
  const vs = results.vs_apache_avro_native;
  if (vs.error) console.log(`  vs apache-avro native: not measured (${vs.error})`);
  else
    console.log(
      `  1 MB file (${vs.file_bytes} bytes, ${vs.records} records): native apache-avro plain decode ${vs.apache_avro_ms} ms; ` +
        `browser decode + annotate ${vs.browser_decode_annotate_ms} ms = ${vs.ratio}× apache-avro`,
    );
  if (extra.wasm_memory_bytes_after_10mb) {
    console.log(`  wasm memory after the 10 MB decode: ${(extra.wasm_memory_bytes_after_10mb / 1e6).toFixed(1)} MB`);
  }
  console.log(`written to ${OUT}`);
}

await main();
