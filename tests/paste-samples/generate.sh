#!/usr/bin/env bash
# Regenerates the paste samples. Where the tool itself runs here (Java's Arrays.toString through jshell,
# Python, Node's console and JSON.stringify, jq) its output is taken as it is; where it does not (kcat, the
# REST Proxy, Kafka UI, AKHQ, Redpanda Console, a browser console, Go) the sample is written by the code
# below, which follows the tool's own source line by line (README.md names each file read). Run from this
# folder with java, python3, node and jq on PATH; commit the results.
set -euo pipefail
cd "$(dirname "$0")"
export LC_ALL=C.UTF-8

# --- The messages (schema r.avsc), Confluent-framed with schema id 42 -------------------------------------
# A: {"id": -2, "name": "hi"}   00 00 00 00 2A | 03 04 68 69
# B: {"id": 100, "name": "hi"}  00 00 00 00 2A | C8 01 04 68 69   (C8 01 is not UTF-8: text tools lose it)
# C: {"id": -2, "name": "é"}    00 00 00 00 2A | 03 04 C3 A9      (é is UTF-8: text tools keep it)
printf '\x00\x00\x00\x00\x2a\x03\x04hi' > a.bin
printf '\x00\x00\x00\x00\x2a\xc8\x01\x04hi' > b.bin
printf '\x00\x00\x00\x00\x2a\x03\x04\xc3\xa9' > c.bin

# --- Byte arrays as code and logs print them --------------------------------------------------------------
printf 'System.out.println(java.util.Arrays.toString(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("b.bin"))));\n/exit\n' > /tmp/arrays-to-string.jsh
jshell -q /tmp/arrays-to-string.jsh 2>/dev/null > java-arrays-tostring.txt
python3 -c 'import sys; print(list(open("b.bin", "rb").read()))' > python-list.txt
node -e 'console.log(Uint8Array.from(require("fs").readFileSync("b.bin")))' > node-uint8array.txt
node -e 'console.log(JSON.stringify(Array.from(require("fs").readFileSync("b.bin"))))' > js-json-stringify.txt
# Node shortens arrays over 100 items (util.inspect's maxArrayLength): 120 bytes.
node -e 'const b = new Uint8Array(120); b.set(require("fs").readFileSync("b.bin")); console.log(b)' > node-uint8array-cut.txt
# Chrome DevTools' one-line preview of a Uint8Array, and Go's fmt %v of a []byte: no browser or Go here.
printf 'Uint8Array(10) [0, 0, 0, 0, 42, 200, 1, 4, 104, 105]\n' > chrome-console-uint8array.txt
printf '[0 0 0 0 42 200 1 4 104 105]\n' > go-fmt-v.txt

# --- kcat -J (json.c's fmt_msg_output_json, strings escaped by yajl_encode.c's yajl_string_encode) -------
python3 - <<'PY'
def yajl(b):
    """yajl_string_encode without escape_solidus, as kcat's yajl_gen_alloc(NULL) leaves it."""
    short = {0x0d: b'\\r', 0x0a: b'\\n', 0x5c: b'\\\\', 0x22: b'\\"', 0x0c: b'\\f', 0x08: b'\\b', 0x09: b'\\t'}
    out = b''
    for c in b:
        if c in short:
            out += short[c]
        elif c < 0x20:
            out += b'\\u00' + b'%02X' % c
        else:
            out += bytes([c])
    return b'"' + out + b'"'

def message(offset, ts, key, payload, headers=None):
    js = b'{"topic":"orders","partition":0,"offset":%d,"tstype":"create","ts":%d,"broker":1' % (offset, ts)
    if headers is not None:
        js += b',"headers":[' + b','.join(yajl(h) for h in headers) + b']'
    js += b',"key":' + (b'null' if key is None else yajl(key))
    js += b',"payload":' + (b'null' if payload is None else yajl(payload))
    return js + b'}\n'

a, b, c = (open(n, 'rb').read() for n in ('a.bin', 'b.bin', 'c.bin'))
with open('kcat-J.jsonl', 'wb') as f:
    f.write(message(0, 1714564800123, b'user-1', a, [b'trace', b'7f3a']))
    f.write(message(1, 1714564800456, b'user-2', b))
    f.write(message(2, 1714564800789, b'user-1', None))
    f.write(message(3, 1714564801000, None, c))
PY
# The same piped through jq, which reads it as UTF-8 text: C8 becomes U+FFFD, as a terminal's copy would.
jq . kcat-J.jsonl > kcat-J-jq.json

