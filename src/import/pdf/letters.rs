//! The characters a glyph's text holds, made plain: Arabic and Hebrew presentation forms and
//! Latin ligatures back to their letters, and what each character is for ordering.
//!
//! Only those blocks are folded: NFKC over everything would change `…`, `²` or `ﷺ` in the
//! source.

use unicode_bidi::BidiClass;
use unicode_normalization::UnicodeNormalization;

/// `text` with presentation forms (U+FB1D–FDF9, U+FE70–FEFF) and Latin ligatures
/// (U+FB00–FB06) replaced by their letters. An isolated haraka form loses the space NFKC
/// puts before it. Bidi marks and embeddings (LRM, RLM, ALM, LRE…PDF, LRI…PDI) are dropped:
/// in a PDF's text layer they are a producer's hints to other readers, and the order is ours.
pub fn fold(text: &str) -> String {
    if !text
        .chars()
        .any(|c| foldable(c) || crate::text::is_bidi_control(c))
    {
        return marks_after_base(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if crate::text::is_bidi_control(c) {
            continue;
        }
        if foldable(c) {
            let folded: String = c.nfkc().collect();
            let folded = folded.strip_prefix(' ').unwrap_or(&folded);
            out.push_str(folded);
        } else {
            out.push(c);
        }
    }
    marks_after_base(&out)
}

/// `text` in logical order: Unicode puts a mark after its base, so a glyph text that starts
/// with a combining mark was written reversed, for a reader that reverses right-to-left text
/// back (`ًال` for the lam-alef of `لاً`); it is turned round.
pub fn marks_after_base(text: &str) -> String {
    let starts_with_mark = text.chars().next().is_some_and(is_mark);
    if starts_with_mark && !text.chars().all(is_mark) || two_letters_reversed(text) {
        return text.chars().rev().collect();
    }
    text.to_owned()
}

/// Whether a glyph's text of two Arabic letters (and their marks) names them in an order one
/// glyph cannot draw: the first does not join the letter after it (`ال` for the lam-alef
/// ligature), so the text was written reversed.
fn two_letters_reversed(text: &str) -> bool {
    let mut letters = text.chars().filter(|&c| !is_mark(c));
    match (letters.next(), letters.next(), letters.next()) {
        (Some(a), Some(b), None) => is_rtl(a) && is_rtl(b) && !joins_forward(a) && joins_forward(b),
        _ => false,
    }
}

fn foldable(c: char) -> bool {
    matches!(c as u32, 0xFB00..=0xFB06 | 0xFB1D..=0xFDF9 | 0xFE70..=0xFEFF)
}

/// Whether `c` is a combining mark (a haraka, a Hebrew point, an accent): general category
/// Mn or Me, as find's folding has it. The maqaf and the other Hebrew punctuation among the
/// points are not.
pub(crate) use crate::find::is_mark;

/// Whether the text is only marks (a mark glyph drawn on its own).
pub fn only_marks(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_mark)
}

/// The bidi class of `c`, with the characters a page is mostly made of (ASCII, the Arabic
/// and Hebrew letters) answered without the table search.
pub fn bidi_class(c: char) -> BidiClass {
    match c {
        'a'..='z' | 'A'..='Z' => BidiClass::L,
        '0'..='9' => BidiClass::EN,
        ' ' => BidiClass::WS,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => BidiClass::AL,
        '\u{05D0}'..='\u{05EA}' => BidiClass::R,
        _ => unicode_bidi::bidi_class(c),
    }
}

/// The bidi class of the text's first character with a strong direction, else of its first
/// character.
pub fn class_of(text: &str) -> BidiClass {
    let mut first = None;
    for c in text.chars() {
        let class = bidi_class(c);
        if matches!(class, BidiClass::L | BidiClass::R | BidiClass::AL) {
            return class;
        }
        first.get_or_insert(class);
    }
    first.unwrap_or(BidiClass::ON)
}

