//! Names and namespaces (specification: Names).

use std::fmt;

/// A full name split into its namespace and simple name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    /// The simple name (no dots).
    pub name: String,
    /// The namespace, `None` for the null namespace.
    pub namespace: Option<String>,
}

/// The primitive type names, which no named type may take.
pub const PRIMITIVES: [&str; 8] = [
    "null", "boolean", "int", "long", "float", "double", "bytes", "string",
];

impl Name {
    /// Resolves `name` as written in a schema: a dotted name is already full (its namespace attribute is
    /// ignored); a simple name takes `namespace` (an empty namespace is the null namespace).
    pub fn resolve(name: &str, namespace: Option<&str>) -> Name {
        match name.rfind('.') {
            Some(dot) => Name {
                name: name[dot + 1..].to_string(),
                namespace: Some(name[..dot].to_string()).filter(|ns| !ns.is_empty()),
            },
            None => Name {
                name: name.to_string(),
                namespace: namespace.filter(|ns| !ns.is_empty()).map(str::to_string),
            },
        }
    }

    /// The full name: `namespace.name`, or just `name` in the null namespace.
    pub fn full(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{ns}.{}", self.name),
            None => self.name.clone(),
        }
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full())
    }
}

/// Whether `s` matches the spec's name rule `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_valid_name(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Why a (possibly dotted) name or namespace breaks the name rule, if it does.
pub fn dotted_name_problem(s: &str, what: &str) -> Option<String> {
    if s.is_empty() {
        return Some(format!("{what} is empty"));
    }
    for part in s.split('.') {
        if part.is_empty() {
            return Some(format!("{what} `{s}` has an empty component"));
        }
        if !is_valid_name(part) {
            return Some(format!(
                "{what} `{s}`: `{part}` must start with a letter or `_` and hold only ASCII letters, digits and `_`"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_name_ignores_the_namespace_attribute() {
        let n = Name::resolve("a.b.R", Some("x"));
        assert_eq!(n.full(), "a.b.R");
        assert_eq!(n.namespace.as_deref(), Some("a.b"));
    }

    #[test]
    fn empty_namespace_is_the_null_namespace() {
        assert_eq!(Name::resolve("R", Some("")).full(), "R");
    }

    #[test]
    fn name_rule() {
        assert!(is_valid_name("_a1"));
        assert!(!is_valid_name("1a"));
        assert!(!is_valid_name("Ré"));
        assert!(!is_valid_name(""));
        assert!(dotted_name_problem("a..R", "name").is_some());
        assert!(dotted_name_problem("a.b.", "namespace").is_some());
    }
}
