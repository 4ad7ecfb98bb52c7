//! Poppler (`pdftotext`, Evince, Okular), as read in its `TextOutputDev.cc` (`TextPage::coalesce`,
//! `reorderText`) and measured with poppler 22.12:
//!
//! - Glyphs become words by where they are drawn; a glyph whose text is a space ends a word
//!   rather than being kept, and words on a line are joined left to right, a space where they
//!   are apart. A glyph's text goes into its word character by character, left to right, so
//!   a right-to-left glyph's text is stored reversed (see `paint`).
//! - A page has one direction for all its lines: right to left when it holds more
//!   right-to-left characters than left-to-right ones (`lrCount` in `coalesce`).
//! - `reorderText` then turns each line, held left to right, into logical order with one rule
//!   per direction. On a right-to-left page it reads from the right end: a right-to-left
//!   section takes every character that is neither left to right nor a number, and the
//!   left-to-right section after it takes every character that is not right to left; that
//!   section is written out left to right. So the spaces and punctuation just left of a number
//!   or a Latin word go with it (`20 %في`, `توقیف ،حبس`, `  Xavier Colomina`), and a
//!   right-to-left character just left of the number or word stops that ([`needs_stop`]).
//!
//! Poppler's classes (`UnicodeTypeTable.cc`): letters of right-to-left scripts (and RLM, ALM)
//! are right to left; digits of every kind and the separators and terminators that go with
//! numbers (`,` `.` `/` `%` `،` …) are "numbers"; other letters are left to right.

/// How poppler's `reorderText` classes a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PopplerType {
    Left,
    Right,
    Number,
    Neutral,
}

pub(crate) fn poppler_type(c: char) -> PopplerType {
    use unicode_bidi::BidiClass::{AL, AN, CS, EN, ES, ET, L, R};
    match c {
        '\u{0620}'..='\u{064A}' => return PopplerType::Right,
        'a'..='z' | 'A'..='Z' => return PopplerType::Left,
        '0'..='9' => return PopplerType::Number,
        ' ' => return PopplerType::Neutral,
        '\u{200F}' | '\u{061C}' => return PopplerType::Right,
        _ => {}
    }
    match unicode_bidi::bidi_class(c) {
        L => PopplerType::Left,
        R | AL => PopplerType::Right,
        EN | AN | ES | ET | CS => PopplerType::Number,
        _ => PopplerType::Neutral,
    }
}

/// Poppler's page direction from the characters' count (`coalesce`): right to left when the
/// right-to-left ones are more.
#[derive(Default)]
pub(crate) struct PageDirection {
    count: i64,
}

impl PageDirection {
    pub(crate) fn push(&mut self, text: &str) {
        for c in text.chars() {
            match poppler_type(c) {
                PopplerType::Left => self.count += 1,
                PopplerType::Right => self.count -= 1,
                _ => {}
            }
        }
    }

    pub(crate) fn reads_rtl(&self) -> bool {
        self.count < 0
    }
}

/// On a right-to-left page, where a right-to-left character must go so that `reorderText`
/// gives back each stretch of left-to-right or number characters, and only those, as one
/// left-to-right section. `chars` is a line held left to right: each character (`None` for the
/// gap of a space) with the bidi stretch it was laid out in (the characters of one
/// left-to-right run share one; each right-to-left glyph is a stretch of its own). A stop goes
/// before a left-to-right or number character when scanning left from it, past neutrals,
/// meets a right-to-left character or the line's left end after at least one neutral (the
/// neutrals would join the section), or meets a left-to-right or number character of another
/// stretch (the two would make one section). The result holds indexes into `chars`.
#[cfg(test)]
pub(crate) fn needs_stop(chars: &[(Option<char>, usize)], stops: &mut Vec<usize>) {
    stops.clear();
    let mut stop = StopFinder::default();
    for (i, &(c, stretch)) in chars.iter().enumerate() {
        if stop.push(c, stretch) {
            stops.push(i);
        }
    }
}