/// Whether `c` is written right to left (Arabic, Hebrew and their kin).
pub fn is_rtl(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Whether `c` is written left to right.
pub fn is_ltr(c: char) -> bool {
    bidi_class(c) == BidiClass::L
}

/// Which kinds of paired marks a document's producer names by the shape drawn (so that one
/// set at a right-to-left level, drawn mirrored, must be turned back): round brackets, square
/// brackets, braces, guillemets (with the single ones). Decided per kind, as a producer may
/// map brackets from the font and guillemets from the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mirroring(pub [bool; 4]);

impl Mirroring {
    /// Every kind mirrored back.
    pub const ALL: Mirroring = Mirroring([true; 4]);

    /// The kind of a paired mark, as an index into the flags.
    pub fn kind(c: char) -> Option<usize> {
        match c {
            '(' | ')' => Some(0),
            '[' | ']' => Some(1),
            '{' | '}' => Some(2),
            '«' | '»' | '‹' | '›' => Some(3),
            _ => None,
        }
    }

    /// Whether `c`, drawn at a right-to-left level, is turned back.
    pub fn turns(self, c: char) -> bool {
        Self::kind(c).is_none_or(|k| self.0[k])
    }
}

/// The mirrored form of a bracket or quotation mark, as bidi mirroring draws it.
pub fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        '﴾' => '﴿',
        '﴿' => '﴾',
        _ => c,
    }
}

/// Whether `c` joins the letter after it (an Arabic letter that is dual-joining, such as ه or
/// ی), so that a zero-width non-joiner after it changes how the word is drawn.
pub fn joins_forward(c: char) -> bool {
    use icu_properties::props::JoiningType;
    use icu_properties::CodePointMapData;
    matches!(
        CodePointMapData::<JoiningType>::new().get(c),
        JoiningType::DualJoining | JoiningType::JoinCausing
    )
}

/// The tatweel (kashida), which justification draws inside Arabic words.
pub const TATWEEL: char = '\u{0640}';

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_presentation_forms_and_ligatures_only() {
        assert_eq!(fold("\u{FEFB}"), "لا");
        assert_eq!(fold("\u{FEDF}\u{FE8E}"), "لا");
        assert_eq!(fold("\u{FE76}"), "\u{064E}");
        assert_eq!(fold("\u{FB01}x"), "fix");
        assert_eq!(fold("…²ﷺ"), "…²ﷺ");
        assert_eq!(fold(" \u{061C}"), " ");
        assert_eq!(fold("\u{200F}(\u{200E}"), "(");
    }

    #[test]
    fn the_fast_classes_agree_with_the_table() {
        for c in (0u32..0x0800).filter_map(char::from_u32) {
            assert_eq!(bidi_class(c), unicode_bidi::bidi_class(c), "{c:?}");
        }
    }

    #[test]
    fn marks_are_marks_and_the_maqaf_is_not() {
        assert!(is_mark('\u{064B}'));
        assert!(is_mark('\u{05B8}'));
        assert!(is_mark('\u{0670}'));
        assert!(!is_mark('\u{05BE}'));
        assert!(!is_mark('\u{0640}'));
        assert!(!is_mark('a'));
    }

    #[test]
    fn marks_follow_their_base() {
        assert_eq!(marks_after_base("\u{064B}ا"), "ا\u{064B}");
        assert_eq!(marks_after_base("\u{064B}ال"), "لا\u{064B}");
        assert_eq!(marks_after_base("ال"), "لا");
        assert_eq!(marks_after_base("لا"), "لا");
        assert_eq!(marks_after_base("لد"), "لد");
        assert_eq!(marks_after_base("ا\u{064B}"), "ا\u{064B}");
        assert_eq!(marks_after_base("\u{064B}"), "\u{064B}");
    }

    #[test]
    fn only_dual_joining_letters_join_forward() {
        assert!(joins_forward('ه'));
        assert!(joins_forward('ی'));
        assert!(!joins_forward('و'));
        assert!(!joins_forward('ا'));
        assert!(!joins_forward('a'));
    }
}
