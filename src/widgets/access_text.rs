//! Text for assistive technology: the lines of laid-out paragraphs published as AccessKit
//! `TextRun` nodes under the node that holds them (a text field, the reader's document), with
//! the selection as positions in those runs. This is what AT-SPI's Text interface (Orca, and
//! the real-window tests) reads: the exact source text in logical order, line by line, with its
//! direction, and where the caret and selection are.
//!
//! egui does this for its own labels (`text_selection::accesskit_text`) through a crate-private
//! parent map; here each run is a child `Ui` whose accessibility parent is the holder, which
//! puts the run in the same place of the tree.

use std::ops::Range;

use egui::accesskit::{self, Role, TextDirection, TextPosition, TextSelection};
use egui::{Id, Pos2, Rect, Ui, UiBuilder, Vec2};

use crate::text::Paragraph;

/// AccessKit's `word_starts` are `u8` indices, so a run holds at most this many characters.
const MAX_CHARS_PER_RUN: usize = 255;

/// One laid-out paragraph of a holder's text.
pub struct AccessParagraph<'a> {
    /// The paragraph, as painted.
    pub para: &'a Paragraph,
    /// Where its layout's (0, 0) is on screen.
    pub origin: Pos2,
    /// Byte offset of the paragraph in the holder's text.
    pub start: usize,
    /// A hard line break (`\n`) follows the paragraph in the holder's text.
    pub newline_after: bool,
}

/// A published run: its node and the holder's bytes it stands for, with each character's
/// length.
struct Run {
    id: Id,
    range: Range<usize>,
    lengths: Vec<u8>,
}

/// Split `range` of `text` into AccessKit characters: the caret units of the line (a letter
/// with its harakat, a lam-alef), in logical order, with any byte the units leave out as
/// characters of their own. Lengths stay within `u8`.
fn characters(
    text: &str,
    range: Range<usize>,
    units: &[(Range<usize>, f32, f32)],
    out: &mut Vec<usize>,
) {
    let mut at = range.start;
    let push_chars = |from: usize, to: usize, out: &mut Vec<usize>| {
        if let Some(s) = text.get(from..to) {
            out.extend(s.char_indices().map(|(i, _)| from + i));
        }
    };
    for (u, _, _) in units {
        if u.start < at || u.end > range.end || u.start >= u.end {
            continue;
        }
        if u.start > at {
            push_chars(at, u.start, out);
        }
        if u.end - u.start <= usize::from(u8::MAX) {
            out.push(u.start);
        } else {
            // A unit longer than a `u8` (hundreds of stacked marks): one character per scalar.
            push_chars(u.start, u.end, out);
        }
        at = u.end;
    }
    if at < range.end {
        push_chars(at, range.end, out);
    }
}

/// Publishes the text of one holder node (a field, the reader's document) as text runs,
/// paragraph by paragraph, then its selection. Does nothing when AccessKit is off.
pub struct TextPublisher {
    holder: Id,
    on: bool,
    runs: Vec<Run>,
    starts: Vec<usize>,
    /// The current line's caret units (bytes, left and right edge), in logical order.
    units: Vec<(Range<usize>, f32, f32)>,
}

impl TextPublisher {
    /// For node `holder`, which must be in the tree this frame already.
    pub fn new(ui: &Ui, holder: Id) -> TextPublisher {
        TextPublisher {
            holder,
            on: ui.ctx().accesskit_node_builder(holder, |_| ()).is_some(),
            runs: Vec::new(),
            starts: Vec::new(),
            units: Vec::new(),
        }
    }

