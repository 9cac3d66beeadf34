import { withPage } from '../harness/browser.mjs';
function version(v) {
  const fields = [];
  for (let i = 0; i < 100; i++) fields.push({ name: `f${i}`, type: i < v ? 'long' : 'int' });
  for (let e = 0; e < v; e++) fields.push({ name: `extra${e}`, type: ['null', 'string'], default: null });
  return JSON.stringify({ type: 'record', name: 'Wide', namespace: 'bench', doc: 'd', fields }, null, 1);
}
function datum(v) { const value = {}; for (let i = 0; i < 100; i++) value[`f${i}`] = 1; for (let e = 0; e < v; e++) value[`extra${e}`] = null; return JSON.stringify(value); }
const N = Number(process.env.N ?? 30);
const ws = JSON.stringify({ versions: Array.from({ length: N }, (_, i) => ({ name: `v${i + 1}`, text: version(i + 1) })), current: N - 1, datum: datum(N) });
await withPage('profile', async ({ page, url }) => {
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate((s) => { localStorage.clear(); localStorage.setItem('avro-playground/workspace/v2', s); }, ws);
  await page.reload({ waitUntil: 'load' });
  await page.locator(`#matrix tr:nth-child(${N}) td`).first().waitFor({ timeout: 120000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Performance.enable');
  const m0 = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await cdp.send('Profiler.start');
  const times = await page.evaluate(async () => {
    const out = [];
    for (let r = 0; r < 30; r++) {
      const area = document.querySelector('#schema-input');
      area.value = area.value.replace(/("f0",\s*"type": )"(long|float)"/, (_, h, t) => `${h}"${t === 'long' ? 'float' : 'long'}"`);
      const t0 = performance.now();
      area.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((ok) => setTimeout(ok, 0));
      await new Promise((ok) => requestAnimationFrame(() => ok()));
      out.push(performance.now() - t0);
    }
    return out;
  });
  const { profile } = await cdp.send('Profiler.stop');
  const m1 = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  for (const k of ['LayoutCount', 'RecalcStyleCount', 'LayoutDuration', 'RecalcStyleDuration', 'ScriptDuration', 'TaskDuration', 'Nodes']) console.log(k, ((m1[k] - m0[k]) / 30).toFixed(4), 'per edit; now', m1[k]);
  const self = new Map();
  const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
  for (const [id, us] of counts) { const n = byId.get(id); const k = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`; self.set(k, (self.get(k) ?? 0) + us); }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log('edit ms', times.map((t) => t.toFixed(1)).join(' '));
  console.log('total sampled ms', (total / 1000).toFixed(1));
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((us / 1000).toFixed(1).padStart(8), k.slice(0, 150));
  // Inclusive time: each sample counted once for every distinct function on its stack.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  for (const [id, us] of counts) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at); const k = n.callFrame.functionName;
      if (!k || seen.has(k)) continue; seen.add(k); incl.set(k, (incl.get(k) ?? 0) + us);
    }
  }
  console.log('--- inclusive (web/core functions)');
  for (const [k, us] of [...incl].filter(([k]) => /avro_playground|compat|tachys::html|set_inner|lint|canonical|History/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((us / 1000 / 30).toFixed(2).padStart(8), 'ms/edit', k.replace(/::h[0-9a-f]{16}$/, '').slice(0, 160));
});
