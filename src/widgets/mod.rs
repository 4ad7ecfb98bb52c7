//! egui widgets on the text engine: the text field every piece of briefing text is written in.
//! The editing rules live GUI-free in `crate::editing`; this room turns egui's events into
//! them and paints with `crate::text_paint`.

mod access_text;
mod text_field;

pub use access_text::{AccessParagraph, TextPublisher};
pub use text_field::{FieldCache, FieldOutput, TextField};