/// [`needs_stop`] one character at a time.
#[derive(Default)]
pub(crate) struct StopFinder {
    neutrals: usize,
    /// The stretch of the last left-to-right or number character, `None` after a
    /// right-to-left one or at the line's left end.
    last: Option<usize>,
}

impl StopFinder {
    /// The next character to the right (`None`: a space's gap) of stretch `stretch`: whether a
    /// stop goes before it.
    pub(crate) fn push(&mut self, c: Option<char>, stretch: usize) -> bool {
        // The writer's LEFT-TO-RIGHT MARKs come only inside a right-to-left pair around a
        // bracket (`paint`), which reads the same either way; taken as left to right they
        // would look like a stretch of their own when the pair spans two glyphs' texts.
        let kind = match c {
            Some('\u{200E}') | None => PopplerType::Neutral,
            Some(c) => poppler_type(c),
        };
        match kind {
            PopplerType::Neutral => {
                self.neutrals += 1;
                false
            }
            PopplerType::Right => {
                self.neutrals = 0;
                self.last = None;
                false
            }
            PopplerType::Left | PopplerType::Number => {
                let stop = match self.last {
                    None => self.neutrals > 0,
                    Some(s) => s != stretch,
                };
                self.neutrals = 0;
                self.last = Some(stretch);
                stop
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line held left to right; each character its own stretch except the runs of ASCII
    /// letters and digits (with the spaces between their words), as a Latin name or a
    /// number is laid out.
    fn stops(s: &str) -> Vec<usize> {
        let chars: Vec<char> = s.chars().collect();
        let mut line = Vec::new();
        let mut stretch = 0;
        for (i, &c) in chars.iter().enumerate() {
            let latin = |c: char| c.is_ascii_alphanumeric();
            let before = |n: usize| i.checked_sub(n).map(|j| chars[j]);
            let inside = if c == ' ' {
                before(1).is_some_and(latin) && chars.get(i + 1).copied().is_some_and(latin)
            } else {
                latin(c)
                    && (before(1).is_some_and(latin)
                        || before(1) == Some(' ') && before(2).is_some_and(latin))
            };
            if !inside {
                stretch += 1;
            }
            line.push(((c != ' ').then_some(c), stretch));
        }
        let mut out = Vec::new();
        needs_stop(&line, &mut out);
        out
    }

    #[test]
    fn a_stop_goes_where_neutrals_would_join_a_number_or_a_latin_word() {
        // «بنسبة 20% في» held left to right: `%` (right to left, after an Arabic number) is a
        // section of its own, and the space on its left stays out of it.
        assert_eq!(stops("يف %20 ةبسنب"), vec![3, 4]);
        // The comma of «توقیف، حبس», and a full stop at the line's left end.
        assert_eq!(stops("سبح ،فیقوت"), vec![4]);
        assert_eq!(stops(".2025 يف"), vec![1]);
        // Inside «Xavier Colomina» nothing: the space between the words belongs there.
        assert_eq!(stops("نإ Xavier Colomina ماعلا"), vec![3]);
        // «(2025-2027)»: the hyphen between the numbers is right to left.
        assert_eq!(stops("ةينازيمب )2027-2025("), vec![10, 14, 15]);
        // A right-to-left letter next to the number already stops the section.
        assert!(stops("ماع20").is_empty());
    }

    #[test]
    fn a_page_reads_right_to_left_with_more_right_to_left_characters() {
        let mut d = PageDirection::default();
        d.push("Page 1 of 2");
        assert!(!d.reads_rtl());
        d.push("صفحة ١ من ٢ قال");
        assert!(d.reads_rtl());
        assert_eq!(poppler_type('،'), PopplerType::Number);
        assert_eq!(poppler_type('%'), PopplerType::Number);
        assert_eq!(poppler_type('۱'), PopplerType::Number);
        assert_eq!(poppler_type('‐'), PopplerType::Neutral);
        assert_eq!(poppler_type('\u{200F}'), PopplerType::Right);
    }
}
