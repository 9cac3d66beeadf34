//! Random schemas for the property tests, written as schema JSON text for the core's parser: records,
//! enums and fixed types with namespaces, aliases, docs and custom attributes; arrays, maps and unions;
//! recursion; valid logical types and ones the spec says to ignore; field defaults (in a union, on any
//! branch, as Avro 1.12 allows) and sort orders.
//!
//! Every schema has a finite datum by construction: a reference to a named type (which makes recursion
//! when it names an enclosing record) appears only as an array's items, a map's values, or a union branch
//! after the first, so "the first branch, empty arrays and maps" always ends.
#![allow(dead_code)] // each property uses its own part

use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::{json, Map, Value as Json};
use std::fmt;

/// A type, before names are given: the renderer names named types in order (`T0`, `T1`, …).
#[derive(Clone, Debug)]
pub enum Ty {
    /// A primitive type.
    Primitive(Primitive),
    /// A logical type on an unnamed base type (or one the spec ignores).
    Logical(Logical),
    /// An enum.
    Enum(EnumSpec),
    /// A fixed type, maybe with a logical type.
    Fixed(FixedSpec),
    /// A record.
    Record(RecordSpec),
    /// An array.
    Array(Box<Ty>),
    /// A map.
    Map(Box<Ty>),
    /// A union: the first branch is never a reference; `pick` chooses a default's branch.
    Union(Vec<Ty>, u8),
    /// A reference to a named type already defined (or being defined: recursion), chosen by index.
    Ref(u8),
}

/// The primitive types.
#[derive(Clone, Copy, Debug)]
pub enum Primitive {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
}

/// Logical types on unnamed types, and annotations the spec says to ignore.
#[derive(Clone, Copy, Debug)]
pub enum Logical {
    Date,
    TimeMillis,
    TimeMicros,
    /// `timestamp-millis`, `-micros`, `-nanos` (by `0..3`), local ones when `local`.
    Timestamp {
        unit: u8,
        local: bool,
    },
    /// A decimal on bytes: precision `1 + precision`, scale picked up to it.
    DecimalBytes {
        precision: u8,
        scale: u8,
    },
    BigDecimal,
    UuidString,
    /// `timestamp-millis` on an int: ignored (wrong base type).
    IgnoredWrongBase,
    /// A decimal whose scale exceeds its precision: ignored.
    IgnoredBadScale,
    /// A logical type the spec does not have: ignored.
    IgnoredUnknown,
}

/// Where a named type's namespace comes from.
#[derive(Clone, Copy, Debug)]
pub enum Namespace {
    /// The enclosing one.
    Inherit,
    /// A `namespace` attribute `n<k>`.
    Attribute(u8),
    /// A dotted name `d<k>.x.T<n>`.
    Dotted(u8),
}

/// What a named type carries besides its name.
#[derive(Clone, Copy, Debug)]
pub struct Naming {
    pub namespace: Namespace,
    /// 0: none; 1: an alias in the type's namespace; 2: a fully qualified alias.
    pub aliases: u8,
    /// A `doc` and a custom attribute (which Parsing Canonical Form drops).
    pub doc: bool,
}

#[derive(Clone, Debug)]
pub struct EnumSpec {
    pub naming: Naming,
    /// How many symbols, from 1.
    pub symbols: u8,
    /// The enum's own default symbol (for readers meeting an unknown one), picked by index.
    pub default: Option<u8>,
    /// Which symbol a field default uses.
    pub pick: u8,
}

#[derive(Clone, Copy, Debug)]
pub enum FixedLogical {
    None,
    /// A decimal on the fixed: precision and scale picked within what its size holds.
    Decimal {
        precision: u8,
        scale: u8,
    },
    /// A uuid: the size is 16.
    Uuid,
    /// A duration: the size is 12.
    Duration,
}

#[derive(Clone, Debug)]
pub struct FixedSpec {
    pub naming: Naming,
    pub size: u8,
    pub logical: FixedLogical,
    /// The byte a field default repeats.
    pub pick: u8,
}

#[derive(Clone, Debug)]
pub struct RecordSpec {
    pub naming: Naming,
    pub fields: Vec<FieldSpec>,
}

