//! Parsing .avsc text into the schema model, checking every rule of the specification and naming where a
//! rule is broken (line:column and JSON pointer).

use super::logical::annotate;
use super::names::{dotted_name_problem, is_valid_name, Name, PRIMITIVES};
use super::{
    check_default, Enum, Field, Fixed, Kind, Node, Order, Record, Schema, SchemaError, SchemaId,
};
use crate::source::{line_column, parse_json, Json, JsonValue, Member, Pointer, TextRange};
use std::collections::HashMap;

/// Parses and validates a schema from its JSON text.
pub fn parse_schema(text: &str) -> Result<Schema, SchemaError> {
    let json = parse_json(text).map_err(|e| SchemaError {
        message: e.message,
        pointer: Pointer::root(),
        range: e.range,
        position: line_column(text, e.range.start),
    })?;
    parse_schema_json(&json, text)
}

/// Parses and validates a schema from already parsed JSON; `text` is the source the ranges refer to.
pub fn parse_schema_json(json: &Json, text: &str) -> Result<Schema, SchemaError> {
    #[cfg(feature = "parse-count")]
    crate::parse_count::count(&crate::parse_count::SCHEMAS);
    let mut parser = Parser {
        text,
        nodes: Vec::new(),
        names: HashMap::new(),
    };
    let root = parser.parse(json, &Pointer::root(), None)?;
    let mut schema = Schema {
        nodes: parser.nodes,
        root,
    };
    check_defaults(&mut schema, text)?;
    Ok(schema)
}

struct Parser<'t> {
    text: &'t str,
    nodes: Vec<Node>,
    names: HashMap<String, SchemaId>,
}

type Parsed<T> = Result<T, SchemaError>;

fn error_at(text: &str, range: TextRange, pointer: &Pointer, message: String) -> SchemaError {
    SchemaError {
        message,
        pointer: pointer.clone(),
        range,
        position: line_column(text, range.start),
    }
}

