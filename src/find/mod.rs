//! Find, the way Arabic readers search: a query matches what a person means, whatever the
//! article's spelling of harakat, hamza, digits or presentation forms, and every match is an
//! exact byte range of the article's own text.
//!
//! Each article gets an [`ArticleIndex`] once: its text folded by the rules below, with a map
//! from folded offsets back to source bytes (the model never holds a folded copy). A [`Query`]
//! is folded by the same rules and searched in the folded text; a match counts only where both
//! of its ends fall between source characters, and it is reported as the source range from its
//! first letter to the end of its last letter's marks.
//!
//! # The rules
//!
//! | rule | example: these match each other |
//! |---|---|
//! | harakat, Quranic marks and every other combining mark (Mn, Me) are ignored | `مُحَمَّد` ~ `محمد`, `café` ~ `cafe` |
//! | tatweel (kashida) is ignored | `الكويـــت` ~ `الكويت` |
//! | alef forms `أ إ آ ٱ` (and wavy-hamza alefs) are `ا` | `إسطنبول` ~ `اسطنبول`, `القرآن` ~ `القران` |
//! | hamza on a seat is the seat: `ؤ` is `و`, `ئ` is `ي` (as in their decompositions) | `مسئول` ~ `مسيول` |
//! | `ى` and Persian/Urdu yeh `ی ے` are `ي` | `على` ~ `علي`, `ایران` ~ `ايران` |
//! | Persian keheh `ک` and swash kaf `ڪ` are `ك` | `کویت` ~ `كويت` |
//! | heh variants `ۀ ہ ۂ ھ ە` are `ه` | `خانۀ` ~ `خانه` |
//! | `ة` (and Urdu `ۃ`) is `ه` — unless [`FindOptions::fold_ta_marbuta`] is off | `مبادرة` ~ `مبادره` |
//! | Arabic-Indic `٠–٩` and Persian `۰–۹` digits are ASCII digits | `٢٠٢٥` ~ `۲۰۲۵` ~ `2025` |
//! | Latin (and Greek, Cyrillic …) case is ignored | `NATO` ~ `nato` |
//! | compatibility forms (NFKC) are their letters: presentation forms, ligatures, full-width | `ﺍﻟﻜﻮﻳﺖ` ~ `الكويت`, `ﻻ` ~ `لا`, `ﷲ` ~ `الله`, `ﬁ` ~ `fi` |
//! | bidi controls, ZWJ, ZWNJ and other format characters are ignored | `می‌خواهم` ~ `میخواهم` |
//! | any run of whitespace (spaces, line breaks, no-break spaces) is one space; spaces around the query do not count | `مبادرة\nإسطنبول` ~ `مبادرة إسطنبول` |
//!
//! [`FindOptions::whole_word`] keeps only matches that start and end on UAX #29 word
//! boundaries of the source (`الكويت` then matches in `في الكويت.` but not in `والكويت`). A
//! match never covers part of a character: the query `ل` does not match inside a `ﻻ` ligature.
//! Matches are reported in order and do not overlap.
//!
//! ```
//! use briefing::find::{find, ArticleIndex, FindOptions, Query};
//! let text = "أكَّد الوزير أنّ مبادرة إسطنبول…";
//! let index = ArticleIndex::new(text);
//! let hits = find(&index, &Query::new("ان مبادره اسطنبول", FindOptions::default()));
//! assert_eq!(hits.len(), 1);
//! assert_eq!(&text[hits[0].clone()], "أنّ مبادرة إسطنبول");
//! ```

mod article_index;
mod briefing_index;
mod context;
mod fold;

pub(crate) use fold::is_mark;
mod query;

use std::ops::Range;

pub use article_index::ArticleIndex;
pub use briefing_index::{find_in_briefing, BriefingIndex, BriefingMatch};
pub use context::{context, Context};
pub use query::{fold, FindOptions, Query};

/// Every match of `query` in the article of `index`, as byte ranges of the article's text:
/// ascending, not overlapping, on char boundaries. Empty for an empty query.
pub fn find(index: &ArticleIndex, query: &Query) -> Vec<Range<usize>> {
    let mut hits = Vec::new();
    each_match(index, query, false, |r| {
        hits.push(r);
        true
    });
    hits
}

/// How many times `query` occurs in the article, overlapping occurrences included (`aa` is
/// twice in `aaa`), counting up to `limit`: a passage is unambiguous when this is 1.
pub fn count_overlapping(index: &ArticleIndex, query: &Query, limit: usize) -> usize {
    let mut n = 0;
    each_match(index, query, true, |_| {
        n += 1;
        n < limit
    });
    n
}

/// Calls `each` with every match until it returns false.
fn each_match(
    index: &ArticleIndex,
    query: &Query,
    overlapping: bool,
    mut each: impl FnMut(Range<usize>) -> bool,
) {
    let needle = query.needle.as_bytes();
    if needle.is_empty() {
        return;
    }
    let hay = index.folded.as_bytes();
    let mut from = 0;
    let mut hint = 0;
    while from < hay.len() {
        let Some(at) = query.finder.find(&hay[from..]) else {
            return;
        };
        let f = from + at;
        let g = f + needle.len();
        // The needle is UTF-8, so `f` is a char boundary of the folded text; the next
        // candidate starts after this char.
        let next_char = f + hay[f..]
            .iter()
            .skip(1)
            .position(|&b| (b as i8) >= -0x40)
            .map_or(hay.len() - f, |p| p + 1);
        match accept(index, query, f, g, &mut hint) {
            Some(r) => {
                if !each(r) {
                    return;
                }
                from = if overlapping { next_char } else { g };
            }
            None => from = next_char,
        }
    }
}

/// The source range of the candidate at folded `f..g`, if it is a match.
fn accept(
    index: &ArticleIndex,
    query: &Query,
    f: usize,
    g: usize,
    hint: &mut usize,
) -> Option<Range<usize>> {
    let range = index.source_range(f, g, hint)?;
    let ta_ok = query
        .hehs
        .iter()
        .all(|&(j, ta)| index.is_ta_marbuta(f + j) == ta);
    let word_ok = !query.options.whole_word
        || (index.is_word_boundary(range.start) && index.is_word_boundary(range.end));
    (ta_ok && word_ok).then_some(range)
}