#[derive(Clone, Debug)]
pub struct FieldSpec {
    pub ty: Ty,
    pub default: bool,
    pub alias: bool,
    /// 0: none written; 1: ascending; 2: descending; 3: ignore.
    pub order: u8,
    pub doc: bool,
}

/// The most digits a fixed of 1 to 16 bytes holds (⌊(8·size − 1)·log₁₀2⌋).
const FIXED_PRECISION: [u8; 16] = [2, 4, 6, 9, 11, 14, 16, 18, 21, 23, 26, 28, 31, 33, 35, 38];

// ---------------------------------------------------------------------------------------------
// Strategies

fn naming() -> impl Strategy<Value = Naming> {
    (
        prop_oneof![
            3 => Just(Namespace::Inherit),
            1 => (0..3u8).prop_map(Namespace::Attribute),
            1 => (0..3u8).prop_map(Namespace::Dotted),
        ],
        0..3u8,
        any::<bool>(),
    )
        .prop_map(|(namespace, aliases, doc)| Naming {
            namespace,
            aliases,
            doc,
        })
}

fn primitive() -> impl Strategy<Value = Primitive> {
    prop_oneof![
        Just(Primitive::Null),
        Just(Primitive::Boolean),
        Just(Primitive::Int),
        Just(Primitive::Long),
        Just(Primitive::Float),
        Just(Primitive::Double),
        Just(Primitive::Bytes),
        Just(Primitive::String),
    ]
}

fn logical() -> impl Strategy<Value = Logical> {
    prop_oneof![
        Just(Logical::Date),
        Just(Logical::TimeMillis),
        Just(Logical::TimeMicros),
        (0..3u8, any::<bool>()).prop_map(|(unit, local)| Logical::Timestamp { unit, local }),
        (0..40u8, any::<u8>())
            .prop_map(|(precision, scale)| Logical::DecimalBytes { precision, scale }),
        Just(Logical::BigDecimal),
        Just(Logical::UuidString),
        Just(Logical::IgnoredWrongBase),
        Just(Logical::IgnoredBadScale),
        Just(Logical::IgnoredUnknown),
    ]
}

fn enum_spec() -> impl Strategy<Value = EnumSpec> {
    (
        naming(),
        1..5u8,
        proptest::option::of(any::<u8>()),
        any::<u8>(),
    )
        .prop_map(|(naming, symbols, default, pick)| EnumSpec {
            naming,
            symbols,
            default,
            pick,
        })
}

fn fixed_spec() -> impl Strategy<Value = FixedSpec> {
    let logical = prop_oneof![
        3 => Just(FixedLogical::None),
        2 => (any::<u8>(), any::<u8>())
            .prop_map(|(precision, scale)| FixedLogical::Decimal { precision, scale }),
        1 => Just(FixedLogical::Uuid),
        1 => Just(FixedLogical::Duration),
    ];
    (naming(), 0..17u8, logical, any::<u8>()).prop_map(|(naming, size, logical, pick)| {
        let size = match logical {
            FixedLogical::Uuid => 16,
            FixedLogical::Duration => 12,
            FixedLogical::Decimal { .. } => size.max(1),
            FixedLogical::None => size,
        };
        FixedSpec {
            naming,
            size,
            logical,
            pick,
        }
    })
}

fn leaf() -> impl Strategy<Value = Ty> {
    prop_oneof![
        4 => primitive().prop_map(Ty::Primitive),
        3 => logical().prop_map(Ty::Logical),
        2 => enum_spec().prop_map(Ty::Enum),
        2 => fixed_spec().prop_map(Ty::Fixed),
    ]
}

fn field(ty: impl Strategy<Value = Ty>) -> impl Strategy<Value = FieldSpec> {
    (ty, any::<bool>(), any::<bool>(), 0..4u8, any::<bool>()).prop_map(
        |(ty, default, alias, order, doc)| FieldSpec {
            ty,
            default,
            alias,
            order,
            doc,
        },
    )
}

