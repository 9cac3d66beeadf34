//! Dumps: `xxd`, `od` and `hexdump` output. Each line holds an offset, groups of hex digits and maybe an ASCII
//! column; a `*` line stands for repeats of the line before it (up to the next offset); od and hexdump end
//! with a line holding only the length.
//!
//! The offsets are checked, not trusted blindly: they must follow the bytes read, which also tells their
//! radix (od's default is octal, xxd's and hexdump's hex, `od -A d` decimal). Groups wider than a byte are
//! little-endian words in od and hexdump output (`od -x` prints bytes `01 02` as `0201`) and byte order in
//! xxd's; an ASCII column, when present, settles the byte order if it contradicts that default.

use super::hex::push_pairs;
use super::{byte_count, quote, quote_char_at, text_lines, Fail, Line, MAX_INPUT_BYTES};

/// The most bytes `*` lines may stand for in one dump (1 MiB): far more than a pasted message repeats, and
/// little enough that a hostile dump of a few lines cannot make the page read megabytes.
const MAX_REPEATED_BYTES: usize = 1 << 20;

/// Which tool's conventions to read a dump with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    /// `xxd`: `offset:`, groups in byte order.
    Xxd,
    /// `od` and `hexdump`: groups wider than a byte are little-endian words.
    Od,
}

/// A dump read into bytes.
#[derive(Debug)]
pub(super) struct Dump {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// The tool the layout points to, e.g. "hexdump -C output".
    pub tool: &'static str,
    /// How it was read: radix, byte order, repeats, padding.
    pub note: String,
}

/// Lines longer than this skip the ASCII-column match (xxd's widest line, `-c 256 -g 1`, is about 1,050).
const ASCII_MATCH_LIMIT: usize = 2048;

/// An offset as written, and where.
struct Offset<'a> {
    digits: &'a str,
    at: usize,
}

/// One line of a dump.
enum Row<'a> {
    /// An offset (unless `od -A n`), groups of hex digits and maybe an ASCII column.
    Data {
        at: usize,
        offset: Option<Offset<'a>>,
        groups: Vec<&'a str>,
        ascii: Option<&'a str>,
    },
    /// `*`: the line before repeats until the next offset.
    Repeat { at: usize },
    /// Only an offset: the dump's length.
    End { offset: Offset<'a> },
}

impl Row<'_> {
    fn at(&self) -> usize {
        match self {
            Row::Data { at, .. } | Row::Repeat { at } => *at,
            Row::End { offset } => offset.at,
        }
    }
}

/// Whether the first non-blank line starts with `offset:` (at least four hex digits), as xxd prints.
pub(super) fn looks_like_xxd(text: &str) -> bool {
    let Some(first) = text_lines(text)
        .map(|l| l.text.trim())
        .find(|t| !t.is_empty())
    else {
        return false;
    };
    let n = first.bytes().take_while(u8::is_ascii_hexdigit).count();
    n >= 4
        && first.get(n..).is_some_and(|rest| {
            rest.strip_prefix(':')
                .is_some_and(|r| r.is_empty() || r.starts_with(char::is_whitespace))
        })
}

