// Writes first-load.json, the list of files the page loads before it is interactive (the `performance.mark`
// "interactive" of src/main.rs), with each file's raw and gzip -9 size. Trunk runs it as a `post_build` hook
// (Trunk.toml), after it has written the final index.html into its staging directory and before it moves that
// directory to dist/.
//
// It lives in src/ because it is part of the build, like src/crash.js: not in .ci/ (CI is not the only
// builder: `trunk serve` and the README's build run it too), not in public/ (copied to the site as it is) and
// not in tests/. It needs only Node and gzip, and reads nothing but the staging directory.
//
// What counts as the first load, read from the index.html that Trunk wrote:
//   - `<script src>`, and the string literals ending in .js or .wasm of inline `<script type="module">`
//     (Trunk's loader imports the app's JS and hands its wasm to `init`);
//   - `<link rel="modulepreload">` and `<link rel="preload">` (Trunk preloads the app's JS and wasm);
//   - the JS modules those import statically (`import … from './x.js'`, e.g. wasm-bindgen snippets), but not
//     dynamic `import()`s or workers: those load on demand. Trunk writes no tag for a `data-type="worker"`
//     binary, so its files are never listed here.
// Stylesheets (and any other preloaded file, a font say) are listed apart as `other`: the first-load budget
// counts modules (wasm and JS) only.
// Every listed file must be in the build; a URL outside it (another origin, `data:`) is an error.
// The e2e test tests/e2e/first-load.test.mjs checks `modules` against the browser's network log, and
// `.ci/test` checks their gzip sum against the first-load budget.
//
// By hand: TRUNK_STAGING_DIR=dist TRUNK_PUBLIC_URL=./ node src/build/first-load.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';

const MANIFEST = 'first-load.json';
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail('TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
const publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
const htmlFile = 'index.html';

/** Stops the build with a message naming this hook. */
function fail(message) {
  console.error(`first-load: ${message}`);
  process.exit(1);
}

// URLs are resolved as the browser resolves them from index.html, on a stand-in origin where the build's root
// is `publicUrl`; a URL under that root is a file of the build.
const site = new URL(publicUrl, 'https://build.invalid/');
const page = new URL(htmlFile, site);

/** The build-relative path of `url` (relative to `base`), or an error if it is not a file of this build. */
function fileOf(url, base, from) {
  const resolved = new URL(url, base);
  if (resolved.origin !== site.origin || !resolved.pathname.startsWith(site.pathname)) {
    fail(`${from} loads ${url}, which is not a file of this build: it cannot be measured`);
  }
  const file = decodeURIComponent(resolved.pathname.slice(site.pathname.length));
  if (!existsSync(join(staging, file))) fail(`${from} loads ${url}, but ${file} is not in the build`);
  return file;
}

/** The value of attribute `name` in a tag's attribute text, or null. */
function attr(attrs, name) {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
}

const html = readFileSync(join(staging, htmlFile), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
const modules = new Set();
const other = new Set();

for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
  const src = attr(attrs, 'src');
  if (src !== null) {
    modules.add(fileOf(src, page, htmlFile));
  } else if ((attr(attrs, 'type') ?? '').toLowerCase() === 'module') {
    for (const [, , literal] of body.matchAll(/(['"`])([^'"`\s]+\.(?:js|mjs|wasm))\1/g)) {
      modules.add(fileOf(literal, page, `${htmlFile}'s inline module`));
    }
  }
}
for (const [, attrs] of html.matchAll(/<link\b([^>]*)>/gi)) {
  const rel = (attr(attrs, 'rel') ?? '').toLowerCase().split(/\s+/);
  const href = attr(attrs, 'href');
  if (href === null) continue;
  if (rel.includes('modulepreload') || rel.includes('preload')) modules.add(fileOf(href, page, htmlFile));
  else if (rel.includes('stylesheet')) other.add(fileOf(href, page, htmlFile));
}
// A preloaded font or image is not a module; only wasm and JS are.
for (const file of modules) {
  if (!/\.(?:js|mjs|wasm)$/.test(file)) {
    modules.delete(file);
    other.add(file);
  }
}

// Static imports of every JS module, followed to the end (each file once).
for (const file of modules) {
  if (!/\.m?js$/.test(file)) continue;
  const text = readFileSync(join(staging, file), 'utf8');
  const imports = /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?(['"])([^'"]+)\1/g;
  for (const [, , specifier] of text.matchAll(imports)) {
    // Bare specifiers cannot load in the browser without an import map, which Trunk does not write.
    if (/^\.{0,2}\//.test(specifier)) {
      modules.add(fileOf(specifier, new URL(posix.join(site.pathname, file), site), file));
    }
  }
}

/** Raw and `gzip -9` bytes, measured as `.ci/test` measures every module (`gzip -9 -c FILE | wc -c`). */
function sized(file) {
  const path = join(staging, file);
  const gzip = execFileSync('gzip', ['-9', '-c', path], { maxBuffer: 1 << 30 }).length;
  return { file, raw: statSync(path).size, gzip };
}
const sum = (list) => ({
  raw: list.reduce((n, f) => n + f.raw, 0),
  gzip: list.reduce((n, f) => n + f.gzip, 0),
});
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

const moduleList = [...modules].sort(byName).map(sized);
const otherList = [...other].sort(byName).map(sized);
const manifest = {
  about:
    'The files index.html loads before the page is interactive (performance mark "interactive"), written by ' +
    'src/build/first-load.mjs. The first-load budget counts the modules (wasm and JS); other files ' +
    '(stylesheets) are listed apart.',
  modules: moduleList,
  modules_total: sum(moduleList),
  other: otherList,
  other_total: sum(otherList),
};
writeFileSync(join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
const total = manifest.modules_total;
console.log(`first-load: ${moduleList.length} modules, ${total.raw} bytes raw, ${total.gzip} gzip -9 (${MANIFEST})`);