    /// Publish the lines of `ap` as runs under node `parent` (the holder, or a paragraph node
    /// under it), in `language` when given.
    pub fn paragraph(
        &mut self,
        ui: &mut Ui,
        parent: Id,
        ap: &AccessParagraph<'_>,
        language: Option<&str>,
    ) {
        if !self.on {
            return;
        }
        let ptext = ap.para.text();
        let lines = ap.para.lines();
        let rtl = ap.para.is_rtl();
        for (li, line) in lines.iter().enumerate() {
            // The line's caret units in logical order, with their edges.
            self.units.clear();
            self.units.extend(
                line.clusters
                    .iter()
                    .map(|c| (c.text_range.clone(), c.x0, c.x1)),
            );
            self.units.sort_by_key(|u| u.0.start);
            self.starts.clear();
            characters(
                ptext,
                line.text_range.clone(),
                &self.units,
                &mut self.starts,
            );
            let newline = li + 1 == lines.len() && ap.newline_after;
            let x0 = line
                .clusters
                .iter()
                .map(|c| c.x0)
                .fold(f32::INFINITY, f32::min);
            let x1 = line
                .clusters
                .iter()
                .map(|c| c.x1)
                .fold(f32::NEG_INFINITY, f32::max);
            let (x0, x1) = if x0.is_finite() && x1.is_finite() {
                (x0, x1)
            } else if rtl {
                (ap.para.width(), ap.para.width())
            } else {
                (0.0, 0.0)
            };
            let n_chunks = self.starts.len().div_ceil(MAX_CHARS_PER_RUN).max(1);
            let run_id = |ci: usize| parent.with(("text-run", ap.start, li, ci));
            for ci in 0..n_chunks {
                let chunk = self
                    .starts
                    .get(
                        ci * MAX_CHARS_PER_RUN
                            ..((ci + 1) * MAX_CHARS_PER_RUN).min(self.starts.len()),
                    )
                    .unwrap_or(&[]);
                let from = chunk.first().copied().unwrap_or(line.text_range.start);
                let to = self
                    .starts
                    .get((ci + 1) * MAX_CHARS_PER_RUN)
                    .copied()
                    .unwrap_or(line.text_range.end);
                let last_chunk = ci + 1 == n_chunks;
                let mut value = ptext.get(from..to).unwrap_or_default().to_owned();
                let mut lengths: Vec<u8> = Vec::with_capacity(chunk.len() + 1);
                let mut positions = Vec::with_capacity(chunk.len() + 1);
                let mut widths = Vec::with_capacity(chunk.len() + 1);
                for (k, &s) in chunk.iter().enumerate() {
                    let e = chunk.get(k + 1).copied().unwrap_or(to);
                    lengths.push(u8::try_from(e - s).unwrap_or(u8::MAX));
                    let unit = self.units.binary_search_by_key(&s, |u| u.0.start).ok();
                    let (cx0, cx1) = unit.map_or((x0, x0), |i| (self.units[i].1, self.units[i].2));
                    positions.push(if rtl { x1 - cx1 } else { cx0 - x0 });
                    widths.push(cx1 - cx0);
                }
                if newline && last_chunk {
                    value.push('\n');
                    lengths.push(1);
                    positions.push(x1 - x0);
                    widths.push(0.0);
                }
                let word_starts = word_starts(&value, &lengths);
                let rect = Rect::from_min_max(
                    ap.origin + Vec2::new(x0, line.top),
                    ap.origin + Vec2::new(x1.max(x0 + 1.0), line.top + line.height),
                );
                let id = run_id(ci);
                let child = ui.new_child(
                    UiBuilder::new()
                        .scope_id(id)
                        .max_rect(rect)
                        .accessibility_parent(parent),
                );
                let prev = (ci > 0).then(|| run_id(ci - 1));
                let next = (ci + 1 < n_chunks).then(|| run_id(ci + 1));
                let range = ap.start + from..ap.start + to + usize::from(newline && last_chunk);
                let lengths_kept = lengths.clone();
                child.ctx().accesskit_node_builder(id, |node| {
                    node.set_role(Role::TextRun);
                    node.set_text_direction(if rtl {
                        TextDirection::RightToLeft
                    } else {
                        TextDirection::LeftToRight
                    });
                    if let Some(l) = language {
                        node.set_language(l);
                    }
                    node.set_bounds(accesskit::Rect {
                        x0: rect.min.x.into(),
                        y0: rect.min.y.into(),
                        x1: rect.max.x.into(),
                        y1: rect.max.y.into(),
                    });
                    node.set_value(value);
                    node.set_character_lengths(lengths);
                    node.set_character_positions(positions);
                    node.set_character_widths(widths);
                    node.set_word_starts(word_starts);
                    if let Some(p) = prev {
                        node.set_previous_on_line(p.accesskit_id());
                    }
                    if let Some(n) = next {
                        node.set_next_on_line(n.accesskit_id());
                    }
                });
                self.runs.push(Run {
                    id,
                    range,
                    lengths: lengths_kept,
                });
            }
        }
    }