/// Whether `text` is laid out like od or hexdump output: the first line is an offset (four hex digits or more)
/// and a group, and it has an ASCII column (`|…|`, `>…<`) or another line starts with `*` or an offset of
/// the same width. Whether the offsets add up is for [`read`] to say.
pub(super) fn looks_like_od(text: &str) -> bool {
    let mut lines = text_lines(text)
        .map(|l| l.text)
        .filter(|t| !t.trim().is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    let mut tokens = first.split_whitespace();
    let (Some(offset), Some(group)) = (tokens.next(), tokens.next()) else {
        return false;
    };
    let is_hex = |t: &str| t.bytes().all(|b| b.is_ascii_hexdigit());
    if offset.len() < 4 || !is_hex(offset) || !is_hex(group) {
        return false;
    }
    if first.contains(['|', '>']) {
        return true;
    }
    lines.any(|line| {
        line.split_whitespace()
            .next()
            .is_some_and(|t| t == "*" || (t.len() == offset.len() && is_hex(t)))
    })
}

/// How many hex digits start the first non-blank line (the width of its offset, if it is a dump).
pub(super) fn first_offset_width(text: &str) -> usize {
    text_lines(text)
        .map(|l| l.text.trim_start())
        .find(|t| !t.is_empty())
        .map_or(0, |t| t.bytes().take_while(u8::is_ascii_hexdigit).count())
}

/// Reads a dump.
pub(super) fn read(text: &str, style: Style) -> Result<Dump, Fail> {
    // `od -A n` prints no offsets: every line then starts with a space, and the first token is a group as
    // wide as the next (an indented dump's offset is wider or narrower than its groups).
    let mut data_lines =
        text_lines(text).filter(|l| !l.text.trim().is_empty() && l.text.trim() != "*");
    let first_tokens_alike = data_lines.clone().next().is_some_and(|l| {
        let mut tokens = l.text.split_whitespace();
        matches!((tokens.next(), tokens.next()), (Some(a), Some(b)) if a.len() == b.len())
    });
    let no_offsets = style == Style::Od
        && first_tokens_alike
        && data_lines.all(|l| l.text.starts_with(char::is_whitespace));
    let mut rows = Vec::new();
    let mut marker = None;
    for line in text_lines(text) {
        if let Some((row, m)) = parse_row(&line, no_offsets)? {
            marker = marker.or(m);
            rows.push(row);
        }
    }
    let widest = rows
        .iter()
        .flat_map(|row| match row {
            Row::Data { groups, .. } => groups.as_slice(),
            _ => &[],
        })
        .map(|g| g.len() / 2)
        .max()
        .unwrap_or(1);
    let (swap, order_note) = group_order(&rows, style, widest);
    let radices = radix_candidates(&rows, style, marker);

    let mut chosen = None;
    let mut first_failure = None;
    let mut other_readings = Vec::new();
    for &radix in &radices {
        match (assemble(&rows, radix, swap), &chosen) {
            (Ok(assembled), None) => chosen = Some((radix, assembled)),
            (Ok(assembled), Some((_, first))) => {
                if assembled.bytes != first.bytes {
                    other_readings.push(format!(
                        "read as {} offsets they would give {}",
                        radix_name(radix),
                        byte_count(assembled.bytes.len())
                    ));
                }
            }
            (Err(fail), _) => {
                first_failure.get_or_insert(fail);
            }
        }
    }
    let Some((radix, assembled)) = chosen else {
        return Err(first_failure.unwrap_or_else(|| Fail::new(0, "", "the dump could not be read")));
    };

    let offset_width = rows.iter().find_map(|row| match row {
        Row::Data {
            offset: Some(o), ..
        }
        | Row::End { offset: o } => Some(o.digits.len()),
        _ => None,
    });
    let tool = match (style, marker, radix) {
        (Style::Xxd, _, _) if swap && widest > 1 => "xxd -e output",
        (Style::Xxd, _, _) => "xxd output",
        (Style::Od, Some('|'), _) => "hexdump -C output",
        (Style::Od, Some(_), _) => "od -t x1z output",
        (Style::Od, None, None) => "od -A n output",
        (Style::Od, None, Some(8)) => "od output",
        (Style::Od, None, Some(10)) => "od -A d output",
        (Style::Od, None, Some(_)) if offset_width == Some(7) => "hexdump output",
        (Style::Od, None, Some(_)) if offset_width == Some(6) => "od -A x output",
        (Style::Od, None, Some(_)) => "a hex dump",
    };

    let mut notes = Vec::new();
    if let Some(radix) = radix {
        let mut offsets = format!("{} offsets", radix_name(Some(radix)));
        if !other_readings.is_empty() {
            offsets += &format!(" ({})", other_readings.join(", "));
        }
        notes.push(offsets);
    }
    if widest > 1 {
        notes.push(if swap {
            format!("groups of up to {widest} bytes read as little-endian words, byte-swapped")
        } else {
            format!("groups of up to {widest} bytes read in byte order")
        });
    }
    notes.extend(order_note.map(str::to_string));
    if assembled.repeated > 0 {
        notes.push(format!(
            "`*` lines stand for {} of repeats",
            byte_count(assembled.repeated)
        ));
    }
    if assembled.dropped > 0 {
        notes.push(format!(
            "the final offset drops {} of padding",
            byte_count(assembled.dropped)
        ));
    } else if style == Style::Od && widest > 1 && !assembled.final_offset && radix.is_some() {
        notes.push(
            "no final offset line, so a zero byte padding an odd length cannot be told from data"
                .to_string(),
        );
    }
    if rows
        .iter()
        .any(|r| matches!(r, Row::Data { ascii: Some(_), .. }))
    {
        notes.push("ASCII column ignored".to_string());
    }
    Ok(Dump {
        bytes: assembled.bytes,
        tool,
        note: notes.join("; "),
    })
}

/// Splits a line into its row; `None` for a blank line. The second value is the ASCII column's opening
/// marker (`|` or `>`) when there is one.
fn parse_row<'a>(
    line: &Line<'a>,
    no_offsets: bool,
) -> Result<Option<(Row<'a>, Option<char>)>, Fail> {
    let body = line.text.trim_start();
    let at = line.at + (line.text.len() - body.len());
    let body = body.trim_end();
    if body.is_empty() {
        return Ok(None);
    }
    if body == "*" {
        return Ok(Some((Row::Repeat { at }, None)));
    }
    let (offset, rest, rest_at, colon) = if no_offsets {
        (None, body, at, false)
    } else {
        let n = body.bytes().take_while(u8::is_ascii_hexdigit).count();
        if n == 0 {
            return Err(Fail::new(
                at,
                quote_char_at(body, 0),
                "does not start an offset: every line of a dump starts with one",
            ));
        }
        let digits = body.get(..n).unwrap_or_default();
        let after = body.get(n..).unwrap_or_default();
        let (colon, after) = match after.strip_prefix(':') {
            Some(after) => (true, after),
            None => (false, after),
        };
        let after_at = at + n + usize::from(colon);
        if after.starts_with(|c: char| !c.is_whitespace()) {
            return Err(Fail::new(
                after_at,
                quote_char_at(after, 0),
                "is not a hex digit: the offset column ends at a space",
            ));
        }
        (Some(Offset { digits, at }), after, after_at, colon)
    };
    if rest.trim().is_empty() {
        return Ok(offset.map(|offset| (Row::End { offset }, None)));
    }
    let (area, ascii, marker) = split_ascii(rest, colon, offset.is_some());
    let mut groups = Vec::new();
    for (pos, token) in tokens(area) {
        if let Some((k, _)) = token.char_indices().find(|(_, c)| !c.is_ascii_hexdigit()) {
            return Err(Fail::new(
                rest_at + pos + k,
                quote_char_at(token, k),
                "is not a hex digit",
            ));
        }
        if token.len() % 2 == 1 {
            return Err(Fail::new(
                rest_at + pos,
                quote(token),
                "has an odd number of hex digits: a group holds whole bytes",
            ));
        }
        groups.push(token);
    }
    Ok(Some((
        Row::Data {
            at,
            offset,
            groups,
            ascii,
        },
        marker,
    )))
}