# --- Confluent REST Proxy v2, binary: Jackson writes BinaryConsumerRecord (topic, key, value, partition,
# offset), key and value base64 (EntityUtils.encodeBase64Binary), nulls kept, no spaces --------------------
python3 - <<'PY'
import base64, json
def b64(n): return None if n is None else base64.b64encode(open(n, 'rb').read() if n.endswith('.bin') else n.encode()).decode()
records = [
    {"topic": "orders", "key": b64("user-1"), "value": b64("a.bin"), "partition": 0, "offset": 0},
    {"topic": "orders", "key": b64("user-2"), "value": b64("b.bin"), "partition": 0, "offset": 1},
    {"topic": "orders", "key": b64("user-1"), "value": None, "partition": 0, "offset": 2},
    {"topic": "orders", "key": None, "value": b64("c.bin"), "partition": 0, "offset": 3},
]
open('rest-proxy-v2-binary.json', 'w').write(json.dumps(records, separators=(',', ':')))
PY

# --- Kafka UI, AKHQ, Redpanda Console: their front ends write the file with JSON.stringify ---------------
node - <<'JS'
const fs = require('fs');
const bin = (n) => fs.readFileSync(n);
// Java's new String(bytes, UTF_8) and the browser's TextDecoder both put one U+FFFD for each bad sequence,
// as Node's Buffer.toString does.
const text = (n) => bin(n).toString('utf8');
const hex = (n) => Array.from(bin(n), (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');

// Kafka UI (Message.tsx): { Value: content, Offset, Key, Partition, Headers, Timestamp }, tab-indented;
// content is what the value serde wrote (String, Base64 or Hex), Timestamp a Date.
const kafkaUi = (content) => JSON.stringify({
  Value: content, Offset: 1, Key: 'user-2', Partition: 0, Headers: {}, Timestamp: new Date(1714564800456),
}, null, '\t');
fs.writeFileSync('kafka-ui-message-string.json', kafkaUi(text('a.bin')));
fs.writeFileSync('kafka-ui-message-string-damaged.json', kafkaUi(text('b.bin')));
fs.writeFileSync('kafka-ui-message-base64.json', kafkaUi(bin('b.bin').toString('base64')));
fs.writeFileSync('kafka-ui-message-hex.json', kafkaUi(hex('b.bin')));

// AKHQ (TopicController.download: Jackson, view Record.Views.Download; the front end then writes
// JSON.stringify(response.data, null, 2)). The timestamp is a ZonedDateTime written as seconds; the value
// new String(bytes) when no registry decodes it.
const akhq = (offset, ms, key, value) => ({
  partition: 0, offset, timestamp: ms / 1000, keySchemaId: null, valueSchemaId: value === null ? null : '42',
  headers: [], key, value,
});
fs.writeFileSync('akhq-download.json', JSON.stringify([
  akhq(0, 1714564800123, 'user-1', text('a.bin')),
  akhq(1, 1714564800456, 'user-2', text('b.bin')),
  akhq(2, 1714564800789, 'user-1', null),
], null, 2));

// Redpanda Console (save-messages-dialog.tsx, cleanMessages + toJson(…, 4)); payloads as
// message-converters.ts makes them: TextDecoder over the normalized payload, then JSON.parse when it parses.
const redpanda = (withRaw) => {
  // rawPayload only with "Include raw data" (base64FromUInt8Array); size is the backend's payloadSize.
  const payload = (encoding, body, bytes, schemaId) => ({
    payload: body, rawPayload: withRaw && bytes.length ? bytes.toString('base64') : undefined, encoding,
    isPayloadNull: encoding === 'null', schemaId: schemaId || 0, size: bytes.length,
  });
  const key = (k) => payload('text', k, Buffer.from(k));
  const message = (offset, ts, k, value) => ({
    partitionID: 0, offset, timestamp: ts, compression: 'uncompressed', isTransactional: false, headers: [],
    key: k, value,
  });
  return JSON.stringify([
    message(0, 1714564800123, key('user-1'), payload('avro', { id: -2, name: 'hi' }, bin('a.bin'), 42)),
    message(1, 1714564800456, key('user-2'), payload('binary', text('b.bin'), bin('b.bin'))),
    message(2, 1714564800789, key('user-1'), payload('null', '', Buffer.alloc(0))),
  ], null, 4);
};
fs.writeFileSync('redpanda-console-messages.json', redpanda(true));
fs.writeFileSync('redpanda-console-messages-no-raw.json', redpanda(false));
JS
rm -f /tmp/arrays-to-string.jsh
