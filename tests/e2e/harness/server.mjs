// A tiny static file server for the built site (dist/), mounted under a base path so the tests prove the
// build works from any sub-path, and gzipping what a static host would (when the browser accepts it). Also usable from the command line:
//   node tests/e2e/harness/server.mjs --dir dist --port 8080 --base /
//
// Test modes, for failed loads and a dropped network. They act on the server, so they reach every request the
// browser makes, a worker's included (`page.route` and offline emulation can miss a worker's requests):
//   refuse(match, { drop })  answers 503 to every file that `match` names (a path under the base such as
//                            'app_bg.wasm', or a RegExp tested against that path) until `allow()`; with
//                            `drop: true` it destroys the connection instead of answering.
//   allow()                  ends every refusal.
//   hold(match)              keeps every request for a file that `match` names waiting, unanswered, until
//                            `release()` (a slow network, to see what the page shows while a part loads).
//   release()                answers the held requests and ends the hold.
//   stop()                   stops listening and destroys every open connection, keep-alive ones included, so the
//                            browser's next request fails (connection refused).
//   resume()                 listens again on the same port.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.avsc': 'application/json; charset=utf-8',
  '.avro': 'application/octet-stream',
};

/** Types a static host compresses (everything text-like, and wasm). */
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.avsc']);

/** Normalises a base path to the form `/a/b/` (or `/`). */
export function normaliseBase(base) {
  const parts = String(base ?? '/').split('/').filter(Boolean);
  return parts.length ? `/${parts.join('/')}/` : '/';
}

/**
 * Serves `dir` under `base` on 127.0.0.1:`port` (0 picks a free port).
 * Anything outside `base` is a 404, so an absolute asset URL in the build shows up as a failed request.
 * Resolves to `{ url, port, close(), refuse(match, { drop }), allow(), hold(match), release(), stop(), resume() }`;
 * `url` ends with the
 * base path. The test modes are described at the top of this file.
 */
export async function serveDir({ dir, base = '/', port = 0, host = '127.0.0.1', log = false } = {}) {
  const root = resolve(dir);
  const prefix = normaliseBase(base);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) throw new Error(`no such directory: ${root} (build the site first)`);

  // Compressed bodies by file and modification time: the tests load the same wasm many times.
  const gzipped = new Map();
  // Refusals in force: `{ match, drop }`, see refuse().
  let refusals = [];
  const matches = (match, rel) => (match instanceof RegExp ? match.test(rel) : match === rel);
  const refused = (rel) => refusals.find(({ match }) => matches(match, rel));
  // Holds in force, and the requests waiting on them (see hold()).
  let holds = [];
  let held = [];
  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8', extra = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
      if (log) console.log(`${status} ${req.method} ${req.url}`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'bad request');
    }
    if (`${pathname}/` === prefix) return send(301, '', undefined, { location: prefix });
    if (!pathname.startsWith(prefix)) return send(404, `not under ${prefix}: ${pathname}`);
    let rel = pathname.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const refusal = refused(rel);
    if (refusal?.drop) {
      if (log) console.log(`dropped ${req.method} ${req.url}`);
      return req.socket.destroy();
    }
    if (refusal) return send(503, `refused by the test: ${pathname}`);
    if (holds.some((match) => matches(match, rel))) await new Promise((go) => held.push(go));
    const file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) return send(403, 'forbidden');
    try {
      const body = await readFile(file);
      const ext = extname(file).toLowerCase();
      const type = TYPES[ext] ?? 'application/octet-stream';
      // Gzip when the browser accepts it, as static hosts do, so the page is timed as it is served.
      if (COMPRESSED.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const key = `${file}:${(await stat(file)).mtimeMs}`;
        if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 9 }));
        return send(200, gzipped.get(key), type, { 'content-encoding': 'gzip', vary: 'accept-encoding' });
      }
      send(200, body, type);
    } catch {
      send(404, `not found: ${pathname}`);
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}${prefix}`,
    port: actual,
    close: () => new Promise((ok) => server.close(() => ok())),
    refuse(match, { drop = false } = {}) {
      refusals.push({ match, drop });
    },
    allow() {
      refusals = [];
    },
    hold(match) {
      holds.push(match);
    },
    release() {
      holds = [];
      for (const go of held) go();
      held = [];
    },
    stop: () =>
      new Promise((ok, fail) => {
        server.close((err) => (err ? fail(err) : ok()));
        // close() only stops new connections; the browser would go on using its keep-alive ones.
        server.closeAllConnections();
      }),
    resume: () =>
      new Promise((ok, fail) => {
        server.once('error', fail);
        server.listen(actual, host, () => {
          server.off('error', fail);
          ok();
        });
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  };
  const served = await serveDir({
    dir: opt('dir', 'dist'),
    base: opt('base', '/'),
    port: Number(opt('port', '8080')),
    host: opt('host', '127.0.0.1'),
    log: args.includes('--log'),
  });
  console.log(`Serving ${resolve(opt('dir', 'dist'))} at ${served.url}`);
}