/// The whitespace-separated tokens of `s` with their byte positions.
fn tokens(s: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let rest = s.get(from..)?;
        let start = from + (rest.len() - rest.trim_start().len());
        let tail = s.get(start..).filter(|t| !t.is_empty())?;
        let len = tail.find(char::is_whitespace).unwrap_or(tail.len());
        from = start + len;
        tail.get(..len).map(|token| (start, token))
    })
}

/// Splits the text after the offset into the hex area and the ASCII column.
fn split_ascii(rest: &str, xxd: bool, has_offset: bool) -> (&str, Option<&str>, Option<char>) {
    if xxd {
        return match split_by_shown_bytes(rest) {
            Some((area, ascii)) => (area, Some(ascii), None),
            None => {
                let (area, ascii) = split_at_double_space(rest);
                (area, ascii, None)
            }
        };
    }
    // hexdump -C opens its column with `|`, od's `z` suffix with `>`. Neither appears among hex groups, so
    // the first of them opens the column; the other may be inside it.
    let Some(i) = rest.find(['|', '>']) else {
        // An unmarked column (Wireshark's hex dump) is found by what it shows; only where there are offsets,
        // which catch a column found by mistake: the bytes before it would not add up.
        return match split_by_shown_bytes(rest).filter(|_| has_offset) {
            Some((area, ascii)) => (area, Some(ascii), None),
            None => (rest, None, None),
        };
    };
    let (open, close) = if rest.get(i..).is_some_and(|r| r.starts_with('|')) {
        ('|', '|')
    } else {
        ('>', '<')
    };
    let area = rest.get(..i).unwrap_or(rest);
    let column = rest.get(i + 1..).unwrap_or_default();
    (
        area,
        Some(column.strip_suffix(close).unwrap_or(column)),
        Some(open),
    )
}

