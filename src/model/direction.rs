//! The product's direction policy, in one place: which way a paragraph reads.
//!
//! One rule decides every paragraph the product shows or prints, whoever wrote it:
//! [`Direction::of_paragraph`]. A paragraph reads in its *default* direction unless more than
//! 60% of its words (those with a strong letter) read the other way. Only the default depends
//! on where the text comes from:
//!
//! | text | default | used by |
//! |---|---|---|
//! | a block of an article | the article's direction ([`Direction::of_text`] at import, or the file's `dir`) | reader, quotes in the outline and the PDF, citations |
//! | a paragraph of the briefing's own text (title, notes, speaker, …) | the briefing's language ([`BriefingLanguage::direction`]) | the text field while typing, the PDF |
//! | a text with no context (an article as a whole, a new briefing's title in the CLI) | its first strong letter ([`Direction::of_text`]) | import, `briefing new` |
//!
//! So an Arabic sentence that opens with a Latin name («NATO قالت إن…») stays right to left,
//! an English statement quoted in an Arabic article reads left to right, and what the author
//! sees in a field while typing is what the PDF prints. A field's text is split at `\n`, and
//! each paragraph takes its own direction ([`Direction::paragraphs`]).
//!
//! What a *PDF reader* does with the printed text (PDFium's and pdf.js's own guesses) is a
//! model of that reader, not a policy of ours; it lives with the PDF writer.

use serde::{Deserialize, Serialize};

use super::BriefingLanguage;

/// Base direction of a text, as the reader lays it out and the PDF prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Direction {
    /// Left to right (Latin, …).
    #[default]
    Ltr,
    /// Right to left (Arabic, Persian, Urdu, Hebrew, …).
    Rtl,
}

impl Direction {
    /// The direction of the first strong character outside isolates (UAX #9, rules P2/P3), as
    /// the text engine resolves a paragraph; `None` when there is none.
    pub fn of_first_strong(text: &str) -> Option<Direction> {
        match unicode_bidi::get_base_direction(text) {
            unicode_bidi::Direction::Ltr => Some(Direction::Ltr),
            unicode_bidi::Direction::Rtl => Some(Direction::Rtl),
            unicode_bidi::Direction::Mixed => None,
        }
    }

    /// A right-to-left letter (bidi class R or AL); Arabic punctuation such as `،` is not one.
    pub fn is_rtl_letter(c: char) -> bool {
        // The Arabic letters (hamza to yeh, tatweel included): by far the most common case, and
        // `is_alphabetic` is a slow table search outside ASCII.
        if matches!(c, '\u{0620}'..='\u{064A}') {
            return true;
        }
        if !c.is_alphabetic() {
            return false;
        }
        let mut buf = [0u8; 4];
        Direction::of_first_strong(c.encode_utf8(&mut buf)) == Some(Direction::Rtl)
    }

    /// **The rule.** The direction a paragraph whose context reads `default` reads in:
    /// `default`, unless more than 60% of its words with a strong character are of the other
    /// direction. Words are counted by the direction of their first strong character; a
    /// paragraph with none takes `default`.
    pub fn of_paragraph(text: &str, default: Direction) -> Direction {
        let (mut same, mut other) = (0usize, 0usize);
        for word in text.split_whitespace() {
            match Direction::of_first_strong(word) {
                Some(d) if d == default => same += 1,
                Some(_) => other += 1,
                None => {}
            }
        }
        if other * 5 > (same + other) * 3 {
            default.flipped()
        } else {
            default
        }
    }

    /// The direction of a text with no context to default to (an article as a whole, a title
    /// that decides a new briefing's language): [`Direction::of_paragraph`] with the text's
    /// first strong letter as the default (left to right when it has none).
    pub fn of_text(text: &str) -> Direction {
        Direction::of_paragraph(text, Direction::of_first_strong(text).unwrap_or_default())
    }

    /// The paragraphs of a text split at `\n`, each with its byte range and its direction by
    /// [`Direction::of_paragraph`] with `default`.
    pub fn paragraphs(
        text: &str,
        default: Direction,
    ) -> impl Iterator<Item = (std::ops::Range<usize>, Direction)> + '_ {
        let mut start = 0;
        text.split('\n').map(move |piece| {
            let range = start..start + piece.len();
            start = range.end + 1;
            (range, Direction::of_paragraph(piece, default))
        })
    }

    /// The other direction.
    pub fn flipped(self) -> Direction {
        match self {
            Direction::Ltr => Direction::Rtl,
            Direction::Rtl => Direction::Ltr,
        }
    }

    /// Right to left.
    pub fn is_rtl(self) -> bool {
        self == Direction::Rtl
    }
}

impl BriefingLanguage {
    /// The direction the briefing's own text defaults to (see the module's table).
    pub fn direction(self) -> Direction {
        match self {
            BriefingLanguage::English => Direction::Ltr,
            BriefingLanguage::Arabic => Direction::Rtl,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Direction::{self, Ltr, Rtl};

    #[test]
    fn paragraph_direction_follows_the_article_unless_the_other_direction_dominates() {
        let cases: [(&str, Direction, Direction); 8] = [
            // An Arabic sentence that opens with a Latin name stays right to left.
            ("Xavier Colomina قال إن الشراكة ضرورة", Rtl, Rtl),
            // An English statement quoted in an Arabic article reads left to right.
            ("NATO remains committed to the Gulf (الناتو).", Rtl, Ltr),
            // Half and half: the article's direction.
            ("NATO الناتو", Rtl, Rtl),
            ("NATO الناتو", Ltr, Ltr),
            // Hebrew is right to left too.
            ("השר אמר כי שיתוף הפעולה עם NATO נמשך", Ltr, Rtl),
            // Mostly English with an Arabic name: left to right.
            (
                "The minister جراح الجابر said the talks went well",
                Ltr,
                Ltr,
            ),
            // Digits and punctuation only: the article's direction.
            ("2025-2027 (40%)", Rtl, Rtl),
            ("", Ltr, Ltr),
        ];
        for (text, article, expected) in cases {
            assert_eq!(Direction::of_paragraph(text, article), expected, "{text}");
        }
    }

    #[test]
    fn a_text_without_context_defaults_to_its_first_strong_letter() {
        assert_eq!(
            Direction::of_text("CNN — قال وزير الخارجية إن المحادثات مستمرة"),
            Rtl
        );
        assert_eq!(
            Direction::of_text("قمة NATO summit in Brussels next week"),
            Ltr
        );
        assert_eq!(Direction::of_text("2025"), Ltr);
    }

    #[test]
    fn each_paragraph_of_a_field_takes_its_own_direction() {
        let text = "The talks\nقال الوزير إن NATO\n\n2025";
        let got: Vec<_> = Direction::paragraphs(text, Rtl)
            .map(|(r, d)| (&text[r], d))
            .collect();
        assert_eq!(
            got,
            [
                ("The talks", Ltr),
                ("قال الوزير إن NATO", Rtl),
                ("", Rtl),
                ("2025", Rtl)
            ]
        );
    }
}
