//! Finding a passage in an article the way a person means it: compared after NFC
//! normalisation, reported as a byte range of the original (un-normalised) text; when it is
//! not there as typed, compared by the folding rules of [`crate::find`].

use std::ops::Range;

use crate::find;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Where a passage occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Exactly once, at this byte range of the original text (on char boundaries).
    Once(Range<usize>),
    /// Not at all.
    Missing,
    /// This many times (at least two).
    Many(usize),
    /// The passage is empty after normalisation.
    Empty,
}

/// Find `needle` in `haystack`, both compared in NFC; a match must start and end on
/// boundaries that exist in the original text.
///
/// Spaces around the passage do not count, and when it is not there as typed, any run of
/// whitespace in it matches any run in the article: a passage copied from a web page (with
/// no-break spaces) or from a wrapped PDF line (with a line break) is still found. When it is
/// not there at all, it is looked for by the folding rules of [`crate::find`] (harakat,
/// hamza, ى/ي, ة/ه, digits, presentation forms …) and found if exactly one passage matches.
pub fn find_unique(haystack: &str, needle: &str) -> Found {
    let needle: String = needle.trim().nfc().collect();
    if needle.is_empty() {
        return Found::Empty;
    }
    let map = NfcMap::new(haystack);
    let mut hits = exact_hits(&map, &needle, true);
    if hits.is_empty() {
        hits = loose_hits(&map, &needle, true);
    }
    if hits.is_empty() {
        let query = find::Query::new(&needle, find::FindOptions::default());
        let index = find::ArticleIndex::new(haystack);
        return match find::count_overlapping(&index, &query, 2) {
            0 => Found::Missing,
            1 => find::find(&index, &query)
                .into_iter()
                .next()
                .map_or(Found::Missing, Found::Once),
            _ => Found::Many(find::find(&index, &query).len().max(2)),
        };
    }
    match hits.len() {
        0 => Found::Missing,
        1 => Found::Once(hits.remove(0)),
        n => Found::Many(n),
    }
}

/// Every occurrence of `needle` as typed (compared in NFC), any run of whitespace in it
/// matching any run in the article, with no other folding: what `briefing find --exact`
/// reports. Ascending and not overlapping; empty for an empty needle.
pub fn find_all_exact(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    let needle: String = needle.trim().nfc().collect();
    if needle.is_empty() {
        return Vec::new();
    }
    loose_hits(&NfcMap::new(haystack), &needle, false)
}

/// Occurrences of `needle` exactly; overlapping ones too when `overlapping`.
fn exact_hits(map: &NfcMap, needle: &str, overlapping: bool) -> Vec<Range<usize>> {
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some(at) = map.text[from..].find(needle) {
        let start = from + at;
        let end = start + needle.len();
        let next = start + map.text[start..].chars().next().map_or(1, char::len_utf8);
        if let (Some(s), Some(e)) = (map.original(start), map.original(end)) {
            hits.push(s..e);
            from = if overlapping { next } else { end };
        } else {
            from = next;
        }
    }
    hits
}

/// Occurrences of `needle`'s words with any whitespace between them; overlapping ones too
/// when `overlapping`.
fn loose_hits(map: &NfcMap, needle: &str, overlapping: bool) -> Vec<Range<usize>> {
    let words: Vec<&str> = needle
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect();
    let Some((first, rest)) = words.split_first() else {
        return Vec::new();
    };
    let text = map.text.as_str();
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(first) {
        let start = from + at;
        let mut end = start + first.len();
        let mut whole = true;
        for word in rest {
            let gap = text[end..]
                .char_indices()
                .find(|&(_, c)| !c.is_whitespace())
                .map_or(text.len() - end, |(i, _)| i);
            if gap == 0 || !text[end + gap..].starts_with(word) {
                whole = false;
                break;
            }
            end += gap + word.len();
        }
        let next = start + text[start..].chars().next().map_or(1, char::len_utf8);
        from = next;
        if whole {
            if let (Some(s), Some(e)) = (map.original(start), map.original(end)) {
                hits.push(s..e);
                if !overlapping {
                    from = end;
                }
            }
        }
    }
    hits
}

