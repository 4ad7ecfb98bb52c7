//! PDFium (Chrome's reader, and pypdfium2), after its `fx_bidi.cpp` and as measured with
//! pypdfium2 5.15 (PDFium 8149): which characters it mirrors, how it classes them by
//! direction, and how it cuts a line into stretches and picks the line's direction from them.
//! The writer (`paint`) orders a line's glyphs by this model.
//!
//! How it builds a line (`cpdf_textpage.cpp`, `ProcessTextObject`): each text-showing operator
//! (`TJ`) is an object, placed where its first glyph is (a number before it moves that); the
//! objects of a line are taken by that place, left to right, and each one's glyphs in stream
//! order. Between two objects it adds a space of its own when the second starts away from
//! where the first's last glyph ended, unless one of the two characters there is a space
//! (`ProcessInsertObject`, `GenerateSpace`); inside one, a number of a `TJ` that moves right by
//! more than about half a space adds one too, unless the last character is a space
//! (`ProcessTextObjectItems`). A right-to-left word between two left-to-right pieces of
//! another object's line is therefore read with a space around it when it has to be written
//! last first (`( جراح الجابر )` for `(جراح الجابر)` in an English line).

/// A character PDFium swaps for its mirror image in right-to-left text: Unicode's
/// Bidi_Mirrored (brackets, guillemets, `<`, `≤` …) and, measured, the curly quotation marks
/// `‘’“”`, which it swaps too.
pub(crate) fn is_mirrored(c: char) -> bool {
    match c {
        '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}' | '«' | '»' | '‘' | '’' | '“' | '”' => {
            true
        }
        _ if c.is_ascii() || matches!(c, '\u{0600}'..='\u{06FF}') => false,
        _ => icu_properties::CodePointSetData::new::<icu_properties::props::BidiMirrored>()
            .contains(c),
    }
}

/// The character PDFium puts for `c` in right-to-left text: its Bidi_Mirroring_Glyph, and for
/// the curly quotation marks their pair (see [`is_mirrored`]).
pub(crate) fn mirror(c: char) -> char {
    match c {
        '‘' => '’',
        '’' => '‘',
        '“' => '”',
        '”' => '“',
        _ if c.is_ascii_alphanumeric() || matches!(c, '\u{0600}'..='\u{06FF}') => c,
        _ => icu_properties::CodePointMapData::<icu_properties::props::BidiMirroringGlyph>::new()
            .get(c)
            .mirroring_glyph
            .unwrap_or(c),
    }
}

/// PDFium's direction classes (`CFX_BidiChar`, fx_bidi.cpp). It cuts a line, taken in
/// content-stream order, into stretches of one class; it counts the right-to-left and
/// left-to-right stretches and reads the line right to left when the first are more
/// (`CFX_BidiString`). Reading right to left, it takes the stretches last first; a right-to-left stretch, and a neutral one after
/// it, has its characters reversed and mirrored (`(` becomes `)`); the rest keep stream order.
/// Reading left to right, the stretches keep their order and the same rule applies.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum PdfiumClass {
    Neutral,
    Left,
    Weak,
    Right,
}

pub(crate) fn pdfium_class(c: char) -> PdfiumClass {
    use unicode_bidi::BidiClass::{AL, AN, BN, CS, EN, ES, ET, L, NSM, R};
    // The common cases without a table search.
    match c {
        '\u{0620}'..='\u{064A}' => return PdfiumClass::Right,
        'a'..='z' | 'A'..='Z' => return PdfiumClass::Left,
        '0'..='9' => return PdfiumClass::Weak,
        ' ' => return PdfiumClass::Neutral,
        _ => {}
    }
    match unicode_bidi::bidi_class(c) {
        L => PdfiumClass::Left,
        AN | EN | NSM | CS | ES | ET | BN => PdfiumClass::Weak,
        R | AL => PdfiumClass::Right,
        _ => PdfiumClass::Neutral,
    }
}

/// PDFium's count of a line's stretches, fed with its text in stream order.
#[derive(Default)]
pub(crate) struct Stretches {
    last: Option<PdfiumClass>,
    right: usize,
    left: usize,
}

impl Stretches {
    pub(crate) fn push(&mut self, text: &str) {
        for c in text.chars() {
            let class = pdfium_class(c);
            if self.last != Some(class) {
                self.last = Some(class);
                match class {
                    PdfiumClass::Right => self.right += 1,
                    PdfiumClass::Left => self.left += 1,
                    _ => {}
                }
            }
        }
    }

    /// More right-to-left stretches than left-to-right ones: PDFium 8149 (pypdfium2 5.15) was
    /// measured reading a line with as many of each left to right.
    pub(crate) fn reads_rtl(&self) -> bool {
        self.right > self.left
    }

    /// How many more right-to-left stretches than left-to-right ones there are.
    pub(crate) fn lead(&self) -> usize {
        self.right.saturating_sub(self.left)
    }

    /// How many more left-to-right stretches than right-to-left ones there are.
    pub(crate) fn trail(&self) -> usize {
        self.left.saturating_sub(self.right)
    }
}

