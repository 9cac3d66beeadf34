#!/usr/bin/env bash
# Regenerates the paste fixtures from the real tools' output (xxd 2022-01-14, GNU coreutils od/base64/basenc 9.1,
# util-linux hexdump 2.38.1, bash printf, python3). Run from this folder; commit the results.
# MANIFEST.tsv lists, for each fixture, the form auto-detection must report and the bytes it must give.
set -euo pipefail
cd "$(dirname "$0")"
export LC_ALL=C

# --- The original bytes -------------------------------------------------------------------------------
# Confluent framing (00, schema id 1) + a record {"name": "foo", "n": 100, "text": "hello world, avro!\n"}
# + 48 zero bytes (so od and hexdump print `*`) + "xyz": 82 bytes, even length.
printf '\x00\x00\x00\x00\x01\x06foo\xc8\x01\x26hello world, avro!\n' > confluent.bin
head -c 48 /dev/zero >> confluent.bin
printf 'xyz' >> confluent.bin
# Single-object encoding (C3 01 + fingerprint) + a datum; 37 bytes, odd length; base64 has + and /,
# base64url - and _.
printf '\xc3\x01\x8f\x5c\x39\x3f\x1a\xd5\x75\x72\x0a\x6a\x6f\x68\x6e\xfe\xff\x03\x02\x28\x06\x6b\x65\x79' > single_object.bin
printf '\xfb\xef\xbe\x2f\x3e\x3f\x7c\x00\x7e\x80\xbf\x10\x99' >> single_object.bin
# Five bytes: od -t x4 pads the last word with three zero bytes.
printf '\x01\x02\x03\x04\x05' > tiny.bin
# 100 zero bytes + "end": xxd -a collapses the zero lines into `*`.
head -c 100 /dev/zero > zeros.bin
printf 'end' >> zeros.bin
# Bytes whose ASCII column is itself valid hex: xxd must not read "cafe babe" twice.
printf 'cafe babe deadbeef 0123' > hexlike_text.bin
# No NUL byte (bash strings cannot hold one), for printf %q.
printf '\x02\x06foo\xc8\x01\x26it'"'"'s \\ "quoted"\t\x7f\xff' > no_nul.bin
# A valid UTF-8 text that holds control characters: raw binary, not a text form.
printf '\x02\x06foo\x0c\x01' > control_chars.bin

# --- xxd ----------------------------------------------------------------------------------------------
xxd confluent.bin > xxd.txt
xxd -u confluent.bin > xxd_upper.txt
xxd -a zeros.bin > xxd_autoskip.txt
xxd -g 1 -c 8 single_object.bin > xxd_g1_c8.txt
xxd -e single_object.bin > xxd_little_endian.txt
xxd hexlike_text.bin > xxd_hexlike_ascii.txt
xxd confluent.bin | sed 's/$/\r/' > xxd_crlf.txt
xxd -p confluent.bin > xxd_plain.txt
xxd -p -u single_object.bin > xxd_plain_upper.txt
xxd -i single_object.bin > xxd_include.txt

# --- od and hexdump -----------------------------------------------------------------------------------
od -x confluent.bin > od_x.txt
od -x single_object.bin > od_x_odd.txt
od -t x2 single_object.bin > od_t_x2_odd.txt
od -t x4 tiny.bin > od_t_x4_odd.txt
od -A x -t x1z confluent.bin > od_ax_t_x1z.txt
od -A x -t x1z single_object.bin > od_ax_t_x1z_odd.txt
od -A d -t x1 single_object.bin > od_ad_t_x1.txt
od -t x1 confluent.bin | sed 's/$/\r/' > od_t_x1_crlf.txt
od -A n -t x1 single_object.bin > od_an_t_x1.txt
hexdump confluent.bin > hexdump.txt
hexdump single_object.bin > hexdump_odd.txt
hexdump -C confluent.bin > hexdump_c.txt
hexdump -C single_object.bin > hexdump_c_odd.txt
hexdump -C zeros.bin > hexdump_c_repeat.txt

# --- base64 -------------------------------------------------------------------------------------------
base64 confluent.bin > base64_wrapped.txt
base64 single_object.bin > base64_plus_slash.txt
base64 -w 16 single_object.bin | tr -d '=' > base64_unpadded_wrapped.txt
basenc --base64url single_object.bin > base64url.txt
basenc --base64url -w 0 single_object.bin | tr -d '=' > base64url_unpadded.txt

# --- hex lists ----------------------------------------------------------------------------------------
hexdump -v -e '/1 "0x%02X, "' confluent.bin > hex_0x_comma_upper.txt
# (util-linux hexdump cannot print a backslash, so sed adds the `\x` to xxd's plain hex)
xxd -p confluent.bin | sed 's/../\\x&/g' > hex_backslash_x.txt
hexdump -v -e '16/1 "%02X " "\r\n"' single_object.bin | sed 's/  *\r$/\r/' > hex_spaced_upper_crlf.txt
printf 'deadbeef' > ambiguous_deadbeef.txt
xxd -r -p ambiguous_deadbeef.txt > ambiguous_deadbeef.bin
printf '12345678\n' > ambiguous_digits.txt
xxd -r -p ambiguous_digits.txt > ambiguous_digits.bin
od -A x -t x1 tiny.bin > ambiguous_od_or_hex.txt

# --- escaped text -------------------------------------------------------------------------------------
bash -c 'printf "%q\n" "$(cat no_nul.bin)"' > escaped_printf_q.txt
python3 -c 'import sys; print(open(sys.argv[1], "rb").read())' confluent.bin > escaped_python.txt
# Hand-written escapes, the bytes from printf itself.
printf '%s\n' '\x00\x00\x00\x00\x01\x06foo\xc8\x01&hello\tworld\\ \0\101\n' > escaped_printf.txt
printf "$(cat escaped_printf.txt)" > escaped_printf.bin

# --- several messages, one per line (as kcat prints them); an empty line is a tombstone ---------------
{
  base64 -w 0 confluent.bin; echo
  xxd -p -c 0 single_object.bin
  echo
  xxd -p tiny.bin
  python3 -c 'import sys; print(open(sys.argv[1], "rb").read())' tiny.bin
} > messages.txt
