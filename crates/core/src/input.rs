//! (stub until the input branch lands) Pasted text → bytes.

use std::fmt;

/// A paste form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Hex digits.
    Hex,
    /// Base64.
    Base64,
    /// Raw bytes.
    Binary,
}

impl InputFormat {
    /// The CLI name.
    pub fn name(&self) -> &'static str {
        match self {
            InputFormat::Hex => "hex",
            InputFormat::Base64 => "base64",
            InputFormat::Binary => "binary",
        }
    }
}

impl std::str::FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "hex" => Ok(InputFormat::Hex),
            "base64" => Ok(InputFormat::Base64),
            "binary" => Ok(InputFormat::Binary),
            o => Err(format!("unknown input format {o}")),
        }
    }
}

/// Decoded input.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The form recognised.
    pub format: InputFormat,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// How it was recognised.
    pub note: String,
}

/// Why input could not be read.
#[derive(Clone, Debug)]
pub struct InputError {
    /// Message.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Decodes pasted input.
pub fn decode_input(raw: &[u8], format: Option<InputFormat>) -> Result<Decoded, InputError> {
    let text = String::from_utf8_lossy(raw);
    let hex: String = text.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    match format {
        Some(InputFormat::Binary) => Ok(Decoded {
            format: InputFormat::Binary,
            bytes: raw.to_vec(),
            note: String::new(),
        }),
        _ => Ok(Decoded {
            format: InputFormat::Hex,
            bytes: (0..hex.len() / 2)
                .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
                .collect(),
            note: String::new(),
        }),
    }
}
