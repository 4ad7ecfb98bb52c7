//! pdf.js (Firefox, and tools built on it such as Zotero and Hypothesis), as read in its
//! `src/core/evaluator.js` (`getTextContent`) and `src/core/bidi.js`, pdfjs-dist 4.10:
//!
//! - A glyph's text (its `/ToUnicode` string) is sorted by a regular expression,
//!   `^(\s)|(\p{Mn})|(\p{Cf})$`: text that starts with whitespace is a space, which is not
//!   kept as a character but noted, and written as one `" "` before the next character of the
//!   same piece; text holding a nonspacing mark anywhere is a "zero-width diacritic", which is
//!   added without looking at where it is drawn and moves pdf.js's pen by nothing; text that
//!   ends with a format character (a RIGHT-TO-LEFT MARK, a joiner) is dropped whole.
//! - Glyphs go into one piece of text ("item") while they keep the font and size and move on
//!   along the line: a change of font or size ends the item; so do a step back of more than
//!   0.2 em and a gap of more than 0.6 em (which adds an item holding a space); a gap between
//!   0.102 and 0.6 em adds a space inside the item. Gaps are measured from where the last
//!   glyph with a width ended, with pdf.js's own pen, which a space moves by its width plus
//!   the word spacing (`Tw`) whatever its code is.
//! - Each item's text is normalized (NFKC of presentation forms and ligatures) and then put
//!   through a simplified bidi pass: no explicit embeddings, direction right to left when at
//!   least 30% of its characters are right-to-left (or it is short), then reordered as if it
//!   were drawn in visual order; `<` and `>` are removed from an item that has right-to-left
//!   text. Characters above U+06FF outside Arabic's presentation forms count as left to right,
//!   the bidi marks included.
//! - The text layer, and so a copy, gives the items in stream order, a line break after one
//!   that ends a line.
//! - A noted space is written only between two characters that are not spaces: pdf.js keeps
//!   the last two characters it saw, and forgets them at a step back, at a new line and where
//!   a glyph touches the last one (`resetLastChars`). So a space that starts a piece after a
//!   step back, or that starts a line, is lost: in a right-to-left line, whose stretches go
//!   in text order and so each step back from the one before, that is the space on a
//!   stretch's left. Its pen, and so the gaps it measures, carries over a change of font.
//!   (pdfjs-dist 4.10, `compareWithLastPosition`, `saveLastChar`, `buildTextContentItem`.)
//!
//! So, for the writer: each stretch of one face is an item; a line's items must go in the
//! order of their text; inside an item glyphs go in visual order; in right-to-left text the
//! format characters that would end a glyph's text go to the start of the next glyph's
//! ([`dropped_tail`]), and a space that would end an item goes into the letter before it.
//! A glyph of no width that holds a letter (Noto Naskh Arabic's alef inside a lam-alef)
//! must not follow a space in the stream: pdf.js would measure the space's gap again at the
//! glyph after it and write a space inside the word (`لكيل ا`), so its text goes to the
//! glyph of the letter before it (`paint::glyph_texts`).

/// JavaScript's `\s`.
fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{B}' | '\u{C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

fn is_nonspacing_mark(c: char) -> bool {
    use icu_properties::props::GeneralCategory;
    icu_properties::CodePointMapData::<GeneralCategory>::new().get(c)
        == GeneralCategory::NonspacingMark
}

fn is_format(c: char) -> bool {
    use icu_properties::props::GeneralCategory;
    if c.is_ascii() || matches!(c, '\u{0621}'..='\u{064A}') {
        return false;
    }
    icu_properties::CodePointMapData::<GeneralCategory>::new().get(c) == GeneralCategory::Format
}

/// What pdf.js makes of a glyph with this text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GlyphKind {
    /// Noted as a space, written before the next character of the item.
    Space,
    /// Added where it comes in the stream, with no width.
    ZeroWidth,
    /// Not text at all.
    Dropped,
    /// Placed by where it is drawn.
    Normal,
}

/// The kind pdf.js gives a glyph whose text is `text` (`getCharUnicodeCategory`).
pub(crate) fn glyph_kind(text: &str) -> GlyphKind {
    let mut chars = text.chars();
    match chars.next() {
        None => GlyphKind::Normal,
        Some(c) if is_js_space(c) => GlyphKind::Space,
        Some(_) if text.chars().any(is_nonspacing_mark) => GlyphKind::ZeroWidth,
        Some(_) if text.chars().next_back().is_some_and(is_format) => GlyphKind::Dropped,
        Some(_) => GlyphKind::Normal,
    }
}