fn record(ty: BoxedStrategy<Ty>) -> impl Strategy<Value = RecordSpec> {
    (naming(), vec(field(ty), 0..5)).prop_map(|(naming, fields)| RecordSpec { naming, fields })
}

/// Any type, nested a few levels.
pub fn ty() -> BoxedStrategy<Ty> {
    leaf()
        .prop_recursive(4, 32, 4, |inner| {
            // A reference may stand only where an empty array or map, or an earlier branch, ends.
            let item = prop_oneof![3 => inner.clone(), 1 => any::<u8>().prop_map(Ty::Ref)];
            prop_oneof![
                3 => record(inner.clone()).prop_map(Ty::Record),
                1 => item.clone().prop_map(|t| Ty::Array(Box::new(t))),
                1 => item.clone().prop_map(|t| Ty::Map(Box::new(t))),
                2 => (inner, vec(item, 0..4), any::<u8>()).prop_map(|(first, rest, pick)| {
                    Ty::Union(std::iter::once(first).chain(rest).collect(), pick)
                }),
            ]
        })
        .boxed()
}

/// A root record.
pub fn root_record() -> impl Strategy<Value = RecordSpec> {
    record(ty())
}

/// A schema's root type: a record most of the time, any type otherwise.
fn root() -> impl Strategy<Value = Ty> {
    prop_oneof![
        4 => root_record().prop_map(Ty::Record),
        1 => ty(),
    ]
}

/// A schema: a record most of the time, any type otherwise.
pub fn schema() -> impl Strategy<Value = SchemaText> {
    root().prop_map(|ty| SchemaText(Renderer::for_root(&ty).render(&ty, None).json.to_string()))
}

/// A schema and a copy of it where every named type and field has a new name and an alias naming
/// the old one (and no field has a default).
pub fn renamed() -> impl Strategy<Value = Renamed> {
    root().prop_map(|ty| Renamed {
        original: Renderer::for_root(&ty).render(&ty, None).json.to_string(),
        renamed: Renderer::renaming(&ty).render(&ty, None).json.to_string(),
    })
}

/// A root record and a field with a default to add to it (or remove from it) at a position.
pub fn evolution() -> impl Strategy<Value = Evolution> {
    (root_record(), field(ty()), any::<u8>()).prop_map(|(root_spec, extra, at)| {
        let root = Ty::Record(root_spec.clone());
        let root_spec = &root_spec;
        let position = usize::from(at) % (root_spec.fields.len() + 1);
        let extra = FieldSpec {
            default: true,
            alias: false,
            ..extra
        };
        let without = Renderer::for_root(&root)
            .render_record(&root_spec.naming, &root_spec.fields, None, None)
            .json
            .to_string();
        let mut extra_default = None;
        let with = Renderer::for_root(&root)
            .render_record(
                &root_spec.naming,
                &root_spec.fields,
                None,
                Some((position, &extra, &mut extra_default)),
            )
            .json
            .to_string();
        Evolution {
            without,
            with,
            position,
            default_avro_json: extra_default.unwrap_or_default(),
        }
    })
}

// ---------------------------------------------------------------------------------------------
// What the strategies give

/// A schema's text (shown as text when a property fails).
#[derive(Clone)]
pub struct SchemaText(pub String);

impl fmt::Debug for SchemaText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A schema and its renamed copy (see [`renamed`]).
#[derive(Clone)]
pub struct Renamed {
    /// The schema as generated: types `T<n>`, fields `f<i>`.
    pub original: String,
    /// Types `U<n>` aliased to `T<n>`, fields `g<i>` aliased to `f<i>`.
    pub renamed: String,
}

impl fmt::Debug for Renamed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "original: {}\nrenamed: {}", self.original, self.renamed)
    }
}

/// A root record without and with a field `extra` that has a default.
#[derive(Clone)]
pub struct Evolution {
    /// The record without the field.
    pub without: String,
    /// The record with it.
    pub with: String,
    /// The field's index in `with`.
    pub position: usize,
    /// Its default, as Avro JSON (a union value wrapped in its branch's name).
    pub default_avro_json: String,
}