/// An ASCII column without markers (xxd's) may itself look like hex (`cafe`), so it is found by what it
/// shows: it is where the rest of the line equals the bytes so far, shown as the dump tools show them (groups
/// in byte order or swapped). Returns the hex area and the column.
fn split_by_shown_bytes(rest: &str) -> Option<(&str, &str)> {
    if rest.len() > ASCII_MATCH_LIMIT {
        return None;
    }
    let mut in_order = String::new();
    let mut swapped = String::new();
    let mut bytes = Vec::new();
    for (pos, token) in tokens(rest) {
        if token.len() % 2 == 1 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        bytes.clear();
        push_pairs(token.as_bytes(), &mut bytes);
        in_order.extend(bytes.iter().map(|&b| shown(b)));
        swapped.extend(bytes.iter().rev().map(|&b| shown(b)));
        let end = pos + token.len();
        let column = rest.get(end..).unwrap_or_default().trim();
        if !column.is_empty()
            && column.len() <= in_order.len()
            && (column == in_order.trim() || column == swapped.trim())
        {
            return Some((rest.get(..end).unwrap_or(rest), column));
        }
    }
    None
}

/// xxd puts two spaces at least before its ASCII column and one between groups: the fallback for a column
/// that does not show the bytes (edited, or another encoding).
fn split_at_double_space(rest: &str) -> (&str, Option<&str>) {
    let lead = rest.len() - rest.trim_start().len();
    match rest.get(lead..).and_then(|r| r.find("  ")) {
        Some(i) => (
            rest.get(..lead + i).unwrap_or(rest),
            rest.get(lead + i..).map(str::trim),
        ),
        None => (rest, None),
    }
}

/// A byte as the ASCII columns of xxd, od and hexdump show it.
fn shown(b: u8) -> char {
    if (0x20..=0x7e).contains(&b) {
        char::from(b)
    } else {
        '.'
    }
}

