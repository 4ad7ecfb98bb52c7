//! The folding rules, one source character at a time (see the module docs of `find` for the
//! list with examples). Folding is context-free except for whitespace, whose runs become one
//! space; that is what lets a folded match map back to an exact source range.

use icu_properties::props::GeneralCategory;
use icu_properties::CodePointMapData;
use unicode_normalization::char::decompose_compatible;

/// What one source character folds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Nothing, and it belongs to the letter before it (harakat and other combining marks): a
    /// match that ends on that letter ends after its marks.
    Mark,
    /// Nothing, on its own (tatweel, bidi controls, ZWJ/ZWNJ and other format characters).
    Drop,
    /// Whitespace: one space for a whole run.
    Space,
    /// One character.
    One(char),
    /// `ه`, from a ta marbuta (`ة`, Urdu `ۃ`).
    TaMarbuta,
    /// Several characters (compatibility decompositions: `ﻻ` → `لا`, `ﬁ` → `fi`, `ß` → `ss`);
    /// written into the caller's buffer.
    Many,
}

/// `ة` (and Urdu `ۃ`) fold to `ه` unless told otherwise; the index folds them always and
/// remembers where, so that one index answers both settings.
pub(crate) const TA_MARBUTA: char = '\u{0629}';
/// Arabic heh, what `ة` folds to.
pub(crate) const HEH: char = '\u{0647}';

/// Fold `c`. For [`Fold::Many`] the characters are pushed to `many` (cleared first), each
/// with a flag set when it is a `ه` that was a ta marbuta.
pub(crate) fn fold_char(c: char, many: &mut Vec<(char, bool)>) -> Fold {
    // Fast paths: ASCII and the basic Arabic block cover nearly all article text.
    if c.is_ascii() {
        return if c.is_whitespace() {
            Fold::Space
        } else if c.is_ascii_control() {
            Fold::Drop
        } else {
            Fold::One(c.to_ascii_lowercase())
        };
    }
    if let Some(f) = arabic(c) {
        return f;
    }
    if c.is_whitespace() {
        return Fold::Space;
    }
    match CodePointMapData::<GeneralCategory>::new().get(c) {
        GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark => return Fold::Mark,
        GeneralCategory::Format | GeneralCategory::Control => return Fold::Drop,
        _ => {}
    }
    // Spacing forms of harakat and tatweel with harakat (ﹰ ﹱ … ﹿ): only marks.
    if ('\u{FE70}'..='\u{FE7F}').contains(&c) {
        return Fold::Mark;
    }
    many.clear();
    decompose_compatible(c, |d| {
        if is_mark(d) || d.is_whitespace() {
            return;
        }
        for l in d.to_lowercase() {
            if is_mark(l) {
                continue;
            }
            match l {
                'ß' => many.extend([('s', false), ('s', false)]),
                _ => many.push(letter(l)),
            }
        }
    });
    match many.as_slice() {
        [] => Fold::Drop,
        [(one, false)] => Fold::One(*one),
        _ => Fold::Many,
    }
}

/// Whether `c` is a combining mark that folding drops (general category Mn or Me).
pub(crate) fn is_mark(c: char) -> bool {
    if matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}') {
        return true;
    }
    !c.is_ascii()
        && matches!(
            CodePointMapData::<GeneralCategory>::new().get(c),
            GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark
        )
}

/// The Arabic block (U+0600–U+06FF), where most of the rules live; `None` outside it.
fn arabic(c: char) -> Option<Fold> {
    if !('\u{0600}'..='\u{06FF}').contains(&c) {
        return None;
    }
    Some(match c {
        // Harakat, Quranic annotation marks, superscript alef.
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => Fold::Mark,
        '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}' => Fold::Mark,
        '\u{06EA}'..='\u{06ED}' => Fold::Mark,
        // Tatweel; the Arabic letter mark (a bidi control); number signs.
        '\u{0640}' | '\u{061C}' | '\u{0600}'..='\u{0605}' | '\u{06DD}' => Fold::Drop,
        '\u{0660}'..='\u{0669}' => Fold::One(ascii_digit(c as u32 - 0x0660)),
        '\u{06F0}'..='\u{06F9}' => Fold::One(ascii_digit(c as u32 - 0x06F0)),
        TA_MARBUTA | '\u{06C3}' => Fold::TaMarbuta,
        _ => Fold::One(letter(c).0),
    })
}

fn ascii_digit(d: u32) -> char {
    char::from_digit(d, 10).unwrap_or('0')
}

/// One letter after decomposition and lower-casing: Arabic, Persian and Urdu variants to the
/// Arabic letter they are searched as. The flag says "this `ه` was a ta marbuta".
fn letter(c: char) -> (char, bool) {
    let folded = match c {
        // Alef with hamza above or below, with madda, wasla, wavy hamza.
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => '\u{0627}',
        // Waw and yeh with hamza above: the hamza is a mark (as in their decompositions).
        '\u{0624}' => '\u{0648}',
        '\u{0626}' => '\u{064A}',
        // Alef maksura, Farsi yeh, Urdu yeh barree (with hamza: decomposed before here).
        '\u{0649}' | '\u{06CC}' | '\u{06D2}' | '\u{06D3}' => '\u{064A}',
        // Keheh (Persian kaf), swash kaf.
        '\u{06A9}' | '\u{06AA}' => '\u{0643}',
        // Heh with yeh above, heh goal (with hamza), heh doachashmee, Arabic letter ae.
        '\u{06C0}' | '\u{06C1}' | '\u{06C2}' | '\u{06BE}' | '\u{06D5}' => HEH,
        TA_MARBUTA | '\u{06C3}' => return (HEH, true),
        'ς' => 'σ',
        other => other,
    };
    (folded, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(c: char) -> String {
        let mut many = Vec::new();
        match fold_char(c, &mut many) {
            Fold::Mark | Fold::Drop => String::new(),
            Fold::Space => " ".into(),
            Fold::One(c) => c.into(),
            Fold::TaMarbuta => HEH.into(),
            Fold::Many => many.iter().map(|&(c, _)| c).collect(),
        }
    }

    #[test]
    fn single_characters() {
        for (c, want) in [
            ('أ', "ا"),
            ('إ', "ا"),
            ('آ', "ا"),
            ('ٱ', "ا"),
            ('ى', "ي"),
            ('ی', "ي"),
            ('ک', "ك"),
            ('ۀ', "ه"),
            ('ہ', "ه"),
            ('ة', "ه"),
            ('ـ', ""),
            ('\u{064E}', ""),
            ('\u{200C}', ""),
            ('\u{200F}', ""),
            ('٣', "3"),
            ('۳', "3"),
            ('ﻻ', "لا"),
            ('ﻷ', "لا"),
            ('ﺑ', "ب"),
            ('ﷲ', "الله"),
            ('N', "n"),
            ('É', "e"),
            ('ß', "ss"),
            ('\u{a0}', " "),
            ('\u{FE71}', ""),
        ] {
            assert_eq!(f(c), want, "{c:?}");
        }
    }
}
