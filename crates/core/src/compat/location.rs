//! The reference tokens of a compatibility location, as Java's checker pushes them on its location stack.

use crate::source::Pointer;
use std::fmt;

/// One step of a location in a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Token {
    /// `fields`: into a record's field list.
    Fields,
    /// `type`: into a field's type.
    Type,
    /// `items`: into an array's item type.
    Items,
    /// `values`: into a map's value type.
    Values,
    /// `name`: a named type's name.
    Name,
    /// `size`: a fixed type's size.
    Size,
    /// `symbols`: an enum's symbols.
    Symbols,
    /// A field position, or a union branch index.
    Index(usize),
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Fields => f.write_str("fields"),
            Token::Type => f.write_str("type"),
            Token::Items => f.write_str("items"),
            Token::Values => f.write_str("values"),
            Token::Name => f.write_str("name"),
            Token::Size => f.write_str("size"),
            Token::Symbols => f.write_str("symbols"),
            Token::Index(i) => write!(f, "{i}"),
        }
    }
}

/// The JSON pointer spelled by `tokens` (the root, `/`, when there are none).
pub(crate) fn pointer(tokens: &[Token]) -> Pointer {
    tokens
        .iter()
        .fold(Pointer::root(), |at, token| at.push(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_spell_a_json_pointer_like_java() {
        let at = pointer(&[Token::Fields, Token::Index(3), Token::Type, Token::Index(1)]);
        assert_eq!(at.as_str(), "/fields/3/type/1");
        assert_eq!(pointer(&[]).as_str(), "/");
    }
}