    /// Set the holder's selection, `(anchor, focus)` in the holder's bytes, when both ends are
    /// in published runs.
    pub fn finish(self, ui: &Ui, selection: Option<(usize, usize)>) {
        if !self.on {
            return;
        }
        let Some((anchor, focus)) = selection else {
            return;
        };
        if let (Some(a), Some(f)) = (position(&self.runs, anchor), position(&self.runs, focus)) {
            ui.ctx().accesskit_node_builder(self.holder, |node| {
                node.set_text_selection(TextSelection {
                    anchor: a,
                    focus: f,
                });
            });
        }
    }
}

/// Word starts of a run, in characters: a character that is not a space after one that is
/// (the first character of a run starts a word implicitly).
fn word_starts(value: &str, lengths: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut b = 0usize;
    let mut prev_space = false;
    for (k, &len) in lengths.iter().enumerate() {
        let space = value
            .get(b..)
            .and_then(|s| s.chars().next())
            .is_none_or(char::is_whitespace);
        if !space && prev_space && k > 0 {
            out.push(u8::try_from(k).unwrap_or(u8::MAX));
        }
        prev_space = space;
        b += usize::from(len);
    }
    out
}

/// The run position of byte `b` of the holder's text: in the run that holds it, or at the end
/// of the run that ends there (the end of a line, the end of the text).
fn position(runs: &[Run], b: usize) -> Option<TextPosition> {
    let run = runs
        .iter()
        .find(|r| r.range.start <= b && b < r.range.end)
        .or_else(|| runs.iter().rev().find(|r| r.range.end == b))?;
    let mut at = run.range.start;
    let mut index = 0;
    for &len in &run.lengths {
        if at >= b {
            break;
        }
        at += usize::from(len);
        index += 1;
    }
    Some(TextPosition {
        node: run.id.accesskit_id(),
        character_index: index,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_follow_the_caret_units_and_cover_every_byte() {
        let text = "لا بَيت";
        // Units as the engine gives them: lam-alef as one, the letter with its fatha as one.
        let la = 0..4;
        let space = 4..5;
        let beh = 5..9;
        let yeh = 9..11;
        let teh = 11..13;
        let mut out = Vec::new();
        let units: Vec<_> = [la, space, beh, yeh, teh].map(|r| (r, 0.0, 0.0)).into();
        characters(text, 0..text.len(), &units, &mut out);
        assert_eq!(out, vec![0, 4, 5, 9, 11]);
        // A byte no unit holds (a control the engine dropped) is a character of its own.
        let text = "a\u{200f}b";
        let mut out = Vec::new();
        characters(
            text,
            0..text.len(),
            &[(0..1, 0.0, 0.0), (4..5, 0.0, 0.0)],
            &mut out,
        );
        assert_eq!(out, vec![0, 1, 4]);
    }

    #[test]
    fn positions_map_bytes_to_runs_and_line_ends() {
        let runs = vec![
            Run {
                id: Id::unique("a"),
                range: 0..6,
                lengths: vec![2, 2, 1, 1],
            },
            Run {
                id: Id::unique("b"),
                range: 6..9,
                lengths: vec![1, 2],
            },
        ];
        let p = position(&runs, 4).unwrap();
        assert_eq!(
            (p.node, p.character_index),
            (Id::unique("a").accesskit_id(), 2)
        );
        let p = position(&runs, 6).unwrap();
        assert_eq!(
            (p.node, p.character_index),
            (Id::unique("b").accesskit_id(), 0)
        );
        let p = position(&runs, 9).unwrap();
        assert_eq!(
            (p.node, p.character_index),
            (Id::unique("b").accesskit_id(), 2)
        );
        assert!(position(&runs, 10).is_none());
    }
}
