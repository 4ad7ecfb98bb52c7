//! The text engine: bidi, shaping, line breaking and hit-testing of paragraphs (mostly Arabic),
//! on parley's engine layer with only the bundled fonts. GUI-free: the painter
//! (`crate::text_paint`) and the PDF exporter both consume the same [`Paragraph`] so what is
//! drawn is what was laid out.
//!
//! Coordinates: origin at the paragraph's top-left, y grows downward, units are px at the
//! style's size (the PDF reads them as pt).

mod fonts;
mod hit;
mod layout;
pub mod raster;

use std::ops::Range;

pub(crate) use fonts::nominal_glyph;
pub use fonts::FontFace;
pub use layout::{Paragraph, TextEngine};

/// Paragraph base direction. `Auto` follows UAX #9 P2/P3 (first strong character outside
/// isolates) and falls back to left-to-right when there is none.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug, Default)]
pub enum BaseDirection {
    /// First strong character decides; LTR if there is none.
    #[default]
    Auto,
    /// Force left-to-right.
    Ltr,
    /// Force right-to-left.
    Rtl,
}

impl BaseDirection {
    /// `Some(true)` → [`BaseDirection::Rtl`], `Some(false)` → [`BaseDirection::Ltr`], `None` →
    /// [`BaseDirection::Auto`].
    pub fn forced(rtl: Option<bool>) -> BaseDirection {
        match rtl {
            Some(true) => BaseDirection::Rtl,
            Some(false) => BaseDirection::Ltr,
            None => BaseDirection::Auto,
        }
    }
}

/// Horizontal alignment of lines. `Start`/`End` follow the paragraph's resolved direction, so
/// `Start` is the right edge of an RTL paragraph.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug, Default)]
pub enum Align {
    /// Left edge for LTR paragraphs, right edge for RTL ones.
    #[default]
    Start,
    /// Right edge for LTR paragraphs, left edge for RTL ones.
    End,
    /// Centred within the width.
    Center,
    /// Stretched to the width at spaces; the last line is start-aligned.
    Justify,
}

/// Font weight; the bundled fonts have exactly these two.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug, Default)]
pub enum Weight {
    /// Regular (400).
    #[default]
    Regular,
    /// Bold (700).
    Bold,
}

/// Style of a whole paragraph. Out-of-range values are clamped when shaping, never rejected.
#[derive(Copy, Clone, PartialEq, Debug)]
pub struct TextStyle {
    /// Font size in px (pt in the PDF); clamped to 1..=1000, non-finite becomes 16.
    pub size: f32,
    /// Regular or bold.
    pub weight: Weight,
    /// Italic (Latin only: Arabic has no italic face and stays upright).
    pub italic: bool,
    /// Line height as a multiple of `size`; clamped to 0.5..=5, non-finite becomes 1.2.
    pub line_height: f32,
}

impl Default for TextStyle {
    fn default() -> Self {
        TextStyle {
            size: 16.0,
            weight: Weight::Regular,
            italic: false,
            line_height: 1.5,
        }
    }
}

impl TextStyle {
    /// The style with every field in its valid range, so no input can reach the shaper as NaN.
    pub(crate) fn sanitized(&self) -> TextStyle {
        let size = if self.size.is_finite() {
            self.size.clamp(1.0, 1000.0)
        } else {
            16.0
        };
        let line_height = if self.line_height.is_finite() {
            self.line_height.clamp(0.5, 5.0)
        } else {
            1.2
        };
        TextStyle {
            size,
            line_height,
            ..*self
        }
    }
}

/// Which side of a position a caret sticks to; matters where one byte offset has two visual
/// places (at a direction change or a line wrap).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug, Default)]
pub enum Affinity {
    /// Attached to the character logically before the offset.
    Upstream,
    /// Attached to the character logically after the offset.
    #[default]
    Downstream,
}

/// A caret position: a logical byte offset into the paragraph text, always on a cluster
/// boundary (never inside a letter+harakat group or a lam-alef ligature).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct TextCursor {
    /// Byte offset into [`Paragraph::text`], on a char and cluster boundary.
    pub byte: usize,
    /// Side the caret is attached to.
    pub affinity: Affinity,
}

/// An axis-aligned rectangle in paragraph coordinates (`x0 <= x1`, `y0 <= y1`).
#[derive(Copy, Clone, PartialEq, Debug, Default)]
pub struct TextRect {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl TextRect {
    /// Whether the point lies inside (edges included).
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }
}

