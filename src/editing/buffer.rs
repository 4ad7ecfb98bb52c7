//! The text of one field with its caret and selection, and the edits a keyboard makes.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::text::{Affinity, TextCursor};

/// A field's text, caret and selection. Invariants: `anchor` and `focus` lie on grapheme
/// boundaries of `text` (so never inside a letter+harakat group), and every edit leaves the
/// text valid UTF-8 with the caret after what was inserted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EditBuffer {
    text: String,
    anchor: TextCursor,
    focus: TextCursor,
    /// The x the caret keeps over consecutive Up/Down moves.
    pub preferred_x: Option<f32>,
}

/// The grapheme boundary at or before `b` (clamped to the text).
fn floor_boundary(text: &str, b: usize) -> usize {
    let b = b.min(text.len());
    if b == text.len() {
        return b;
    }
    let mut last = 0;
    for (i, _) in text.grapheme_indices(true) {
        if i > b {
            break;
        }
        last = i;
    }
    last
}

/// The start of the grapheme before `b`, or 0.
pub fn prev_grapheme(text: &str, b: usize) -> usize {
    let b = floor_boundary(text, b);
    text[..b]
        .grapheme_indices(true)
        .next_back()
        .map_or(0, |(i, _)| i)
}

/// The end of the grapheme at `b`, or the text's end.
pub fn next_grapheme(text: &str, b: usize) -> usize {
    let b = floor_boundary(text, b);
    text[b..]
        .graphemes(true)
        .next()
        .map_or(text.len(), |g| b + g.len())
}