/// Where the format characters that make pdf.js drop a glyph with this text begin (a byte
/// index), when it drops it: the text before them is kept if they move to the start of the
/// next glyph's text, which pdf.js keeps (it only looks at how a text ends).
pub(crate) fn dropped_tail(text: &str) -> Option<usize> {
    // Most glyphs end with a letter: settled without looking at the rest of the text.
    if !text.chars().next_back().is_some_and(is_format) || glyph_kind(text) != GlyphKind::Dropped {
        return None;
    }
    let kept = text.trim_end_matches(is_format);
    Some(kept.len())
}

/// A glyph pdf.js takes as a space.
pub(crate) fn is_whitespace(text: &str) -> bool {
    glyph_kind(text) == GlyphKind::Space
}

/// A glyph pdf.js adds with no width (its text holds a nonspacing mark).
pub(crate) fn is_zero_width(text: &str) -> bool {
    glyph_kind(text) == GlyphKind::ZeroWidth
}

/// [`chars_read_rtl`] of a piece's whole text.
#[cfg(test)]
pub(crate) fn item_reads_rtl(text: &str) -> bool {
    chars_read_rtl(text.chars())
}

/// Whether pdf.js takes a piece of text ("item") with these characters right to left
/// (`bidi.js`): it counts the characters it classes R, AL or AN, which are those of U+0590
/// to U+05F4 (R), of U+0600 to U+06FF by their class, and of U+0700 to U+08AC (AL);
/// everything else past U+00FF counts as left to right. Right to left when they are at
/// least 30% of the text or the text is four characters or fewer (and has one).
pub(crate) fn chars_read_rtl(chars: impl Iterator<Item = char>) -> bool {
    use unicode_bidi::BidiClass::{AL, AN, R};
    let (mut all, mut rtl) = (0usize, 0usize);
    for c in chars {
        all += 1;
        let counts = match c {
            '\0'..='\u{058F}' => false,
            '\u{0620}'..='\u{064A}' | '\u{0660}'..='\u{0669}' => true,
            '\u{0590}'..='\u{05F4}' | '\u{0700}'..='\u{08AC}' => true,
            '\u{0600}'..='\u{06FF}' => matches!(unicode_bidi::bidi_class(c), AL | AN | R),
            _ => false,
        };
        rtl += usize::from(counts);
    }
    rtl > 0 && (all <= 4 || rtl * 10 >= all * 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_texts_fall_in_pdfjs_kinds() {
        assert_eq!(glyph_kind(" "), GlyphKind::Space);
        assert_eq!(glyph_kind("\u{A0}"), GlyphKind::Space);
        // A letter carrying its tanween, stored reversed (mark first), and with a mark after.
        assert_eq!(glyph_kind("\u{64B}ا"), GlyphKind::ZeroWidth);
        assert_eq!(glyph_kind("\u{200F}\u{64B}ا"), GlyphKind::ZeroWidth);
        assert_eq!(glyph_kind("פֿ"), GlyphKind::ZeroWidth);
        // A bracket wrapped in bidi marks for PDFium ends with one: pdf.js drops it.
        assert_eq!(
            glyph_kind("\u{200F}\u{200E}(\u{200E}\u{200F}"),
            GlyphKind::Dropped
        );
        assert_eq!(glyph_kind(")\u{200F}"), GlyphKind::Dropped);
        assert_eq!(glyph_kind("\u{200F})"), GlyphKind::Normal);
        assert_eq!(glyph_kind("ب"), GlyphKind::Normal);
        // What is dropped is the trailing format characters' fault; the text before them can
        // stay.
        assert_eq!(dropped_tail("\u{200F}\u{200E}(\u{200E}\u{200F}"), Some(7));
        assert_eq!(dropped_tail("\u{200C}"), Some(0));
        assert_eq!(dropped_tail("\u{200F})"), None);
        assert_eq!(dropped_tail("\u{64B}ا\u{200F}"), None);
        assert_eq!(glyph_kind("لا"), GlyphKind::Normal);
    }

    #[test]
    fn a_piece_is_right_to_left_with_30_percent_of_its_characters_or_when_short() {
        assert!(item_reads_rtl("عن"));
        assert!(item_reads_rtl("שלום"));
        assert!(!item_reads_rtl("2025"));
        assert!(!item_reads_rtl(""));
        // An ARABIC LETTER MARK counts, a RIGHT-TO-LEFT MARK does not.
        assert!(item_reads_rtl("\u{61C}12"));
        assert!(!item_reads_rtl("\u{200F}12"));
        assert!(item_reads_rtl("\u{200E}\u{61C} \u{61C}12"));
        assert!(!item_reads_rtl("\u{200E}\u{61C} \u{61C}123"));
        // Arabic-Indic digits are AN, which counts.
        assert!(item_reads_rtl("١٢٣٤٥"));
        assert!(!item_reads_rtl("NATO ب"));
    }
}