impl fmt::Debug for Evolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "without: {}\nwith (extra at {}, default {}): {}",
            self.without, self.position, self.default_avro_json, self.with
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// A rendered type: its JSON, the name a union knows it by, and a default for it (plain JSON as a
/// schema writes it, and Avro JSON) unless it is a reference.
struct Rendered {
    json: Json,
    key: String,
    /// The JSON kind its values take in a default (`number`, `string`, `object`…): a union default is
    /// read as the first branch that can take it, so only a branch no earlier one shadows is chosen.
    kind: &'static str,
    default: Option<(Json, Json)>,
}

/// Names named types in order and resolves references to the ones defined so far.
struct Renderer {
    prefix: &'static str,
    next: usize,
    /// Full names of the named types defined so far, enclosing records included, with their JSON kind.
    defined: Vec<(String, &'static str)>,
    /// Whether nested types may change namespace: only under a root that has one, so that a reference
    /// never has to reach the null namespace from inside another.
    namespaces: bool,
    /// For a renamed copy: the prefix of the original names, which each type keeps as an alias (its
    /// fields are renamed `g<i>` with the alias `f<i>`, and lose their defaults).
    renamed_from: Option<&'static str>,
}

/// The field to insert while rendering a record: its index, spec, and where to put its default's Avro JSON.
type Insert<'a> = (usize, &'a FieldSpec, &'a mut Option<String>);

impl Renderer {
    /// A renderer for a schema whose root is `root`: nested types change namespace only under a root
    /// record that has one.
    fn for_root(root: &Ty) -> Renderer {
        let namespaces =
            matches!(root, Ty::Record(r) if !matches!(r.naming.namespace, Namespace::Inherit));
        Renderer {
            prefix: "T",
            next: 0,
            defined: Vec::new(),
            namespaces,
            renamed_from: None,
        }
    }

    /// [`Renderer::for_root`] for a copy where every named type and field is renamed, with an alias
    /// naming the original.
    fn renaming(root: &Ty) -> Renderer {
        Renderer {
            prefix: "U",
            renamed_from: Some("T"),
            ..Renderer::for_root(root)
        }
    }

    /// Gives the next named type its name: writes `name` (and `namespace`) into `object`, returns the
    /// full name and the namespace its nested types inherit.
    fn name(
        &mut self,
        naming: &Naming,
        ns: Option<&str>,
        object: &mut Map<String, Json>,
    ) -> (String, Option<String>) {
        let n = self.next;
        self.next += 1;
        let short = format!("{}{n}", self.prefix);
        let namespace = if self.namespaces {
            naming.namespace
        } else {
            Namespace::Inherit
        };
        // The `name` written, the full name, and the namespace nested types inherit.
        let qualify = |short: &str| match namespace {
            Namespace::Inherit => (
                short.to_string(),
                ns.map_or(short.to_string(), |ns| format!("{ns}.{short}")),
                ns.map(str::to_string),
            ),
            Namespace::Attribute(k) => {
                let ns = format!("n{k}");
                (short.to_string(), format!("{ns}.{short}"), Some(ns))
            }
            Namespace::Dotted(k) => {
                let ns = format!("d{k}.x");
                let full = format!("{ns}.{short}");
                (full.clone(), full, Some(ns))
            }
        };
        let (name, full, inner_ns) = qualify(&short);
        object.insert("name".into(), json!(name));
        if let Namespace::Attribute(_) = namespace {
            object.insert("namespace".into(), json!(inner_ns));
        }
        let mut aliases = match naming.aliases {
            1 => vec![format!("Old{short}")],
            2 => vec![format!("legacy.Old{short}")],
            _ => Vec::new(),
        };
        if let Some(old_prefix) = self.renamed_from {
            aliases.push(qualify(&format!("{old_prefix}{n}")).1);
        }
        if !aliases.is_empty() {
            object.insert("aliases".into(), json!(aliases));
        }
        if naming.doc {
            object.insert("doc".into(), json!(format!("The type {short}.")));
            object.insert("x-owner".into(), json!({"team": "data", "tier": 1}));
        }
        (full, inner_ns)
    }