/// One laid-out line. Lines come top to bottom in logical order and together cover every byte
/// of the text exactly once.
#[derive(Clone, PartialEq, Debug)]
pub struct Line {
    /// Source bytes on this line (including trailing spaces).
    pub text_range: Range<usize>,
    /// Top of the line box.
    pub top: f32,
    /// Baseline y.
    pub baseline: f32,
    /// Height of the line box (`top + height` is the next line's top).
    pub height: f32,
    /// Distance from the baseline up to the top of the content.
    pub ascent: f32,
    /// Distance from the baseline down to the bottom of the content.
    pub descent: f32,
    /// Glyph runs in visual order, left to right.
    pub runs: Vec<GlyphRun>,
    /// Caret/selection units in visual order, left to right: each is the smallest piece that is
    /// never split (a letter with its harakat, a ligature such as lam-alef).
    pub clusters: Vec<TextCluster>,
}

/// A caret/selection unit of a line: a whole grapheme (letter + marks) or a whole ligature.
#[derive(Clone, PartialEq, Debug)]
pub struct TextCluster {
    /// Left edge.
    pub x0: f32,
    /// Right edge (`x1 - x0` is the advance; 0 for invisible controls).
    pub x1: f32,
    /// Source bytes of the unit.
    pub text_range: Range<usize>,
    /// Whether the unit is in a right-to-left run.
    pub rtl: bool,
}

/// Glyphs of one font, size and direction, on one line.
#[derive(Clone, PartialEq, Debug)]
pub struct GlyphRun {
    /// Right-to-left run (its logical order is the reverse of `glyphs`).
    pub rtl: bool,
    /// The face every glyph id refers to.
    pub face: FontFace,
    /// Font size in px.
    pub size: f32,
    /// Left edge of the run.
    pub x: f32,
    /// Advance of the run (including justification).
    pub width: f32,
    /// Source bytes of the run (contiguous).
    pub text_range: Range<usize>,
    /// Glyphs in visual order, left to right.
    pub glyphs: Vec<Glyph>,
}

/// A positioned glyph and the exact source text it stands for.
///
/// `text_range` rule, applied to each atom (harfrust clusters up to a grapheme boundary):
/// combining marks go to mark glyphs (GDEF class 3; first the glyph that is the mark's own cmap
/// glyph, then in logical order), base characters to the other glyphs (all of them to a single
/// ligature glyph such as lam-alef, otherwise one each in logical order), and leftover characters
/// to the glyph of the logically preceding character. If that yields a non-contiguous range
/// for some glyph, the unit cannot be split: its first glyph in logical order gets the whole
/// range and the others an empty range. Sorted by start, the non-empty ranges of a paragraph's
/// glyphs tile its text exactly (hard line breaks `\n`, which have no glyph, aside).
#[derive(Clone, PartialEq, Debug)]
pub struct Glyph {
    /// Glyph id in the run's face.
    pub id: u32,
    /// Absolute x of the glyph origin (pen position plus offset).
    pub x: f32,
    /// Absolute y of the glyph origin: the baseline plus any vertical offset, y down.
    pub y: f32,
    /// Horizontal advance.
    pub advance: f32,
    /// Source bytes this glyph represents (see the type's documentation).
    pub text_range: Range<usize>,
}

/// Whether `c` is a bidi control (LRM, RLM, ALM, the embeddings, overrides and isolates):
/// it shapes no ink and a reader's copy of the text leaves it out.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// Wraps `text` in a directional isolate for embedding inside other text: `Some(true)` → RLI,
/// `Some(false)` → LRI, `None` → FSI (direction of its first strong char), closed with PDI.
/// Invariant: the result is balanced, so nothing inside leaks out: isolates left open inside are
/// closed, and a stray PDI inside (which would close the wrapper early) is dropped; embeddings and
/// overrides inside end at the closing PDI by UAX #9 X6a.
pub fn isolate(text: &str, rtl: Option<bool>) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    out.push(match rtl {
        Some(true) => RLI,
        Some(false) => LRI,
        None => FSI,
    });
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            LRI | RLI | FSI => depth += 1,
            PDI if depth == 0 => continue,
            PDI => depth -= 1,
            _ => {}
        }
        out.push(c);
    }
    for _ in 0..depth {
        out.push(PDI);
    }
    out.push(PDI);
    out
}
