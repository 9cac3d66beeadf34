//! Schema resolution (specification: Schema Resolution): a datum written with one schema, read with
//! another. Works on the decoded writer value and explains every step. Where the spec's text and Java's
//! resolver differ (which reader union branch a non-union writer value goes to), we follow Java
//! (`Resolver.firstMatchingBranch`), which Kafka consumers run, and say why the branch was chosen.

use crate::avro_json::field_default;
use crate::schema::{Kind, Name, Schema, SchemaId};
use crate::value::Value;

/// One thing resolution did, at a path in the reader's datum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// JSON pointer into the reader's datum.
    pub path: String,
    /// What happened and by which rule.
    pub message: String,
}

/// A datum that cannot be read with the reader schema: the path into the writer's datum, and the rule that
/// fails.
pub type ResolveError = crate::value::ValueError;

/// The reader's datum and how it was obtained.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// The datum as the reader sees it.
    pub value: Value,
    /// Each promotion, default, skipped field, enum mapping, branch choice and alias used.
    pub steps: Vec<Step>,
}

/// Reads `value` (a datum of `writer`) as a datum of `reader`.
pub fn resolve(writer: &Schema, reader: &Schema, value: &Value) -> Result<Resolved, ResolveError> {
    let mut r = Resolver {
        writer,
        reader,
        steps: Vec::new(),
        path: Vec::new(),
    };
    let value = r.value(writer.root(), reader.root(), value)?;
    Ok(Resolved {
        value,
        steps: r.steps,
    })
}

struct Resolver<'a> {
    writer: &'a Schema,
    reader: &'a Schema,
    steps: Vec<Step>,
    path: Vec<String>,
}

/// Whether the reader's named type accepts the writer's name: same unqualified name, or a reader alias
/// equal to the writer's full name.
fn names_match(writer: &Name, reader: &Name, reader_aliases: &[Name]) -> bool {
    writer.name == reader.name || reader_aliases.iter().any(|a| a.full() == writer.full())
}