    fn render(&mut self, ty: &Ty, ns: Option<&str>) -> Rendered {
        match ty {
            Ty::Primitive(p) => primitive_rendered(*p),
            Ty::Logical(l) => logical_rendered(*l),
            Ty::Enum(e) => {
                let mut object = Map::new();
                object.insert("type".into(), json!("enum"));
                let (full, _) = self.name(&e.naming, ns, &mut object);
                let symbols: Vec<String> = (0..e.symbols).map(|i| format!("S{i}")).collect();
                object.insert("symbols".into(), json!(symbols));
                if let Some(d) = e.default {
                    object.insert("default".into(), json!(format!("S{}", d % e.symbols)));
                }
                self.defined.push((full.clone(), "string"));
                let symbol = json!(format!("S{}", e.pick % e.symbols));
                Rendered {
                    json: Json::Object(object),
                    key: full,
                    kind: "string",
                    default: Some((symbol.clone(), symbol)),
                }
            }
            Ty::Fixed(f) => {
                let mut object = Map::new();
                object.insert("type".into(), json!("fixed"));
                let (full, _) = self.name(&f.naming, ns, &mut object);
                object.insert("size".into(), json!(f.size));
                match f.logical {
                    FixedLogical::None => {}
                    FixedLogical::Decimal { precision, scale } => {
                        let max = FIXED_PRECISION[usize::from(f.size.clamp(1, 16)) - 1];
                        let precision = 1 + precision % max;
                        object.insert("logicalType".into(), json!("decimal"));
                        object.insert("precision".into(), json!(precision));
                        object.insert("scale".into(), json!(scale % (precision + 1)));
                    }
                    FixedLogical::Uuid => {
                        object.insert("logicalType".into(), json!("uuid"));
                    }
                    FixedLogical::Duration => {
                        object.insert("logicalType".into(), json!("duration"));
                    }
                }
                self.defined.push((full.clone(), "string"));
                let bytes: String =
                    std::iter::repeat_n(char::from(f.pick), usize::from(f.size)).collect();
                Rendered {
                    json: Json::Object(object),
                    key: full,
                    kind: "string",
                    default: Some((json!(bytes), json!(bytes))),
                }
            }
            Ty::Record(r) => self.render_record(&r.naming, &r.fields, ns, None),
            Ty::Array(items) => {
                let items = self.render(items, ns);
                Rendered {
                    json: json!({"type": "array", "items": items.json}),
                    key: "array".into(),
                    kind: "array",
                    default: Some(match items.default {
                        Some((plain, avro)) => (json!([plain]), json!([avro])),
                        None => (json!([]), json!([])),
                    }),
                }
            }
            Ty::Map(values) => {
                let values = self.render(values, ns);
                Rendered {
                    json: json!({"type": "map", "values": values.json}),
                    key: "map".into(),
                    kind: "object",
                    default: Some(match values.default {
                        Some((plain, avro)) => (json!({"k": plain}), json!({"k": avro})),
                        None => (json!({}), json!({})),
                    }),
                }
            }
            Ty::Union(branches, pick) => self.render_union(branches, *pick, ns),
            Ty::Ref(k) => {
                let (full, kind) = self
                    .defined
                    .get(usize::from(*k) % self.defined.len().max(1))
                    .cloned()
                    .unwrap_or(("null".into(), "null"));
                Rendered {
                    json: json!(full),
                    key: full,
                    kind,
                    default: None,
                }
            }
        }
    }

