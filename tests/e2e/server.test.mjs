// The test server's modes for failed loads and a dropped network (harness/server.mjs), with plain HTTP requests:
// refuse() and allow() per file, stop() and resume() for the whole server. No browser.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { serveDir } from './harness/server.mjs';

/** GET `url` through `agent`: `{ status, body }`, or a rejection with the socket's error. */
function get(url, agent) {
  return new Promise((ok, fail) => {
    const req = request(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => ok({ status: res.statusCode, body }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

/** Serves a directory of two small files under a sub-path and runs `body({ server, agent })`. */
async function withServer(body) {
  const dir = await mkdtemp(join(tmpdir(), 'server-test-'));
  await writeFile(join(dir, 'app.js'), 'export {};\n');
  await writeFile(join(dir, 'app_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  const server = await serveDir({ dir, base: '/sub/' });
  // Keep-alive, as a browser: stop() must end these connections too.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await body({ server, agent });
  } finally {
    agent.destroy();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('refuse answers 503 to the named file only, until allow', async () => {
  await withServer(async ({ server, agent }) => {
    server.refuse('app_bg.wasm');
    assert.equal((await get(`${server.url}app_bg.wasm`, agent)).status, 503);
    assert.equal((await get(`${server.url}app.js`, agent)).status, 200);
    server.allow();
    assert.equal((await get(`${server.url}app_bg.wasm`, agent)).status, 200);
  });
});

test('refuse with a RegExp refuses every path it matches', async () => {
  await withServer(async ({ server, agent }) => {
    server.refuse(/\.(js|wasm)$/);
    assert.equal((await get(`${server.url}app.js`, agent)).status, 503);
    assert.equal((await get(`${server.url}app_bg.wasm`, agent)).status, 503);
    assert.equal((await get(`${server.url}nothing.txt`, agent)).status, 404);
    server.allow();
    assert.equal((await get(`${server.url}app.js`, agent)).status, 200);
  });
});

test('refuse with drop destroys the connection without an answer', async () => {
  await withServer(async ({ server, agent }) => {
    server.refuse('app.js', { drop: true });
    await assert.rejects(get(`${server.url}app.js`, agent), { code: 'ECONNRESET' });
    server.allow();
    assert.equal((await get(`${server.url}app.js`, agent)).status, 200);
  });
});

test('stop closes open keep-alive connections and refuses new ones; resume serves on the same port', async () => {
  await withServer(async ({ server, agent }) => {
    assert.equal((await get(`${server.url}app.js`, agent)).status, 200);
    const [open] = Object.values(agent.freeSockets).flat();
    assert.ok(open, 'the agent keeps its connection open');
    // The agent unrefs an idle socket; ref it, or the test could end before its close is seen.
    open.ref();
    const closed = new Promise((ok) => open.once('close', ok));
    await server.stop();
    await closed;
    await assert.rejects(get(`${server.url}app.js`, agent), { code: 'ECONNREFUSED' });
    await server.resume();
    assert.equal((await get(`${server.url}app.js`, agent)).status, 200);
  });
});

test('close after stop does not hang', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'server-test-'));
  try {
    const server = await serveDir({ dir, base: '/' });
    await server.stop();
    await server.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
