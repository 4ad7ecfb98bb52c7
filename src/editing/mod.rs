//! Editing briefing text: the buffer with its caret and selection ([`EditBuffer`]) and the
//! geometry of a field laid out by the text engine ([`FieldLayout`]): caret rectangles, hit
//! tests and visual caret movement. GUI-free, so every rule below is tested without egui; the
//! egui text field (`crate::widgets::text_field`) only turns events into these calls and paints.
//!
//! A field's text is split at `\n` into paragraphs; each takes its own base direction by the
//! product's one rule ([`crate::model::Direction::of_paragraph`], the rule the reader and the
//! PDF use: the briefing's direction unless more than 60% of the paragraph's words read the
//! other way), so what the author sees while typing is what the PDF prints. Right-to-left
//! paragraphs are right-aligned.
//!
//! # Caret movement rules (and why)
//!
//! The anchors are the browsers' `dir=auto` fields and parley's editor, which agree on these:
//!
//! - **Left/Right move visually**, one caret unit (a letter with its harakat, a lam-alef
//!   ligature, a grapheme) at a time: Right always moves the caret right on screen, in Arabic as
//!   in English. At a direction boundary one byte offset has two places on screen; the caret's
//!   [`Affinity`](crate::text::Affinity) says which, so the caret steps through both places and
//!   never jumps. At the visual end of a line the caret goes on to the neighbouring line in the
//!   paragraph's reading order (Right at the right end of an English line: the next line; at
//!   the right end of an Arabic line, which is where it starts: the previous line).
//! - With a selection and no Shift, Left/Right collapse it to its edge in that direction.
//! - **Ctrl+Left/Right move by words** (UAX #29 boundaries) in the paragraph's reading
//!   direction: in an Arabic paragraph Ctrl+Left goes to the end of the next word, Ctrl+Right to
//!   the start of the previous one. Word moves are logical, as in GTK and parley: visual word
//!   order inside a mixed line is ambiguous, logical order is not.
//! - **Home/End** go to the logical start/end of the visual line (right/left edge of an Arabic
//!   line); Ctrl+Home/End to the start/end of the field.
//! - **Up/Down** keep the caret's x across lines (remembered over consecutive moves).
//! - **Shift** extends the selection with any move; **Ctrl+A** selects all.
//! - **Backspace** removes the previous grapheme, except that a letter carrying harakat loses
//!   its last mark only (so a wrong haraka is corrected without retyping the letter, as
//!   browsers do for Arabic); **Delete** removes the next whole grapheme. With Ctrl, whole words.
//! - The caret is always on a grapheme boundary of the text, never inside a letter+harakat
//!   group; clicks and visual moves land on the shaped clusters' edges, so never inside a
//!   lam-alef ligature either.

mod buffer;
mod field_layout;

pub use buffer::{next_grapheme, prev_grapheme, EditBuffer};
pub use field_layout::{field_paragraph_direction, FieldLayout, LaidParagraph};