impl Resolver<'_> {
    fn here(&self) -> String {
        if self.path.is_empty() {
            "/".into()
        } else {
            format!("/{}", self.path.join("/"))
        }
    }

    fn fail<T>(&self, message: String) -> Result<T, ResolveError> {
        Err(ResolveError {
            path: self.here(),
            message,
        })
    }

    fn step(&mut self, message: String) {
        self.steps.push(Step {
            path: self.here(),
            message,
        });
    }

    fn value(&mut self, w: SchemaId, r: SchemaId, value: &Value) -> Result<Value, ResolveError> {
        let (wk, rk) = (self.writer.kind(w), self.reader.kind(r));
        match (wk, rk, value) {
            (Kind::Union(wb), _, Value::Union(i, inner)) => {
                let Some(&branch) = wb.get(*i as usize) else {
                    return self.fail(format!("writer union index {i} is out of range"));
                };
                self.value(branch, r, inner)
            }
            (_, Kind::Union(rb), _) => {
                let Some((j, why)) = self.first_matching_branch(w, rb) else {
                    let names: Vec<String> =
                        rb.iter().map(|b| self.reader.branch_name(*b)).collect();
                    return self.fail(format!(
                        "the writer's {} matches no branch of the reader's union [{}] (no branch of the same type or name, and none it promotes to)",
                        self.writer.describe(w),
                        names.join(", ")
                    ));
                };
                let branch = rb[j];
                self.step(format!(
                    "reader union: branch {j} ({}) chosen, {why}",
                    self.reader.branch_name(branch)
                ));
                let wrapped = !matches!(self.reader.kind(branch), Kind::Null);
                if wrapped {
                    self.path.push(self.reader.branch_name(branch));
                }
                let v = self.value(w, branch, value);
                if wrapped {
                    self.path.pop();
                }
                Ok(Value::Union(j as u32, Box::new(v?)))
            }
            (Kind::Record(wr), Kind::Record(rr), Value::Record(fields)) => {
                if !names_match(&wr.name, &rr.name, &rr.aliases) {
                    return self.fail(format!("record {} cannot be read as record {}: names differ and no reader alias matches", wr.name, rr.name));
                }
                if wr.name.full() != rr.name.full() {
                    let how = if wr.name.name == rr.name.name {
                        "same unqualified name"
                    } else {
                        "reader alias"
                    };
                    self.step(format!("record {} read as {} ({how})", wr.name, rr.name));
                }
                let mut out = Vec::with_capacity(rr.fields.len());
                for rf in &rr.fields {
                    let found = wr
                        .fields
                        .iter()
                        .position(|wf| wf.name == rf.name)
                        .map(|i| (i, false))
                        .or_else(|| {
                            wr.fields
                                .iter()
                                .position(|wf| rf.aliases.contains(&wf.name))
                                .map(|i| (i, true))
                        });
                    self.path.push(rf.name.clone());
                    let v = match found {
                        Some((i, by_alias)) => {
                            let wf = &wr.fields[i];
                            if by_alias {
                                self.step(format!("field `{}` read from the writer's `{}` (reader field alias)", rf.name, wf.name));
                            }
                            match fields.get(i) {
                                Some((_, wv)) => self.value(wf.schema, rf.schema, wv),
                                None => self.fail("the writer's record value lacks this field".into()),
                            }
                        }
                        None => match &rf.default {
                            Some(d) => match field_default(self.reader, rf) {
                                Some(v) => {
                                    self.step(format!("field `{}` is not in the writer's schema: its default {} is used", rf.name, d));
                                    Ok(v)
                                }
                                None => self.fail(format!("the default of field `{}` does not fit its type", rf.name)),
                            },
                            None => self.fail(format!(
                                "reader field `{}` is not in the writer's record {} and has no default",
                                rf.name, wr.name
                            )),
                        },
                    };
                    self.path.pop();
                    out.push((rf.name.clone(), v?));
                }
                for wf in &wr.fields {
                    if !rr
                        .fields
                        .iter()
                        .any(|rf| rf.name == wf.name || rf.aliases.contains(&wf.name))
                    {
                        self.step(format!(
                            "writer field `{}` is not in the reader's schema: skipped",
                            wf.name
                        ));
                    }
                }
                Ok(Value::Record(out))
            }
            (Kind::Enum(we), Kind::Enum(re), Value::Enum(_, symbol)) => {
                if !names_match(&we.name, &re.name, &re.aliases) {
                    return self.fail(format!("enum {} cannot be read as enum {}: names differ and no reader alias matches", we.name, re.name));
                }
                match re.symbols.iter().position(|s| s == symbol) {
                    Some(j) => Ok(Value::Enum(j as u32, symbol.clone())),
                    None => match &re.default {
                        Some(d) => {
                            self.step(format!("symbol `{symbol}` is not in the reader's enum {}: its enum default `{d}` is used", re.name));
                            let j = re.symbols.iter().position(|s| s == d).unwrap_or(0);
                            Ok(Value::Enum(j as u32, d.clone()))
                        }
                        None => self.fail(format!("symbol `{symbol}` is not in the reader's enum {}, which has no default", re.name)),
                    },
                }
            }
            (Kind::Fixed(wf), Kind::Fixed(rf), Value::Fixed(_)) => {
                if !names_match(&wf.name, &rf.name, &rf.aliases) {
                    return self.fail(format!("fixed {} cannot be read as fixed {}: names differ and no reader alias matches", wf.name, rf.name));
                }
                if wf.size != rf.size {
                    return self.fail(format!(
                        "fixed {} has size {} but the reader's {} has size {}",
                        wf.name, wf.size, rf.name, rf.size
                    ));
                }
                Ok(value.clone())
            }
            (Kind::Array(wi), Kind::Array(ri), Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    self.path.push(i.to_string());
                    let v = self.value(*wi, *ri, item);
                    self.path.pop();
                    out.push(v?);
                }
                Ok(Value::Array(out))
            }
            (Kind::Map(wv), Kind::Map(rv), Value::Map(entries)) => {
                let mut out = Vec::with_capacity(entries.len());
                for (k, item) in entries {
                    self.path.push(k.clone());
                    let v = self.value(*wv, *rv, item);
                    self.path.pop();
                    out.push((k.clone(), v?));
                }
                Ok(Value::Map(out))
            }
            _ if wk.type_name() == rk.type_name() => Ok(value.clone()),
            _ if rk.promotes_from(wk) => {
                let promoted = match (value, rk) {
                    (Value::Int(i), Kind::Long) => Value::Long(i64::from(*i)),
                    (Value::Int(i), Kind::Float) => Value::Float(*i as f32),
                    (Value::Int(i), Kind::Double) => Value::Double(f64::from(*i)),
                    (Value::Long(l), Kind::Float) => Value::Float(*l as f32),
                    (Value::Long(l), Kind::Double) => Value::Double(*l as f64),
                    (Value::Float(f), Kind::Double) => Value::Double(f64::from(*f)),
                    (Value::String(s), Kind::Bytes) => Value::Bytes(s.as_bytes().to_vec()),
                    (Value::Bytes(b), Kind::String) => match String::from_utf8(b.clone()) {
                        Ok(s) => Value::String(s),
                        // Java's reader (`new String(bytes, UTF_8)`) does not fail: each invalid sequence
                        // becomes U+FFFD, and so does it here.
                        Err(_) => {
                            self.step(
                                "the writer's bytes are not valid UTF-8: each invalid sequence is read as U+FFFD (\u{FFFD}), \
                                 as Java's reader does"
                                    .into(),
                            );
                            Value::String(String::from_utf8_lossy(b).into_owned())
                        }
                    },
                    _ => {
                        return self.fail(format!(
                            "the value does not fit the writer's {}",
                            wk.type_name()
                        ))
                    }
                };
                self.step(format!("{} promoted to {}", wk.type_name(), rk.type_name()));
                Ok(promoted)
            }
            _ => self.fail(format!(
                "the writer's {} cannot be read as the reader's {} (no promotion between them)",
                self.writer.describe(w),
                self.reader.describe(r)
            )),
        }
    }

    /// Java's choice of reader branch for a non-union writer type: a branch of the same type (for named
    /// types the same full name, or a reader alias), else a record of matching structure (preferring the
    /// same short name), else the first branch the writer's type promotes to.
    fn first_matching_branch(
        &self,
        w: SchemaId,
        branches: &[SchemaId],
    ) -> Option<(usize, &'static str)> {
        let wk = self.writer.kind(w);
        let mut structure = None;
        for (j, b) in branches.iter().enumerate() {
            let bk = self.reader.kind(*b);
            if bk.type_name() != wk.type_name() {
                continue;
            }
            match (wk.name(), bk.name()) {
                (Some(wn), Some(bn)) => {
                    if wn.full() == bn.full() || bk.aliases().iter().any(|a| a.full() == wn.full())
                    {
                        return Some((j, "the same full name as the writer's type"));
                    }
                    if matches!(wk, Kind::Record(_))
                        && self.record_structure_matches(w, *b, 0)
                        && (structure.is_none() || wn.name == bn.name)
                    {
                        structure = Some(j);
                    }
                }
                _ => return Some((j, "the same type as the writer's")),
            }
        }
        if let Some(j) = structure {
            return Some((j, "a record whose fields the writer's record can fill"));
        }
        branches
            .iter()
            .position(|b| self.reader.kind(*b).promotes_from(wk))
            .map(|j| (j, "the first branch the writer's type promotes to"))
    }

    /// Java's shallow structure test: every reader field is fed by a writer field of a resolvable type,
    /// or has a default.
    fn record_structure_matches(&self, w: SchemaId, r: SchemaId, depth: usize) -> bool {
        let (Kind::Record(wr), Kind::Record(rr)) = (self.writer.kind(w), self.reader.kind(r))
        else {
            return false;
        };
        rr.fields.iter().all(|rf| {
            match wr
                .fields
                .iter()
                .find(|wf| wf.name == rf.name || rf.aliases.contains(&wf.name))
            {
                Some(wf) => !self.shallow_error(wf.schema, rf.schema, depth + 1),
                None => rf.default.is_some(),
            }
        })
    }

    /// Whether Java's resolver would give an error action right away for this pair of types.
    fn shallow_error(&self, w: SchemaId, r: SchemaId, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        let (wk, rk) = (self.writer.kind(w), self.reader.kind(r));
        match (wk, rk) {
            (Kind::Union(_), _) => false,
            (Kind::Fixed(wf), Kind::Fixed(rf)) => {
                wf.name.name != rf.name.name || wf.size != rf.size
            }
            (Kind::Enum(we), Kind::Enum(re)) => we.name.name != re.name.name,
            (_, Kind::Union(rb)) if wk.type_name() != "union" => {
                self.first_matching_branch(w, rb).is_none()
            }
            _ if wk.type_name() == rk.type_name() => false,
            _ => !rk.promotes_from(wk),
        }
    }
}