/// The NFC form of a text with the byte offsets where its segments start in both forms.
struct NfcMap {
    text: String,
    /// (offset in `text`, offset in the original), ascending, ending with both lengths.
    bounds: Vec<(usize, usize)>,
}

impl NfcMap {
    fn new(original: &str) -> NfcMap {
        if is_nfc_quick(original.chars()) == IsNormalized::Yes {
            // Common case: already NFC; every char boundary maps to itself.
            return NfcMap {
                text: original.to_owned(),
                bounds: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut bounds = Vec::new();
        let mut segment_start = 0;
        let mut buffer = String::new();
        for (i, c) in original.char_indices() {
            // A new segment starts at a starter that does not compose with what came before.
            if i > 0 && canonical_combining_class(c) == 0 {
                let mut joined = buffer.clone();
                joined.push(c);
                let composes = joined.nfc().count() < buffer.nfc().count() + 1;
                if !composes {
                    bounds.push((text.len(), segment_start));
                    text.extend(buffer.nfc());
                    buffer.clear();
                    segment_start = i;
                }
            }
            buffer.push(c);
        }
        bounds.push((text.len(), segment_start));
        text.extend(buffer.nfc());
        bounds.push((text.len(), original.len()));
        NfcMap { text, bounds }
    }

    /// The original offset of a normalised offset, if it is a segment boundary.
    fn original(&self, at: usize) -> Option<usize> {
        if self.bounds.is_empty() {
            return self.text.is_char_boundary(at).then_some(at);
        }
        let i = self.bounds.binary_search_by_key(&at, |b| b.0).ok()?;
        Some(self.bounds[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_once_missing_many() {
        assert_eq!(find_unique("abc abd", "abd"), Found::Once(4..7));
        assert_eq!(find_unique("abc abd", "xyz"), Found::Missing);
        assert_eq!(find_unique("aaa", "aa"), Found::Many(2));
        assert_eq!(find_unique("abc", ""), Found::Empty);
    }

    #[test]
    fn matches_across_normalisation_forms() {
        // Decomposed e + combining acute in the article, composed é in the query.
        let article = "cafe\u{301} noir";
        assert_eq!(find_unique(article, "café"), Found::Once(0..6));
        // Without the accent it is found by folding, accent included: never half a character.
        assert_eq!(find_unique(article, "cafe"), Found::Once(0..6));
        assert_eq!(find_unique("café noir", "cafe"), Found::Once(0..5));
    }

    #[test]
    fn whitespace_as_copied_from_a_page_or_a_pdf() {
        let article = "مجلس التعاون الخليجي (GCC) يجتمع\nغداً في الرياض";
        // A no-break space from a web page, a line break from a PDF, spaces around.
        for query in [
            "الخليجي\u{a0}(GCC)",
            " مجلس التعاون ",
            "يجتمع غداً",
            "التعاون  الخليجي",
        ] {
            let Found::Once(r) = find_unique(article, query) else {
                panic!("{query:?} not found")
            };
            assert_eq!(
                article[r].split_whitespace().collect::<Vec<_>>(),
                query.split_whitespace().collect::<Vec<_>>()
            );
        }
        // Words must still be separated where the query separates them.
        assert_eq!(find_unique(article, "مجلسالتعاون"), Found::Missing);
        assert_eq!(find_unique(article, "مجلس  ال تعاون"), Found::Missing);
    }

    #[test]
    fn folded_when_not_there_as_typed() {
        let article = "أكد أن استضافة الكويت للاجتماع السابع لمبادرة إسطنبول، ثم مبادرة إسطنبول";
        let Found::Once(r) = find_unique(article, "استضافه الكويت") else {
            panic!("not found")
        };
        assert_eq!(&article[r], "استضافة الكويت");
        // Ambiguous once folded: still refused.
        assert_eq!(find_unique(article, "مبادره اسطنبول"), Found::Many(2));
        assert_eq!(find_unique(article, "مفاوضات"), Found::Missing);
    }

    #[test]
    fn arabic_with_harakat() {
        let article = "تمتد لأكثر من 20 عاماً، مضيفاً";
        let Found::Once(r) = find_unique(article, "20 عاماً") else {
            panic!("not found")
        };
        assert_eq!(&article[r], "20 عاماً");
    }
}