fn is_word(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// The start of the word before `b` (skipping spaces and punctuation first).
fn prev_word_start(text: &str, b: usize) -> usize {
    let mut out = 0;
    for (i, seg) in text[..b.min(text.len())].split_word_bound_indices().rev() {
        if is_word(seg) {
            out = i;
            break;
        }
    }
    out
}

/// The end of the word after `b` (skipping spaces and punctuation first).
fn next_word_end(text: &str, b: usize) -> usize {
    let b = b.min(text.len());
    for (i, seg) in text[b..].split_word_bound_indices() {
        if is_word(seg) {
            return b + i + seg.len();
        }
    }
    text.len()
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

impl EditBuffer {
    /// A buffer holding `text` with the caret at its end.
    pub fn new(text: &str) -> EditBuffer {
        let end = TextCursor {
            byte: text.len(),
            affinity: Affinity::Upstream,
        };
        EditBuffer {
            text: text.to_owned(),
            anchor: end,
            focus: end,
            preferred_x: None,
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The moving end of the selection (where the caret is drawn).
    pub fn focus(&self) -> TextCursor {
        self.focus
    }

    /// The fixed end of the selection.
    pub fn anchor(&self) -> TextCursor {
        self.anchor
    }

    /// The selected bytes, `start <= end`; empty when there is only a caret.
    pub fn selection(&self) -> Range<usize> {
        let (a, f) = (self.anchor.byte, self.focus.byte);
        a.min(f)..a.max(f)
    }

    /// The selected text ("" with only a caret).
    pub fn selected_text(&self) -> &str {
        &self.text[self.selection()]
    }

    /// Replace the text from outside (undo, another view): the caret and selection stay where
    /// they were, moved back onto a boundary of the new text.
    pub fn set_text(&mut self, text: &str) {
        if self.text == text {
            return;
        }
        self.text = text.to_owned();
        self.anchor.byte = floor_boundary(&self.text, self.anchor.byte);
        self.focus.byte = floor_boundary(&self.text, self.focus.byte);
        self.preferred_x = None;
    }

    /// Put the caret at `c` (snapped to a boundary); with `extend` the anchor stays, so the
    /// selection grows or shrinks.
    pub fn set_cursor(&mut self, c: TextCursor, extend: bool) {
        let c = TextCursor {
            byte: floor_boundary(&self.text, c.byte),
            affinity: c.affinity,
        };
        self.focus = c;
        if !extend {
            self.anchor = c;
        }
    }

    /// Select `range` (snapped outwards to grapheme boundaries), caret at its end.
    pub fn select(&mut self, range: Range<usize>) {
        let start = floor_boundary(&self.text, range.start);
        let mut end = floor_boundary(&self.text, range.end);
        if end < range.end.min(self.text.len()) {
            end = next_grapheme(&self.text, end);
        }
        self.anchor = TextCursor {
            byte: start,
            affinity: Affinity::Downstream,
        };
        self.focus = TextCursor {
            byte: end.max(start),
            affinity: Affinity::Upstream,
        };
    }

    /// Select the whole text.
    pub fn select_all(&mut self) {
        self.select(0..self.text.len());
    }

    /// Replace the selection with `s` (typed, pasted or committed by an input method). A
    /// single-line field turns line breaks and tabs into spaces; other control characters are
    /// dropped. Returns whether the text changed.
    pub fn insert(&mut self, s: &str, multiline: bool) -> bool {
        let clean = clean_input(s, multiline);
        let range = self.selection();
        if clean.is_empty() && range.is_empty() {
            return false;
        }
        self.text.replace_range(range.clone(), &clean);
        let end = range.start + clean.len();
        self.set_cursor(
            TextCursor {
                byte: end,
                affinity: Affinity::Upstream,
            },
            false,
        );
        self.preferred_x = None;
        true
    }

    /// Delete the selection, or the grapheme (a mark, see the module docs) or word before the
    /// caret. Returns whether the text changed.
    pub fn backspace(&mut self, word: bool) -> bool {
        if self.selection().is_empty() {
            let end = self.focus.byte;
            if end == 0 {
                return false;
            }
            let start = if word {
                prev_word_start(&self.text, end)
            } else {
                let g = prev_grapheme(&self.text, end);
                let cluster = &self.text[g..end];
                match cluster.char_indices().next_back() {
                    // A letter with marks loses its last mark only.
                    Some((i, c)) if i > 0 && is_combining(c) => g + i,
                    _ => g,
                }
            };
            self.anchor = TextCursor {
                byte: start,
                affinity: Affinity::Downstream,
            };
        }
        self.insert("", true)
    }

    /// Delete the selection, or the grapheme or word after the caret.
    pub fn delete_forward(&mut self, word: bool) -> bool {
        if self.selection().is_empty() {
            let start = self.focus.byte;
            if start >= self.text.len() {
                return false;
            }
            let end = if word {
                next_word_end(&self.text, start)
            } else {
                next_grapheme(&self.text, start)
            };
            self.anchor = TextCursor {
                byte: start,
                affinity: Affinity::Downstream,
            };
            self.focus = TextCursor {
                byte: end,
                affinity: Affinity::Upstream,
            };
        }
        self.insert("", true)
    }

    /// The caret moved one word in logical order: forward to the end of the next word, or back
    /// to the start of the previous one.
    pub fn word_step(&self, forward: bool) -> TextCursor {
        if forward {
            TextCursor {
                byte: next_word_end(&self.text, self.focus.byte),
                affinity: Affinity::Upstream,
            }
        } else {
            TextCursor {
                byte: prev_word_start(&self.text, self.focus.byte),
                affinity: Affinity::Downstream,
            }
        }
    }

    /// The paragraph (between line breaks) around `byte`, for triple-click.
    pub fn paragraph_at(&self, byte: usize) -> Range<usize> {
        let b = byte.min(self.text.len());
        let start = self.text[..b].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[b..].find('\n').map_or(self.text.len(), |i| b + i);
        start..end
    }
}

/// What may be inserted: `\r\n` and `\r` become `\n` (or a space in a single-line field), tabs
/// become spaces in a single-line field, other C0/C1 controls are dropped.
fn clean_input(s: &str, multiline: bool) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter_map(|c| match c {
            '\n' if multiline => Some('\n'),
            '\n' | '\t' if !multiline => Some(' '),
            '\t' => Some('\t'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backspace_removes_a_haraka_alone() {
        let mut b = EditBuffer::new("كَتَبَ");
        assert!(b.backspace(false));
        assert_eq!(b.text(), "كَتَب");
        assert!(b.backspace(false));
        assert_eq!(b.text(), "كَتَ");
    }

    #[test]
    fn single_line_input_has_no_breaks() {
        let mut b = EditBuffer::new("");
        b.insert("a\r\nb\tc\u{7}", false);
        assert_eq!(b.text(), "a b c");
    }
}
