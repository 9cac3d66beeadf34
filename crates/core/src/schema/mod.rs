//! The schema model: every type is a node in an arena, named types are defined once and referenced by id
//! (so recursive schemas are plain cycles of ids), and every node remembers where it was written.

mod default;
mod logical;
mod min_depth;
mod min_size;
mod names;
mod parse;

pub use default::{check_default, DefaultMatch};
pub use logical::{IgnoredLogical, LogicalType};
pub use min_depth::DatumDepths;
pub use min_size::{min_datum_size, min_datum_sizes};
pub use names::Name;
pub use parse::{parse_schema, parse_schema_json};

use crate::source::{LineColumn, Pointer, TextRange};
use std::fmt;

/// The index of a node in a [`Schema`]'s arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchemaId(pub u32);

/// A parsed, validated schema.
#[derive(Clone, Debug)]
pub struct Schema {
    nodes: Vec<Node>,
    root: SchemaId,
}

/// One type in the schema, with where it was written.
#[derive(Clone, Debug)]
pub struct Node {
    /// What type it is.
    pub kind: Kind,
    /// The logical type annotating it, when valid.
    pub logical: Option<LogicalType>,
    /// A `logicalType` attribute that the spec says to ignore (unknown, wrong base type, bad parameters).
    pub ignored_logical: Option<IgnoredLogical>,
    /// JSON pointer to where the type is written in the schema text.
    pub pointer: Pointer,
    /// Byte range of its definition in the schema text.
    pub range: TextRange,
}

/// The Avro types (specification: Primitive Types, Complex Types).
#[derive(Clone, Debug)]
pub enum Kind {
    /// `null`: no value, zero bytes.
    Null,
    /// `boolean`: one byte, 0 or 1.
    Boolean,
    /// `int`: 32-bit signed, zigzag varint.
    Int,
    /// `long`: 64-bit signed, zigzag varint.
    Long,
    /// `float`: 4 bytes little-endian IEEE 754.
    Float,
    /// `double`: 8 bytes little-endian IEEE 754.
    Double,
    /// `bytes`: length-prefixed bytes.
    Bytes,
    /// `string`: length-prefixed UTF-8.
    String,
    /// `record`: fields in order.
    Record(Record),
    /// `enum`: one of a list of symbols, written as its index.
    Enum(Enum),
    /// `array`: blocks of items.
    Array(SchemaId),
    /// `map`: blocks of string keys and values.
    Map(SchemaId),
    /// A union: a branch index, then the branch's value.
    Union(Vec<SchemaId>),
    /// `fixed`: exactly `size` bytes.
    Fixed(Fixed),
}

/// A record type.
#[derive(Clone, Debug)]
pub struct Record {
    /// Its full name.
    pub name: Name,
    /// Aliases, as full names.
    pub aliases: Vec<Name>,
    /// The `doc` attribute.
    pub doc: Option<String>,
    /// Fields in order.
    pub fields: Vec<Field>,
}

/// A record field.
#[derive(Clone, Debug)]
pub struct Field {
    /// Field name.
    pub name: String,
    /// Field aliases.
    pub aliases: Vec<String>,
    /// The field's type.
    pub schema: SchemaId,
    /// The default value, as written (validated against the type).
    pub default: Option<crate::source::Json>,
    /// Which union branch the default matched (1.12 allows any), when the type is a union.
    pub default_branch: Option<usize>,
    /// Sort order.
    pub order: Order,
    /// The `doc` attribute.
    pub doc: Option<String>,
    /// JSON pointer to the field object.
    pub pointer: Pointer,
    /// Byte range of the field object.
    pub range: TextRange,
}

/// A field's sort order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Order {
    /// `ascending` (the default).
    #[default]
    Ascending,
    /// `descending`.
    Descending,
    /// `ignore`.
    Ignore,
}

/// An enum type.
#[derive(Clone, Debug)]
pub struct Enum {
    /// Its full name.
    pub name: Name,
    /// Aliases, as full names.
    pub aliases: Vec<Name>,
    /// The `doc` attribute.
    pub doc: Option<String>,
    /// The symbols, in index order.
    pub symbols: Vec<String>,
    /// The enum default used by readers for unknown symbols.
    pub default: Option<String>,
}

/// A fixed type.
#[derive(Clone, Debug)]
pub struct Fixed {
    /// Its full name.
    pub name: Name,
    /// Aliases, as full names.
    pub aliases: Vec<Name>,
    /// Size in bytes.
    pub size: usize,
}