    fn render_union(&mut self, branches: &[Ty], pick: u8, ns: Option<&str>) -> Rendered {
        // A union directly in a union is not allowed: its branches join this one.
        fn flatten<'a>(branches: &'a [Ty], out: &mut Vec<&'a Ty>) {
            for b in branches {
                match b {
                    Ty::Union(inner, _) => flatten(inner, out),
                    other => out.push(other),
                }
            }
        }
        let mut flat = Vec::new();
        flatten(branches, &mut flat);
        let mut rendered: Vec<Rendered> = Vec::new();
        for b in flat {
            // A reference to nothing yet defined stands for nothing here.
            if matches!(b, Ty::Ref(_)) && self.defined.is_empty() {
                continue;
            }
            let r = self.render(b, ns);
            // Two branches of one unnamed type, or of one name, are not allowed: the later one goes (a
            // named type it defined stays defined, for later references, though it is not written).
            if rendered.iter().any(|x| x.key == r.key) {
                self.forget_unwritten(&r);
                continue;
            }
            rendered.push(r);
        }
        // Branches a default can name unambiguously: none before them takes the same kind of JSON.
        let with_default: Vec<&Rendered> = rendered
            .iter()
            .enumerate()
            .filter(|(i, r)| {
                r.default.is_some() && rendered.iter().take(*i).all(|e| e.kind != r.kind)
            })
            .map(|(_, r)| r)
            .collect();
        let default = with_default
            .get(usize::from(pick) % with_default.len().max(1))
            .and_then(|r| {
                let (plain, avro) = r.default.clone()?;
                let avro = if r.key == "null" {
                    Json::Null
                } else {
                    json!({ r.key.clone(): avro })
                };
                Some((plain, avro))
            });
        Rendered {
            json: Json::Array(rendered.into_iter().map(|r| r.json).collect()),
            key: "union".into(),
            kind: "union",
            default,
        }
    }

    /// A dropped branch's named types were never written: references must not name them.
    fn forget_unwritten(&mut self, dropped: &Rendered) {
        let mut names = Vec::new();
        collect_names(&dropped.json, &mut names);
        self.defined.retain(|(d, _)| {
            !names
                .iter()
                .any(|n| d == n || d.ends_with(&format!(".{n}")))
        });
    }

    fn render_record(
        &mut self,
        naming: &Naming,
        fields: &[FieldSpec],
        ns: Option<&str>,
        mut insert: Option<Insert<'_>>,
    ) -> Rendered {
        let mut object = Map::new();
        object.insert("type".into(), json!("record"));
        let (full, inner_ns) = self.name(naming, ns, &mut object);
        self.defined.push((full.clone(), "object"));
        let mut written = Vec::new();
        let mut default = Map::new();
        let mut avro_default = Map::new();
        for i in 0..=fields.len() {
            if let Some((at, extra, out)) = insert.as_mut() {
                if *at == i {
                    // Its own types are named apart (`X…`); it may refer to the record itself.
                    let mut own = Renderer {
                        prefix: "X",
                        next: 0,
                        defined: vec![(full.clone(), "object")],
                        namespaces: self.namespaces,
                        renamed_from: None,
                    };
                    let (json, d) = own.render_field("extra", &[], extra, inner_ns.as_deref());
                    **out = d.map(|(_, avro)| avro.to_string());
                    written.push(json);
                }
            }
            let Some(f) = fields.get(i) else { break };
            let mut aliases = if f.alias {
                vec![format!("old_f{i}")]
            } else {
                Vec::new()
            };
            let name = match self.renamed_from {
                Some(_) => {
                    aliases.push(format!("f{i}"));
                    format!("g{i}")
                }
                None => format!("f{i}"),
            };
            let (json, d) = self.render_field(&name, &aliases, f, inner_ns.as_deref());
            if let Some((plain, avro)) = d {
                default.insert(name.clone(), plain);
                avro_default.insert(name, avro);
            }
            written.push(json);
        }
        object.insert("fields".into(), Json::Array(written));
        Rendered {
            json: Json::Object(object),
            key: full,
            kind: "object",
            default: Some((Json::Object(default), Json::Object(avro_default))),
        }
    }

    /// A field's JSON and its type's default (written into the field when it asks for one).
    fn render_field(
        &mut self,
        name: &str,
        aliases: &[String],
        f: &FieldSpec,
        ns: Option<&str>,
    ) -> (Json, Option<(Json, Json)>) {
        let ty = self.render(&f.ty, ns);
        let mut object = Map::new();
        object.insert("name".into(), json!(name));
        object.insert("type".into(), ty.json);
        if !aliases.is_empty() {
            object.insert("aliases".into(), json!(aliases));
        }
        if f.default && self.renamed_from.is_none() {
            if let Some((plain, _)) = &ty.default {
                object.insert("default".into(), plain.clone());
            }
        }
        match f.order {
            1 => {
                object.insert("order".into(), json!("ascending"));
            }
            2 => {
                object.insert("order".into(), json!("descending"));
            }
            3 => {
                object.insert("order".into(), json!("ignore"));
            }
            _ => {}
        }
        if f.doc {
            object.insert("doc".into(), json!(format!("Field {name}: \"quoted\", é.")));
        }
        (Json::Object(object), ty.default)
    }
}