/// The class a glyph's text falls in as a whole, for cutting a line into PDFium's stretches:
/// its first strong character's (marks included), else weak when it has a weak one, else
/// neutral.
pub(crate) fn glyph_class(text: &str) -> PdfiumClass {
    let mut weak = false;
    for c in text.chars() {
        match pdfium_class(c) {
            PdfiumClass::Left => return PdfiumClass::Left,
            PdfiumClass::Right => return PdfiumClass::Right,
            PdfiumClass::Weak => weak = true,
            _ => {}
        }
    }
    if weak {
        PdfiumClass::Weak
    } else {
        PdfiumClass::Neutral
    }
}

/// A text cut into PDFium's stretches (maximal runs of one [`PdfiumClass`]), as byte ranges.
fn stretches_of(text: &str) -> Vec<(PdfiumClass, std::ops::Range<usize>)> {
    let mut out: Vec<(PdfiumClass, std::ops::Range<usize>)> = Vec::new();
    for (i, c) in text.char_indices() {
        let class = pdfium_class(c);
        match out.last_mut() {
            Some((last, range)) if *last == class => range.end = i + c.len_utf8(),
            _ => out.push((class, i..i + c.len_utf8())),
        }
    }
    out
}

/// Which stretches of a line PDFium reads right to left reverses (and mirrors), taken in
/// the order it takes them (`CloseTempLine`): a right-to-left one, and a neutral one while
/// the last strong one it took was right to left (which it is at the start); a
/// left-to-right or neutral one it keeps makes it left to right, a weak one changes nothing.
fn reversals(classes: impl Iterator<Item = PdfiumClass>) -> Vec<bool> {
    let mut current = PdfiumClass::Right;
    classes
        .map(|class| {
            let reversed = class == PdfiumClass::Right
                || (class == PdfiumClass::Neutral && current == PdfiumClass::Right);
            if reversed {
                current = PdfiumClass::Right;
            } else if class != PdfiumClass::Weak {
                current = PdfiumClass::Left;
            }
            reversed
        })
        .collect()
}

/// What PDFium gives back for a line it reads right to left, given its text as it takes it
/// (objects left to right, each one's characters in stream order): the stretches last
/// first, the ones [`reversals`] names reversed and mirrored.
#[cfg(test)]
pub(crate) fn read_rtl_line(text: &str) -> String {
    let stretches = stretches_of(text);
    let reversed = reversals(stretches.iter().rev().map(|s| s.0));
    let mut out = String::with_capacity(text.len());
    for ((_, range), reversed) in stretches.iter().rev().zip(reversed) {
        let part = &text[range.clone()];
        if reversed {
            out.extend(part.chars().rev().map(mirror));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The text to put in a line PDFium reads right to left (an `/ActualText`) so that it gives
/// `logical` back: `read_rtl_line` undone, its stretches last first, the ones it will
/// reverse reversed and mirrored already.
pub(crate) fn written_for_rtl_line(logical: &str, out: &mut String) {
    let stretches = stretches_of(logical);
    let reversed = reversals(stretches.iter().map(|s| s.0));
    for ((_, range), reversed) in stretches.iter().zip(reversed).rev() {
        let part = &logical[range.clone()];
        if reversed {
            out.extend(part.chars().rev().map(mirror));
        } else {
            out.push_str(part);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_for_a_right_to_left_line_reads_back_as_the_text() {
        for logical in [
            "Jens Stoltenberg",
            "Reuters (20)",
            "UN Security\u{061C} Council (2025)",
            "KUNA/Kuwait City",
            "G7",
            "COP29",
            "(G7)",
            "«Rafael Grossi»",
            "A-1 x",
            "جراح (الجابر) KUNA",
        ] {
            let mut written = String::new();
            written_for_rtl_line(logical, &mut written);
            assert_eq!(read_rtl_line(&written), logical, "{written}");
        }
        // The stretches go last first; a neutral one after the left-to-right text is kept.
        let mut written = String::new();
        written_for_rtl_line("Reuters (20)", &mut written);
        assert_eq!(written, ")20 (Reuters");
    }

    #[test]
    fn a_line_reads_right_to_left_only_with_more_right_to_left_stretches() {
        let reads = |text: &str| {
            let mut s = Stretches::default();
            s.push(text);
            s.reads_rtl()
        };
        // Right, space, left, space, right: two right-to-left stretches against one.
        assert!(reads("قال NATO اليوم"));
        // One of each: left to right, as measured.
        assert!(!reads("Minister وزير"));
        assert!(!reads("Jarrah (جراح) said"));
        // Digits and marks are weak and count for neither side.
        assert!(reads("عام 2025"));
        assert!(!reads("2025 year"));
    }

    #[test]
    fn a_glyph_takes_the_class_of_its_first_strong_character() {
        assert_eq!(glyph_class("\u{064E}ب"), PdfiumClass::Right);
        assert_eq!(glyph_class("fi"), PdfiumClass::Left);
        assert_eq!(glyph_class("12"), PdfiumClass::Weak);
        assert_eq!(glyph_class("٢"), PdfiumClass::Weak);
        assert_eq!(glyph_class("("), PdfiumClass::Neutral);
        assert_eq!(glyph_class(" "), PdfiumClass::Neutral);
    }

    #[test]
    fn brackets_guillemets_and_curly_quotes_are_mirrored() {
        for c in ['(', ')', '[', '«', '»', '“', '’', '⟨', '≤'] {
            assert!(is_mirrored(c), "{c}");
        }
        for c in ['a', '-', '"', 'ب', '،'] {
            assert!(!is_mirrored(c), "{c}");
        }
    }
}