/// A schema that could not be parsed: what and where.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaError {
    /// What is wrong, for the reader of the page.
    pub message: String,
    /// JSON pointer of the offending node.
    pub pointer: Pointer,
    /// Its byte range in the text.
    pub range: TextRange,
    /// Its line and column.
    pub position: LineColumn,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (at {}, {})",
            self.message, self.position, self.pointer
        )
    }
}

impl std::error::Error for SchemaError {}

impl Schema {
    /// The top-level type.
    pub fn root(&self) -> SchemaId {
        self.root
    }

    /// The node with this id.
    ///
    /// Ids come only from this schema, so the lookup cannot fail for them; a foreign id yields the root.
    pub fn node(&self, id: SchemaId) -> &Node {
        self.nodes
            .get(id.0 as usize)
            .or_else(|| self.nodes.get(self.root.0 as usize))
            .unwrap_or(&NULL_NODE)
    }

    /// The kind of the node with this id.
    pub fn kind(&self, id: SchemaId) -> &Kind {
        &self.node(id).kind
    }

    /// How many nodes the arena holds.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the arena is empty (never, for a parsed schema).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The named type with this full name, if defined.
    pub fn named(&self, full_name: &str) -> Option<SchemaId> {
        self.nodes
            .iter()
            .position(|n| n.kind.name().is_some_and(|name| name.full() == full_name))
            .map(|i| SchemaId(i as u32))
    }
}

static NULL_NODE: Node = Node {
    kind: Kind::Null,
    logical: None,
    ignored_logical: None,
    pointer: Pointer::root(),
    range: TextRange { start: 0, end: 0 },
};

impl Kind {
    /// The type's name as the spec writes it (`int`, `record`, `union`…).
    pub fn type_name(&self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "boolean",
            Kind::Int => "int",
            Kind::Long => "long",
            Kind::Float => "float",
            Kind::Double => "double",
            Kind::Bytes => "bytes",
            Kind::String => "string",
            Kind::Record(_) => "record",
            Kind::Enum(_) => "enum",
            Kind::Array(_) => "array",
            Kind::Map(_) => "map",
            Kind::Union(_) => "union",
            Kind::Fixed(_) => "fixed",
        }
    }

    /// Whether a value of `writer`'s type is promoted to this type (specification: Schema Resolution):
    /// int to long, float, double; long to float, double; float to double; string and bytes both ways.
    pub fn promotes_from(&self, writer: &Kind) -> bool {
        match self {
            Kind::Long => matches!(writer, Kind::Int),
            Kind::Float => matches!(writer, Kind::Int | Kind::Long),
            Kind::Double => matches!(writer, Kind::Int | Kind::Long | Kind::Float),
            Kind::Bytes => matches!(writer, Kind::String),
            Kind::String => matches!(writer, Kind::Bytes),
            _ => false,
        }
    }

    /// The name of a named type (record, enum, fixed).
    pub fn name(&self) -> Option<&Name> {
        match self {
            Kind::Record(r) => Some(&r.name),
            Kind::Enum(e) => Some(&e.name),
            Kind::Fixed(f) => Some(&f.name),
            _ => None,
        }
    }

    /// The aliases of a named type.
    pub fn aliases(&self) -> &[Name] {
        match self {
            Kind::Record(r) => &r.aliases,
            Kind::Enum(e) => &e.aliases,
            Kind::Fixed(f) => &f.aliases,
            _ => &[],
        }
    }
}

impl Schema {
    /// The name a union uses for this branch in Avro JSON: the full name of a named type, else the type name.
    pub fn branch_name(&self, id: SchemaId) -> String {
        let kind = self.kind(id);
        match kind.name() {
            Some(name) => name.full(),
            None => kind.type_name().to_string(),
        }
    }

    /// A short description of the type for labels: `record a.R`, `long (timestamp-millis)`, `array<int>`.
    pub fn describe(&self, id: SchemaId) -> String {
        let node = self.node(id);
        let base = match &node.kind {
            Kind::Record(_) | Kind::Enum(_) | Kind::Fixed(_) => {
                format!("{} {}", node.kind.type_name(), self.branch_name(id))
            }
            Kind::Array(items) => format!("array<{}>", self.branch_name(*items)),
            Kind::Map(values) => format!("map<{}>", self.branch_name(*values)),
            Kind::Union(branches) => {
                let names: Vec<String> = branches.iter().map(|b| self.branch_name(*b)).collect();
                format!("union [{}]", names.join(", "))
            }
            other => other.type_name().to_string(),
        };
        match &node.logical {
            Some(l) => format!("{base} ({})", l.name()),
            None => base,
        }
    }
}
