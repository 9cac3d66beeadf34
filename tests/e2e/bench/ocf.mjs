// Writes Avro Object Container Files (specification: Object Container Files) of `demo.User` records for the
// browser benchmark, independently of the Rust core: codec null or deflate, a fixed number of records per
// block, deterministic content. Also usable from the command line:
//   node tests/e2e/bench/ocf.mjs OUT.avro SIZE_BYTES [null|deflate]
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

/** The record of tests/corpus/ocf.json's `fastavro_*_blocks` files. */
export const USER_SCHEMA = {
  type: 'record',
  name: 'User',
  namespace: 'demo',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'email', type: ['null', 'string'], default: null },
    { name: 'tags', type: { type: 'array', items: 'string' } },
  ],
};

const SYNC = Buffer.from('bench-sync-16byt');
const MAGIC = Buffer.from([0x4f, 0x62, 0x6a, 0x01]);

/** Appends a zigzag varint long (safe integers only). */
function long(out, n) {
  let z = n >= 0 ? BigInt(n) * 2n : -BigInt(n) * 2n - 1n;
  do {
    let b = Number(z & 0x7fn);
    z >>= 7n;
    if (z > 0n) b |= 0x80;
    out.push(b);
  } while (z > 0n);
}

function bytes(out, buf) {
  long(out, buf.length);
  for (const b of buf) out.push(b);
}

const string = (out, s) => bytes(out, Buffer.from(s, 'utf8'));

/** A small deterministic generator (xorshift32). */
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Record `i` (Avro JSON object): varied name length, a null or string email, zero to three tags. */
function user(next, i) {
  const word = (len) => Array.from({ length: len }, () => ALPHABET[next() % 36]).join('');
  const name = word(6 + (next() % 12));
  const email = next() % 3 === 0 ? null : { string: `${name}@example.org` };
  const tags = Array.from({ length: next() % 4 }, () => word(3 + (next() % 8)));
  return { id: i * 7919 - 1_000_000, name, email, tags };
}

function encodeUser(out, u) {
  long(out, u.id);
  string(out, u.name);
  if (u.email === null) {
    long(out, 0);
  } else {
    long(out, 1);
    string(out, u.email.string);
  }
  if (u.tags.length) {
    long(out, u.tags.length);
    for (const t of u.tags) string(out, t);
  }
  long(out, 0);
}

/**
 * A container file of `demo.User` records whose blocks' data add up to at least `size` bytes.
 * Returns `{ file: Buffer, records: number, blocks: number, json: string }`, `json` being the records as an
 * Avro JSON array (the text a baseline parses).
 */
export function userContainer({ size, codec = 'null', perBlock = 1000, seed = 0x9e3779b9 }) {
  const next = rng(seed);
  const header = [];
  for (const b of MAGIC) header.push(b);
  long(header, 2);
  string(header, 'avro.schema');
  string(header, JSON.stringify(USER_SCHEMA));
  string(header, 'avro.codec');
  string(header, codec);
  long(header, 0);
  for (const b of SYNC) header.push(b);
  const parts = [Buffer.from(header)];
  const json = [];
  let total = 0;
  let records = 0;
  let blocks = 0;
  while (total < size) {
    const data = [];
    for (let i = 0; i < perBlock; i++) {
      const u = user(next, records++);
      json.push(JSON.stringify(u));
      encodeUser(data, u);
    }
    total += data.length;
    const stored = codec === 'deflate' ? deflateRawSync(Buffer.from(data)) : Buffer.from(data);
    const head = [];
    long(head, perBlock);
    long(head, stored.length);
    parts.push(Buffer.from(head), stored, SYNC);
    blocks++;
  }
  return { file: Buffer.concat(parts), records, blocks, json: `[${json.join(',\n')}]` };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [out, size, codec = 'null'] = process.argv.slice(2);
  if (!out || !size) {
    console.error('usage: node ocf.mjs OUT.avro SIZE_BYTES [null|deflate]');
    process.exit(2);
  }
  const made = userContainer({ size: Number(size), codec });
  await writeFile(out, made.file);
  console.log(`${out}: ${made.file.length} bytes, ${made.records} records in ${made.blocks} blocks (${codec})`);
}