/// The byte order of multi-byte groups: the style's default unless every ASCII column contradicts it.
fn group_order(rows: &[Row<'_>], style: Style, widest: usize) -> (bool, Option<&'static str>) {
    let default = style == Style::Od;
    if widest <= 1 {
        return (default, None);
    }
    let mut columns = 0;
    let mut fits_default = true;
    let mut fits_other = true;
    for row in rows {
        if let Row::Data {
            groups,
            ascii: Some(column),
            ..
        } = row
        {
            columns += 1;
            let column = column.trim();
            fits_default &= render(groups, default).trim() == column;
            fits_other &= render(groups, !default).trim() == column;
        }
    }
    match (columns, fits_default, fits_other) {
        (0, _, _) | (_, true, _) => (default, None),
        (_, false, true) if default => (
            false,
            Some("the ASCII column shows the groups in byte order (a big-endian machine's dump), so they were not swapped"),
        ),
        (_, false, true) => (
            true,
            Some("the ASCII column shows the groups as little-endian words, so they were byte-swapped"),
        ),
        (_, false, false) => (
            default,
            Some("the ASCII column matches neither byte order"),
        ),
    }
}

/// The ASCII column a line of groups would have.
fn render(groups: &[&str], swap: bool) -> String {
    let mut shown_line = String::new();
    let mut bytes = Vec::new();
    for group in groups {
        bytes.clear();
        push_pairs(group.as_bytes(), &mut bytes);
        if swap {
            bytes.reverse();
        }
        shown_line.extend(bytes.iter().map(|&b| shown(b)));
    }
    shown_line
}

/// The offset radixes to try, most likely first; `None` alone when the dump has no offsets.
fn radix_candidates(rows: &[Row<'_>], style: Style, marker: Option<char>) -> Vec<Option<u32>> {
    let offsets: Vec<&str> = rows
        .iter()
        .filter_map(|row| match row {
            Row::Data {
                offset: Some(o), ..
            }
            | Row::End { offset: o } => Some(o.digits),
            _ => None,
        })
        .collect();
    let Some(width) = offsets.first().map(|d| d.len()) else {
        return vec![None];
    };
    let letters = offsets
        .iter()
        .any(|d| d.bytes().any(|b| b.is_ascii_alphabetic()));
    let high = offsets.iter().any(|d| d.contains(['8', '9']));
    // od prints 7 octal digits by default; hexdump -C, od -A x (6) and xxd (8) print hex.
    let preferred: &[u32] = match style {
        Style::Xxd => &[16, 10],
        Style::Od if marker == Some('|') || width != 7 => &[16, 8, 10],
        Style::Od => &[8, 16, 10],
    };
    preferred
        .iter()
        .filter(|&&r| r == 16 || (!letters && (r == 10 || !high)))
        .map(|&r| Some(r))
        .collect()
}

fn radix_name(radix: Option<u32>) -> &'static str {
    match radix {
        Some(8) => "octal",
        Some(10) => "decimal",
        Some(_) => "hex",
        None => "no",
    }
}

fn format_offset(value: usize, radix: u32, width: usize) -> String {
    match radix {
        8 => format!("{value:0width$o}"),
        10 => format!("{value:0width$}"),
        _ => format!("{value:0width$x}"),
    }
}

/// A dump's bytes under one radix, with what the `*` lines and the final offset did.
struct Assembled {
    bytes: Vec<u8>,
    repeated: usize,
    dropped: usize,
    final_offset: bool,
}

/// Where the bytes stand: the running state of [`assemble`].
struct Assembly {
    out: Vec<u8>,
    base: usize,
    radix: u32,
    last_line: Option<(usize, usize)>,
    pending_repeat: Option<usize>,
    repeated: usize,
}

impl Assembly {
    /// The offset's value relative to the first offset.
    fn value(&self, offset: &Offset<'_>) -> Result<usize, Fail> {
        let absolute = usize::from_str_radix(offset.digits, self.radix)
            .ok()
            .ok_or_else(|| {
                Fail::new(
                    offset.at,
                    quote(offset.digits),
                    format!(
                        "is too large for an offset read as {}",
                        radix_name(Some(self.radix))
                    ),
                )
            })?;
        absolute.checked_sub(self.base).ok_or_else(|| {
            Fail::new(
                offset.at,
                quote(offset.digits),
                "is smaller than the first offset: offsets only grow",
            )
        })
    }

    /// Brings the bytes up to `target` (an offset's value): expands a pending `*`, or checks that the
    /// offset follows on.
    fn reach(&mut self, target: usize, offset: &Offset<'_>) -> Result<(), Fail> {
        let now = self.out.len();
        let width = offset.digits.len();
        let expected = format_offset(self.base.saturating_add(now), self.radix, width);
        let radix = radix_name(Some(self.radix));
        let Some(star) = self.pending_repeat.take() else {
            if target == now {
                return Ok(());
            }
            return Err(Fail::new(
                offset.at,
                quote(offset.digits),
                format!(
                    "does not follow on: the lines before it hold {}, so it should be {expected} (offsets read as {radix})",
                    byte_count(now)
                ),
            ));
        };
        let (start, end) = self.last_line.unwrap_or((now, now));
        let line = self
            .out
            .get(start..end)
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        if target < now || line.is_empty() || !(target - now).is_multiple_of(line.len()) {
            return Err(Fail::new(
                offset.at,
                quote(offset.digits),
                format!(
                    "does not fit the `*` before it: the repeated line holds {}, so it should be {expected} plus a multiple of that (offsets read as {radix})",
                    byte_count(line.len())
                ),
            ));
        }
        if self.repeated.saturating_add(target - now) > MAX_REPEATED_BYTES {
            return Err(Fail::new(
                star,
                "`*`",
                format!(
                    "would repeat the line before it up to {}: `*` lines may stand for at most {} in all \
                     (a few bytes of dump must not become megabytes of input)",
                    byte_count(target),
                    byte_count(MAX_REPEATED_BYTES)
                ),
            ));
        }
        while self.out.len() < target {
            self.out.extend_from_slice(&line);
        }
        self.repeated += target - now;
        Ok(())
    }
}

/// Puts the rows' bytes together under one offset radix (`None`: no offsets), checking every offset.
fn assemble(rows: &[Row<'_>], radix: Option<u32>, swap: bool) -> Result<Assembled, Fail> {
    let first_offset = rows.iter().find_map(|row| match row {
        Row::Data {
            offset: Some(o), ..
        }
        | Row::End { offset: o } => Some(o),
        _ => None,
    });
    let mut state = Assembly {
        out: Vec::new(),
        base: 0,
        radix: radix.unwrap_or(16),
        last_line: None,
        pending_repeat: None,
        repeated: 0,
    };
    if let (Some(_), Some(first)) = (radix, first_offset) {
        state.base = state.value(first)?;
    }
    let mut widest = 1;
    let mut dropped = 0;
    let mut ended = false;
    for row in rows {
        if ended {
            return Err(Fail::new(
                row.at(),
                "",
                "a line follows the offset-only line, which ends a dump",
            ));
        }
        match row {
            Row::Repeat { at } => {
                if state.last_line.is_none() {
                    return Err(Fail::new(
                        *at,
                        "`*`",
                        "repeats the line before it, but no line of bytes comes before",
                    ));
                }
                if state.pending_repeat.is_some() {
                    return Err(Fail::new(*at, "`*`", "follows another `*`"));
                }
                state.pending_repeat = Some(*at);
            }
            Row::Data {
                at, offset, groups, ..
            } => {
                match (offset, radix, state.pending_repeat) {
                    (Some(offset), Some(_), _) => {
                        let target = state.value(offset)?;
                        state.reach(target, offset)?;
                    }
                    (_, _, Some(star)) => {
                        return Err(Fail::new(
                            star,
                            "`*`",
                            "cannot be expanded in a dump without offsets",
                        ))
                    }
                    _ => {}
                }
                let start = state.out.len();
                for group in groups {
                    let before = state.out.len();
                    push_pairs(group.as_bytes(), &mut state.out);
                    if swap {
                        if let Some(word) = state.out.get_mut(before..) {
                            word.reverse();
                        }
                    }
                    widest = widest.max(group.len() / 2);
                }
                if state.out.len() > MAX_INPUT_BYTES {
                    return Err(Fail::new(*at, "", "the dump holds more than 64 MiB"));
                }
                state.last_line = Some((start, state.out.len()));
            }
            Row::End { offset } => {
                ended = true;
                if radix.is_none() {
                    continue;
                }
                let target = state.value(offset)?;
                if state.pending_repeat.is_some() {
                    state.reach(target, offset)?;
                }
                let held = state.out.len();
                if target > held || held - target >= widest {
                    return Err(Fail::new(
                        offset.at,
                        quote(offset.digits),
                        format!(
                            "says the dump holds {}, but its lines hold {} (offsets read as {})",
                            byte_count(target),
                            byte_count(held),
                            radix_name(radix)
                        ),
                    ));
                }
                dropped = held - target;
                state.out.truncate(target);
            }
        }
    }
    if let Some(star) = state.pending_repeat {
        return Err(Fail::new(
            star,
            "`*`",
            "needs an offset line after it to say how often the line before it repeats",
        ));
    }
    Ok(Assembled {
        bytes: state.out,
        repeated: state.repeated,
        dropped,
        final_offset: ended,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn od(text: &str) -> Vec<u8> {
        read(text, Style::Od).unwrap().bytes
    }

    fn xxd(text: &str) -> Vec<u8> {
        read(text, Style::Xxd).unwrap().bytes
    }

    #[test]
    fn od_words_are_byte_swapped() {
        assert_eq!(od("0000000 0201 0403\n0000004\n"), vec![1, 2, 3, 4]);
    }

    #[test]
    fn od_odd_length_drops_the_padding_byte_by_the_final_offset() {
        let dump = read("0000000 0201 0403 0005\n0000005\n", Style::Od).unwrap();
        assert_eq!(dump.bytes, vec![1, 2, 3, 4, 5]);
        assert!(
            dump.note.contains("drops 1 byte of padding"),
            "{}",
            dump.note
        );
    }

    #[test]
    fn od_star_repeats_the_line_before_up_to_the_next_offset() {
        let text = "0000000 0000 0000 0000 0000 0000 0000 0000 0000\n*\n0000040 0201\n0000042\n";
        let mut want = vec![0; 32];
        want.extend([1, 2]);
        assert_eq!(od(text), want);
    }

    #[test]
    fn od_offsets_are_octal_by_default() {
        let dump = read(
            "0000000 0000 0000 0000 0000 0000 0000 0000 0000\n*\n0000100\n",
            Style::Od,
        )
        .unwrap();
        assert_eq!(dump.bytes.len(), 64);
        assert!(dump.note.contains("octal offsets"), "{}", dump.note);
        assert!(
            dump.note
                .contains("read as hex offsets they would give 256 bytes"),
            "{}",
            dump.note
        );
    }

    #[test]
    fn od_decimal_offsets_are_recognised_by_their_values() {
        let text = "0000000 00 01 02 03 04 05 06 07 08 09\n0000010 0a\n0000011\n";
        let dump = read(text, Style::Od).unwrap();
        assert_eq!(dump.bytes, (0..=10).collect::<Vec<u8>>());
        assert_eq!(dump.tool, "od -A d output");
    }

    #[test]
    fn od_without_offsets_reads_the_groups() {
        assert_eq!(od(" 0201 0403\n 0005\n"), vec![1, 2, 3, 4, 5, 0]);
    }

    #[test]
    fn indented_od_keeps_its_offsets() {
        assert_eq!(od("    0000000 0201 0403\n    0000004\n"), vec![1, 2, 3, 4]);
    }

    #[test]
    fn od_offset_that_does_not_follow_on_is_an_error() {
        let fail = read("0000000 0201\n0000004 0403\n", Style::Od).unwrap_err();
        assert_eq!(fail.at, 13);
        assert!(
            fail.problem.contains("does not follow on"),
            "{}",
            fail.problem
        );
    }

    #[test]
    fn star_without_a_following_offset_is_an_error() {
        let fail = read("0000000 0201\n*\n", Style::Od).unwrap_err();
        assert_eq!(fail.subject, "`*`");
    }

    #[test]
    fn star_that_would_exceed_the_limit_is_an_error() {
        let fail = read("00000000  00 00\n*\nfffffffe\n", Style::Od).unwrap_err();
        assert!(
            fail.problem.contains("at most 1048576 bytes"),
            "{}",
            fail.problem
        );
    }

    #[test]
    fn stars_may_stand_for_one_mib_of_repeats_in_all() {
        // Found by the paste fuzzer: 80 bytes of od text repeated a line up to 64 MiB, several times over.
        // One 16-byte line, then `*` up to octal 4000020 (1 MiB + 16): exactly 1 MiB of repeats.
        let line = "0000000 0000 0000 0000 0000 0000 0000 0000 0000\n*\n";
        let one_mib = format!("{line}4000020\n");
        let read_len = |text: &str| read(text, Style::Od).map(|d| d.bytes.len());
        assert_eq!(read_len(&one_mib), Ok((1 << 20) + 16));
        let fail = read_len(&format!("{line}4000040\n")).unwrap_err();
        assert!(
            fail.problem.contains("at most 1048576 bytes in all"),
            "{}",
            fail.problem
        );
    }

    #[test]
    fn xxd_ascii_column_is_ignored() {
        // The column `cafe` is valid hex; it must not be read as bytes.
        assert_eq!(xxd("00000000: 6361 6665  cafe\n"), b"cafe".to_vec());
    }

    #[test]
    fn xxd_ascii_column_is_found_when_spaces_collapsed() {
        assert_eq!(xxd("00000000: 6361 6665 cafe\n"), b"cafe".to_vec());
    }

    #[test]
    fn od_ascii_column_may_hold_a_pipe() {
        let text = "000000 61 7c 62  >a|b<\n000003\n";
        assert_eq!(od(text), b"a|b".to_vec());
    }

    #[test]
    fn unmarked_ascii_column_after_offsets_is_found_by_what_it_shows() {
        // Wireshark's "Copy as Hex Dump": 4-digit hex offsets, bytes, an ASCII column without markers.
        let text = "0000   63 61 66 65 00 01 02 03 04 05 06 07 08 09 0a 0b   cafe............\n\
                    0010   62 65 65 66                                       beef\n";
        let dump = read(text, Style::Od).unwrap();
        let mut want = b"cafe".to_vec();
        want.extend(0..12);
        want.extend(b"beef");
        assert_eq!(dump.bytes, want);
        assert_eq!(dump.tool, "a hex dump");
        assert!(looks_like_od(text));
    }

    #[test]
    fn hexdump_ascii_column_may_hold_a_greater_than_sign() {
        let text = "00000000  61 3e 62  |a>b|\n00000003\n";
        assert_eq!(od(text), b"a>b".to_vec());
    }

    #[test]
    fn xxd_ascii_column_with_pipes_and_brackets_is_ignored() {
        assert_eq!(
            xxd("00000000: 617c 623e 6320 2064  a|b>c  d\n"),
            b"a|b>c  d".to_vec()
        );
    }

    #[test]
    fn xxd_odd_length_has_a_short_last_group() {
        assert_eq!(
            xxd("00000000: 0102 0304 05                             .....\n"),
            vec![1, 2, 3, 4, 5]
        );
    }

    #[test]
    fn xxd_little_endian_groups_are_told_by_the_ascii_column() {
        let dump = read(
            "00000000: 6c6c6568 0000006f                    hello...\n",
            Style::Xxd,
        )
        .unwrap();
        assert_eq!(dump.bytes, b"hello\0\0\0".to_vec());
        assert_eq!(dump.tool, "xxd -e output");
    }

    #[test]
    fn hexdump_canonical_reads_bytes_in_order() {
        let text = "00000000  01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f 10  |................|\n00000010  11                                                |.|\n00000011\n";
        assert_eq!(od(text), (1..=0x11).collect::<Vec<u8>>());
    }

    #[test]
    fn final_offset_larger_than_the_bytes_is_an_error() {
        let fail = read("0000000 0201\n0000007\n", Style::Od).unwrap_err();
        assert!(
            fail.problem.contains("says the dump holds"),
            "{}",
            fail.problem
        );
    }

    #[test]
    fn line_without_an_offset_is_an_error_naming_it() {
        let fail = read("0000000 0201\nzz 0403\n", Style::Od).unwrap_err();
        assert_eq!((fail.at, fail.subject.as_str()), (13, "`z`"));
    }

    #[test]
    fn looks_like_od_needs_a_second_offset_line_or_a_column() {
        assert!(looks_like_od("0000000 0201\n0000002\n"));
        assert!(looks_like_od("00000000  01 02  |..|\n"));
        assert!(!looks_like_od("00000000 01020304\n"));
        assert!(!looks_like_od("000102030405060708090a0b\n0c0d0e0f\n"));
    }

    #[test]
    fn looks_like_xxd_needs_offset_colon_space() {
        assert!(looks_like_xxd("00000000: 0102  ..\n"));
        assert!(!looks_like_xxd("de:ad:be:ef"));
    }
}
