//! The PDF exporter: lays the briefing out with the text engine and writes its glyphs.
//!
//! The exporter never shapes text: every string goes through `crate::text::TextEngine`, and
//! what is painted is exactly the engine's glyphs, each with its own exact source text.

mod content;
mod fonts;
#[cfg(test)]
mod probe;

/// Why a briefing could not be exported. Each message is one line and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The briefing breaks the model's invariants.
    #[error("the briefing has problems, fix them before exporting: {0}")]
    Invalid(String),
    /// A character none of the bundled fonts can draw.
    #[error("no bundled font has the character U+{code:04X} ({ch:?}) in {place}; remove or replace it")]
    MissingChar {
        /// The character.
        ch: char,
        /// Its code point.
        code: u32,
        /// Where it is, e.g. `the quote of agenda item "Security", quote 2`.
        place: String,
    },
    /// A bundled font could not be read or subset.
    #[error("font {0}")]
    Font(String),
    /// The PDF could not be written to its file.
    #[error("cannot write the PDF: {0}")]
    Write(String),
}
