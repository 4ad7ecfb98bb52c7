//! Point ↔ text queries on a laid-out paragraph: hit-testing, selection geometry, words, and
//! glyph coverage. All work on our own lines, i.e. on exactly what is painted.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::fonts::any_face_has;
use super::{Affinity, Paragraph, TextCursor, TextRect};

impl Paragraph {
    /// Point → logical byte offset. Points outside the text snap to the nearest line and cluster,
    /// so this never fails; the offset is always on a cluster boundary (harakat and lam-alef are
    /// never split).
    pub fn hit_test(&self, x: f32, y: f32) -> TextCursor {
        let lines = self.lines();
        let Some(last) = lines.last() else {
            return TextCursor::default();
        };
        let y = if y.is_nan() { 0.0 } else { y };
        let x = if x.is_nan() { 0.0 } else { x };
        let line = lines.iter().find(|l| y < l.top + l.height).unwrap_or(last);
        let units: Vec<_> = line.clusters.iter().filter(|c| c.x1 > c.x0).collect();
        let (Some(first), Some(end)) = (units.first(), units.last()) else {
            return TextCursor {
                byte: line.text_range.start,
                affinity: Affinity::Downstream,
            };
        };
        let unit = if x < first.x0 {
            first
        } else {
            units.iter().find(|c| x < c.x1).unwrap_or(end)
        };
        let left_half = x < (unit.x0 + unit.x1) * 0.5;
        // The logical start of a cluster is its left edge in LTR, its right edge in RTL.
        if left_half != unit.rtl {
            TextCursor {
                byte: unit.text_range.start,
                affinity: Affinity::Downstream,
            }
        } else {
            TextCursor {
                byte: unit.text_range.end,
                affinity: Affinity::Upstream,
            }
        }
    }

    /// Rectangles covering the clusters that intersect `range`, merged where visually adjacent:
    /// several per line in mixed-direction text, one line-box tall. Empty range → no rects.
    pub fn selection_rects(&self, range: Range<usize>) -> Vec<TextRect> {
        let mut rects = Vec::new();
        if range.start >= range.end {
            return rects;
        }
        for line in self.lines() {
            if line.text_range.end <= range.start || line.text_range.start >= range.end {
                continue;
            }
            let (y0, y1) = (line.top, line.top + line.height);
            let mut open: Option<TextRect> = None;
            for c in &line.clusters {
                let hit = c.text_range.start < range.end && c.text_range.end > range.start;
                match (&mut open, hit) {
                    (Some(r), true) => r.x1 = r.x1.max(c.x1),
                    (None, true) => {
                        open = Some(TextRect {
                            x0: c.x0,
                            y0,
                            x1: c.x1,
                            y1,
                        })
                    }
                    (Some(_), false) => {
                        if c.x1 > c.x0 {
                            rects.extend(open.take());
                        }
                    }
                    (None, false) => {}
                }
            }
            rects.extend(open);
        }
        rects
    }

    /// The word around `byte`, for double-click: a word by the Unicode word boundaries
    /// (UAX #29), so harakat, tatweel and ZWNJ stay inside an Arabic or Persian word and
    /// `3.5`, `1,250` and `O'Brien` are one word each. On a space or punctuation it is that
    /// single character; just after the end of a word it is that word.
    pub fn word_at(&self, byte: usize) -> Range<usize> {
        let text = self.text();
        let mut b = byte.min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        let is_word = |s: &str| s.chars().any(char::is_alphanumeric);
        let mut before: Option<Range<usize>> = None;
        for (start, seg) in text.split_word_bound_indices() {
            let range = start..start + seg.len();
            if range.contains(&b) {
                if is_word(seg) {
                    return range;
                }
                break;
            }
            if range.end == b && is_word(seg) {
                before = Some(range);
            }
            if start > b {
                break;
            }
        }
        before.unwrap_or_else(|| b..text[b..].chars().next().map_or(b, |c| b + c.len_utf8()))
    }

    /// Characters that no bundled font has (they are shaped to `.notdef` and painted as a box):
    /// reported with their byte offsets, never dropped from the text. Invisible controls
    /// (bidi controls, joiners, whitespace) are not reported.
    pub fn missing_chars(&self) -> Vec<(usize, char)> {
        self.text()
            .char_indices()
            .filter(|&(_, c)| !is_invisible(c) && !any_face_has(c))
            .collect()
    }
}

/// Characters that have no ink by design (so need no glyph).
fn is_invisible(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{E0000}'..='\u{E0FFF}')
}