/// The `name` of every named type defined in `json`.
fn collect_names(json: &Json, out: &mut Vec<String>) {
    match json {
        Json::Object(o) => {
            if let (Some(Json::String(t)), Some(Json::String(n))) = (o.get("type"), o.get("name")) {
                if matches!(t.as_str(), "record" | "enum" | "fixed") {
                    out.push(n.clone());
                }
            }
            o.values().for_each(|v| collect_names(v, out));
        }
        Json::Array(items) => items.iter().for_each(|v| collect_names(v, out)),
        _ => {}
    }
}

fn primitive_rendered(p: Primitive) -> Rendered {
    let (name, default) = match p {
        Primitive::Null => ("null", json!(null)),
        Primitive::Boolean => ("boolean", json!(true)),
        Primitive::Int => ("int", json!(-7)),
        Primitive::Long => ("long", json!(1_099_511_627_776i64)),
        Primitive::Float => ("float", json!(0.5)),
        Primitive::Double => ("double", json!(-1.25e10)),
        Primitive::Bytes => ("bytes", json!("\u{ff}\u{0}A")),
        Primitive::String => ("string", json!("dé\"fault")),
    };
    Rendered {
        json: json!(name),
        key: name.into(),
        kind: json_kind(name),
        default: Some((default.clone(), default)),
    }
}

fn logical_rendered(l: Logical) -> Rendered {
    let (json, default) = match l {
        Logical::Date => (json!({"type": "int", "logicalType": "date"}), json!(19_000)),
        Logical::TimeMillis => (
            json!({"type": "int", "logicalType": "time-millis"}),
            json!(3_600_000),
        ),
        Logical::TimeMicros => (
            json!({"type": "long", "logicalType": "time-micros"}),
            json!(3_600_000_000i64),
        ),
        Logical::Timestamp { unit, local } => {
            let unit = ["millis", "micros", "nanos"][usize::from(unit % 3)];
            let prefix = if local { "local-" } else { "" };
            (
                json!({"type": "long", "logicalType": format!("{prefix}timestamp-{unit}")}),
                json!(1_700_000_000_000i64),
            )
        }
        Logical::DecimalBytes { precision, scale } => {
            let precision = 1 + precision;
            (
                json!({"type": "bytes", "logicalType": "decimal", "precision": precision, "scale": scale % (precision + 1)}),
                json!("\u{1}"),
            )
        }
        Logical::BigDecimal => (
            json!({"type": "bytes", "logicalType": "big-decimal"}),
            json!("\u{2}\u{1}\u{0}"),
        ),
        Logical::UuidString => (
            json!({"type": "string", "logicalType": "uuid"}),
            json!("123e4567-e89b-42d3-a456-426614174000"),
        ),
        Logical::IgnoredWrongBase => (
            json!({"type": "int", "logicalType": "timestamp-millis"}),
            json!(5),
        ),
        Logical::IgnoredBadScale => (
            json!({"type": "bytes", "logicalType": "decimal", "precision": 2, "scale": 5}),
            json!(""),
        ),
        Logical::IgnoredUnknown => (
            json!({"type": "long", "logicalType": "x-epoch-seconds"}),
            json!(-1),
        ),
    };
    let key = json["type"].as_str().unwrap_or("?").to_string();
    Rendered {
        kind: json_kind(&key),
        json,
        key,
        default: Some((default.clone(), default)),
    }
}

/// The kind of JSON a default of this primitive type is.
fn json_kind(primitive: &str) -> &'static str {
    match primitive {
        "null" => "null",
        "boolean" => "boolean",
        "int" | "long" | "float" | "double" => "number",
        _ => "string",
    }
}