impl Parser<'_> {
    fn error<T>(
        &self,
        range: TextRange,
        pointer: &Pointer,
        message: impl Into<String>,
    ) -> Parsed<T> {
        Err(error_at(self.text, range, pointer, message.into()))
    }

    fn push(&mut self, kind: Kind, json: &Json, pointer: &Pointer) -> SchemaId {
        let id = SchemaId(self.nodes.len() as u32);
        self.nodes.push(Node {
            kind,
            logical: None,
            ignored_logical: None,
            pointer: pointer.clone(),
            range: json.range,
        });
        id
    }

    fn parse(
        &mut self,
        json: &Json,
        pointer: &Pointer,
        namespace: Option<&str>,
    ) -> Parsed<SchemaId> {
        match &json.value {
            JsonValue::String(name) => self.reference(name, json, pointer, namespace),
            JsonValue::Array(branches) => self.union(branches, json, pointer, namespace),
            JsonValue::Object(members) => self.object(members, json, pointer, namespace),
            _ => self.error(
                json.range,
                pointer,
                format!(
                    "a schema is a type name, an object or an array (a union); found {}",
                    json.kind_name()
                ),
            ),
        }
    }

    fn primitive(name: &str) -> Option<Kind> {
        Some(match name {
            "null" => Kind::Null,
            "boolean" => Kind::Boolean,
            "int" => Kind::Int,
            "long" => Kind::Long,
            "float" => Kind::Float,
            "double" => Kind::Double,
            "bytes" => Kind::Bytes,
            "string" => Kind::String,
            _ => return None,
        })
    }

    /// Looks a type name up: primitives, then the enclosing namespace, then the null namespace.
    fn lookup(&self, name: &str, namespace: Option<&str>) -> Option<SchemaId> {
        let qualified = Name::resolve(name, namespace).full();
        self.names
            .get(&qualified)
            .or_else(|| self.names.get(name))
            .copied()
    }

    fn reference(
        &mut self,
        name: &str,
        json: &Json,
        pointer: &Pointer,
        namespace: Option<&str>,
    ) -> Parsed<SchemaId> {
        if let Some(kind) = Self::primitive(name) {
            return Ok(self.push(kind, json, pointer));
        }
        match self.lookup(name, namespace) {
            Some(id) => Ok(id),
            None => {
                let full = Name::resolve(name, namespace).full();
                let tried = if full != name {
                    format!(" (looked for `{full}` and `{name}`)")
                } else {
                    String::new()
                };
                self.error(
                    json.range,
                    pointer,
                    format!("`{name}` is not a primitive type nor a type defined before this point{tried}"),
                )
            }
        }
    }

    fn union(
        &mut self,
        branches: &[Json],
        json: &Json,
        pointer: &Pointer,
        namespace: Option<&str>,
    ) -> Parsed<SchemaId> {
        let mut ids = Vec::with_capacity(branches.len());
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, b) in branches.iter().enumerate() {
            let at = pointer.push(i);
            let id = self.parse(b, &at, namespace)?;
            let kind = &self.nodes[id.0 as usize].kind;
            if let Kind::Union(_) = kind {
                return self.error(
                    b.range,
                    &at,
                    "a union may not directly contain another union",
                );
            }
            let key = match kind.name() {
                Some(n) => n.full(),
                None => kind.type_name().to_string(),
            };
            if let Some(first) = seen.insert(key.clone(), i) {
                let what = if kind.name().is_some() {
                    "named type"
                } else {
                    "type"
                };
                return self.error(
                    b.range,
                    &at,
                    format!("the union already has the {what} `{key}` at branch {first}; each type may appear once"),
                );
            }
            ids.push(id);
        }
        Ok(self.push(Kind::Union(ids), json, pointer))
    }

    fn object(
        &mut self,
        members: &[Member],
        json: &Json,
        pointer: &Pointer,
        namespace: Option<&str>,
    ) -> Parsed<SchemaId> {
        self.no_duplicate_keys(members, pointer)?;
        let Some(type_member) = json.get("type") else {
            return self.error(json.range, pointer, "a schema object needs a \"type\"");
        };
        let type_at = pointer.push("type");
        let Some(type_name) = type_member.value.as_str() else {
            return self.error(
                type_member.value.range,
                &type_at,
                format!(
                    "\"type\" must be a string naming the type; found {}",
                    type_member.value.kind_name()
                ),
            );
        };
        let id = if let Some(kind) = Self::primitive(type_name) {
            self.push(kind, json, pointer)
        } else {
            match type_name {
                "record" => return self.record(json, pointer, namespace),
                "enum" => self.enumeration(json, pointer, namespace)?,
                "fixed" => self.fixed(json, pointer, namespace)?,
                "array" => {
                    let items = self.required(json, "items", pointer, "an array")?;
                    let items = self.parse(&items.value, &pointer.push("items"), namespace)?;
                    self.push(Kind::Array(items), json, pointer)
                }
                "map" => {
                    let values = self.required(json, "values", pointer, "a map")?;
                    let values = self.parse(&values.value, &pointer.push("values"), namespace)?;
                    self.push(Kind::Map(values), json, pointer)
                }
                // A defined name in object form is a reference: its attributes do not change the shared type.
                other => {
                    return match self.lookup(other, namespace) {
                        Some(id) => Ok(id),
                        None => self.error(
                            type_member.value.range,
                            &type_at,
                            format!("unknown type `{other}`: not a primitive, record, enum, array, map, fixed, nor a type defined before this point"),
                        ),
                    }
                }
            }
        };
        self.annotate(id, json, pointer)?;
        Ok(id)
    }

    fn annotate(&mut self, id: SchemaId, json: &Json, pointer: &Pointer) -> Parsed<()> {
        let Some(member) = json.get("logicalType") else {
            return Ok(());
        };
        let node = &mut self.nodes[id.0 as usize];
        match member.value.as_str() {
            Some(name) => match annotate(name, &node.kind, json) {
                Ok(logical) => node.logical = Some(logical),
                Err(ignored) => node.ignored_logical = Some(ignored),
            },
            None => {
                return self.error(
                    member.value.range,
                    &pointer.push("logicalType"),
                    "\"logicalType\" must be a string",
                )
            }
        }
        Ok(())
    }

    fn no_duplicate_keys(&self, members: &[Member], pointer: &Pointer) -> Parsed<()> {
        for (i, m) in members.iter().enumerate() {
            if members[..i].iter().any(|earlier| earlier.key == m.key) {
                return self.error(
                    m.key_range,
                    &pointer.push(&m.key),
                    format!("the key \"{}\" appears twice in this object", m.key),
                );
            }
        }
        Ok(())
    }

    fn required<'j>(
        &self,
        json: &'j Json,
        key: &str,
        pointer: &Pointer,
        what: &str,
    ) -> Parsed<&'j Member> {
        match json.get(key) {
            Some(m) => Ok(m),
            None => self.error(json.range, pointer, format!("{what} needs \"{key}\"")),
        }
    }

    fn optional_string<'j>(
        &self,
        json: &'j Json,
        key: &str,
        pointer: &Pointer,
    ) -> Parsed<Option<&'j str>> {
        match json.get(key) {
            None => Ok(None),
            Some(m) => match m.value.as_str() {
                Some(s) => Ok(Some(s)),
                None => self.error(
                    m.value.range,
                    &pointer.push(key),
                    format!("\"{key}\" must be a string; found {}", m.value.kind_name()),
                ),
            },
        }
    }

    /// Reads name, namespace and aliases of a named type and registers the name.
    fn define_name(
        &mut self,
        json: &Json,
        pointer: &Pointer,
        namespace: Option<&str>,
        what: &str,
    ) -> Parsed<(Name, Vec<Name>)> {
        let name_member = self.required(json, "name", pointer, what)?;
        let name_at = pointer.push("name");
        let Some(raw) = name_member.value.as_str() else {
            return self.error(
                name_member.value.range,
                &name_at,
                format!(
                    "\"name\" must be a string; found {}",
                    name_member.value.kind_name()
                ),
            );
        };
        if let Some(problem) = dotted_name_problem(raw, "name") {
            return self.error(name_member.value.range, &name_at, problem);
        }
        let own_namespace = self.optional_string(json, "namespace", pointer)?;
        let effective = if raw.contains('.') {
            None
        } else if let Some(ns) = own_namespace {
            if !ns.is_empty() {
                if let Some(problem) = dotted_name_problem(ns, "namespace") {
                    let at = pointer.push("namespace");
                    let range = json
                        .get("namespace")
                        .map(|m| m.value.range)
                        .unwrap_or(json.range);
                    return self.error(range, &at, problem);
                }
            }
            Some(ns)
        } else {
            namespace
        };
        let name = Name::resolve(raw, effective);
        if PRIMITIVES.contains(&name.name.as_str()) {
            return self.error(
                name_member.value.range,
                &name_at,
                format!(
                    "`{}` is a primitive type name and cannot name a {what}",
                    name.name
                ),
            );
        }
        let full = name.full();
        if self.names.contains_key(&full) {
            return self.error(
                name_member.value.range,
                &name_at,
                format!(
                    "the name `{full}` is already defined; a full name may be defined only once"
                ),
            );
        }
        let aliases = self
            .aliases(json, pointer, true)?
            .into_iter()
            .map(|a| Name::resolve(&a, name.namespace.as_deref()))
            .collect();
        Ok((name, aliases))
    }

    fn aliases(&self, json: &Json, pointer: &Pointer, dotted: bool) -> Parsed<Vec<String>> {
        let Some(member) = json.get("aliases") else {
            return Ok(Vec::new());
        };
        let at = pointer.push("aliases");
        let JsonValue::Array(items) = &member.value.value else {
            return self.error(
                member.value.range,
                &at,
                "\"aliases\" must be an array of names",
            );
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let Some(alias) = item.as_str() else {
                return self.error(item.range, &at.push(i), "an alias must be a string");
            };
            let problem = if dotted {
                dotted_name_problem(alias, "alias")
            } else if is_valid_name(alias) {
                None
            } else {
                Some(format!("alias `{alias}` must start with a letter or `_` and hold only ASCII letters, digits and `_`"))
            };
            if let Some(problem) = problem {
                return self.error(item.range, &at.push(i), problem);
            }
            out.push(alias.to_string());
        }
        Ok(out)
    }

    fn record(
        &mut self,
        json: &Json,
        pointer: &Pointer,
        namespace: Option<&str>,
    ) -> Parsed<SchemaId> {
        let (name, aliases) = self.define_name(json, pointer, namespace, "record")?;
        let doc = self
            .optional_string(json, "doc", pointer)?
            .map(str::to_string);
        let fields_member = self.required(json, "fields", pointer, "a record")?;
        let fields_at = pointer.push("fields");
        let JsonValue::Array(field_jsons) = &fields_member.value.value else {
            return self.error(
                fields_member.value.range,
                &fields_at,
                "\"fields\" must be an array",
            );
        };
        // Register the record before its fields so that they may refer to it (recursion).
        let id = self.push(
            Kind::Record(Record {
                name: name.clone(),
                aliases,
                doc,
                fields: Vec::new(),
            }),
            json,
            pointer,
        );
        self.names.insert(name.full(), id);
        let inner_namespace = name.namespace.clone();
        let mut fields: Vec<Field> = Vec::with_capacity(field_jsons.len());
        for (i, f) in field_jsons.iter().enumerate() {
            let at = fields_at.push(i);
            let field = self.field(f, &at, inner_namespace.as_deref())?;
            if fields.iter().any(|earlier| earlier.name == field.name) {
                let range = f.get("name").map(|m| m.value.range).unwrap_or(f.range);
                return self.error(
                    range,
                    &at.push("name"),
                    format!("record {name} already has a field named `{}`", field.name),
                );
            }
            fields.push(field);
        }
        if let Kind::Record(r) = &mut self.nodes[id.0 as usize].kind {
            r.fields = fields;
        }
        self.annotate(id, json, pointer)?;
        Ok(id)
    }

    fn field(&mut self, json: &Json, pointer: &Pointer, namespace: Option<&str>) -> Parsed<Field> {
        let JsonValue::Object(members) = &json.value else {
            return self.error(
                json.range,
                pointer,
                format!("a field must be an object; found {}", json.kind_name()),
            );
        };
        self.no_duplicate_keys(members, pointer)?;
        let name_member = self.required(json, "name", pointer, "a field")?;
        let Some(name) = name_member.value.as_str() else {
            return self.error(
                name_member.value.range,
                &pointer.push("name"),
                "a field name must be a string",
            );
        };
        if !is_valid_name(name) {
            return self.error(
                name_member.value.range,
                &pointer.push("name"),
                format!("field name `{name}` must start with a letter or `_` and hold only ASCII letters, digits and `_` (no dots: a field has no namespace)"),
            );
        }
        let type_member = self.required(json, "type", pointer, "a field")?;
        let schema = self.parse(&type_member.value, &pointer.push("type"), namespace)?;
        let order = match self.optional_string(json, "order", pointer)? {
            None | Some("ascending") => Order::Ascending,
            Some("descending") => Order::Descending,
            Some("ignore") => Order::Ignore,
            Some(other) => {
                let range = json
                    .get("order")
                    .map(|m| m.value.range)
                    .unwrap_or(json.range);
                return self.error(
                    range,
                    &pointer.push("order"),
                    format!("\"order\" must be ascending, descending or ignore; found `{other}`"),
                );
            }
        };
        Ok(Field {
            name: name.to_string(),
            aliases: self.aliases(json, pointer, false)?,
            schema,
            default: json.get("default").map(|m| m.value.clone()),
            default_branch: None,
            order,
            doc: self
                .optional_string(json, "doc", pointer)?
                .map(str::to_string),
            pointer: pointer.clone(),
            range: json.range,
        })
    }

    fn enumeration(
        &mut self,
        json: &Json,
        pointer: &Pointer,
        namespace: Option<&str>,
    ) -> Parsed<SchemaId> {
        let (name, aliases) = self.define_name(json, pointer, namespace, "enum")?;
        let doc = self
            .optional_string(json, "doc", pointer)?
            .map(str::to_string);
        let symbols_member = self.required(json, "symbols", pointer, "an enum")?;
        let at = pointer.push("symbols");
        let JsonValue::Array(items) = &symbols_member.value.value else {
            return self.error(
                symbols_member.value.range,
                &at,
                "\"symbols\" must be an array of names",
            );
        };
        let mut symbols: Vec<String> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let Some(symbol) = item.as_str() else {
                return self.error(item.range, &at.push(i), "an enum symbol must be a string");
            };
            if !is_valid_name(symbol) {
                return self.error(item.range, &at.push(i), format!("symbol `{symbol}` must start with a letter or `_` and hold only ASCII letters, digits and `_`"));
            }
            if symbols.iter().any(|s| s == symbol) {
                return self.error(
                    item.range,
                    &at.push(i),
                    format!("symbol `{symbol}` appears twice in enum {name}"),
                );
            }
            symbols.push(symbol.to_string());
        }
        let default = match json.get("default") {
            None => None,
            Some(m) => match m.value.as_str() {
                Some(s) if symbols.iter().any(|x| x == s) => Some(s.to_string()),
                _ => {
                    return self.error(
                        m.value.range,
                        &pointer.push("default"),
                        format!("the enum default must be one of the symbols of {name}"),
                    )
                }
            },
        };
        let id = self.push(
            Kind::Enum(Enum {
                name: name.clone(),
                aliases,
                doc,
                symbols,
                default,
            }),
            json,
            pointer,
        );
        self.names.insert(name.full(), id);
        Ok(id)
    }

    fn fixed(
        &mut self,
        json: &Json,
        pointer: &Pointer,
        namespace: Option<&str>,
    ) -> Parsed<SchemaId> {
        let (name, aliases) = self.define_name(json, pointer, namespace, "fixed")?;
        let size_member = self.required(json, "size", pointer, "a fixed")?;
        let size = match &size_member.value.value {
            JsonValue::Number(t) => t.parse::<usize>().ok(),
            _ => None,
        };
        let Some(size) = size else {
            return self.error(
                size_member.value.range,
                &pointer.push("size"),
                "\"size\" must be a non-negative integer",
            );
        };
        let id = self.push(
            Kind::Fixed(Fixed {
                name: name.clone(),
                aliases,
                size,
            }),
            json,
            pointer,
        );
        self.names.insert(name.full(), id);
        Ok(id)
    }
}

/// Validates every field default once all types are known (a default may involve a type defined later in
/// the same record, or the record itself).
fn check_defaults(schema: &mut Schema, text: &str) -> Result<(), SchemaError> {
    let mut branches = Vec::new();
    for (n, node) in schema.nodes.iter().enumerate() {
        let Kind::Record(record) = &node.kind else {
            continue;
        };
        for (f, field) in record.fields.iter().enumerate() {
            let Some(default) = &field.default else {
                continue;
            };
            match check_default(schema, field.schema, default) {
                Ok(m) => branches.push((n, f, m.branch)),
                Err(problem) => {
                    return Err(error_at(
                        text,
                        problem.range,
                        &field.pointer.push("default"),
                        format!(
                            "field `{}` of {}: {}",
                            field.name, record.name, problem.message
                        ),
                    ))
                }
            }
        }
    }
    for (n, f, branch) in branches {
        if let Some(Kind::Record(r)) = schema.nodes.get_mut(n).map(|node| &mut node.kind) {
            if let Some(field) = r.fields.get_mut(f) {
                field.default_branch = branch;
            }
        }
    }
    Ok(())
}
