//! A query, folded and prepared once, then searched in any number of articles.

use memchr::memmem;

use super::fold::{fold_char, Fold, HEH, TA_MARBUTA};

/// How a query matches. The default folds ta marbuta and matches inside words, as a reader
/// searching for `مبادرة` expects to find `المبادرة` and `مبادره`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FindOptions {
    /// `ة` and `ه` match each other (on by default; off: `ة` only matches `ة`).
    pub fold_ta_marbuta: bool,
    /// A match must start and end on UAX #29 word boundaries of the article's text.
    pub whole_word: bool,
}

impl Default for FindOptions {
    fn default() -> FindOptions {
        FindOptions {
            fold_ta_marbuta: true,
            whole_word: false,
        }
    }
}

/// A folded query with its searcher. Build it once per query (per keystroke in a find bar),
/// not per article.
#[derive(Debug, Clone)]
pub struct Query {
    /// The folded needle, trimmed, with ta marbuta folded to `ه`.
    pub(crate) needle: String,
    /// Offsets in `needle` of every `ه`, each with whether it was a ta marbuta; only kept when
    /// ta marbuta is not folded.
    pub(crate) hehs: Vec<(usize, bool)>,
    pub(crate) options: FindOptions,
    pub(crate) finder: memmem::Finder<'static>,
}

impl Query {
    /// Fold `text` by the rules of [`crate::find`].
    pub fn new(text: &str, options: FindOptions) -> Query {
        let (needle, hehs) = fold_marked(text);
        let hehs = if options.fold_ta_marbuta {
            Vec::new()
        } else {
            hehs
        };
        let finder = memmem::Finder::new(needle.as_bytes()).into_owned();
        Query {
            needle,
            hehs,
            options,
            finder,
        }
    }

    /// Whether nothing is left to search for after folding (only spaces, harakat, tatweel …).
    pub fn is_empty(&self) -> bool {
        self.needle.is_empty()
    }

    /// The options it was built with.
    pub fn options(&self) -> FindOptions {
        self.options
    }

    /// The folded query, as [`crate::find::fold`] gives it.
    pub fn folded(&self) -> String {
        restore_ta(&self.needle, &self.hehs, self.options)
    }
}

/// `text` folded as the search sees it: whitespace runs as one space, trimmed; with
/// `fold_ta_marbuta` off, a ta marbuta stays `ة`. Two texts match when their folded forms do.
pub fn fold(text: &str, options: FindOptions) -> String {
    let (folded, hehs) = fold_marked(text);
    restore_ta(&folded, &hehs, options)
}

fn restore_ta(folded: &str, hehs: &[(usize, bool)], options: FindOptions) -> String {
    if options.fold_ta_marbuta || !hehs.iter().any(|&(_, ta)| ta) {
        return folded.to_owned();
    }
    let mut out = String::with_capacity(folded.len());
    for (i, c) in folded.char_indices() {
        let ta = c == HEH && hehs.binary_search(&(i, true)).is_ok();
        out.push(if ta { TA_MARBUTA } else { c });
    }
    out
}

/// Folded and trimmed, with the offsets of every `ه` and whether it was a ta marbuta.
fn fold_marked(text: &str) -> (String, Vec<(usize, bool)>) {
    let mut out = String::with_capacity(text.len());
    let mut hehs = Vec::new();
    let mut many = Vec::new();
    let mut push = |out: &mut String, c: char, ta: bool| {
        if c == HEH {
            hehs.push((out.len(), ta));
        }
        out.push(c);
    };
    for c in text.chars() {
        match fold_char(c, &mut many) {
            Fold::Mark | Fold::Drop => {}
            Fold::Space => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            Fold::One(c) => push(&mut out, c, false),
            Fold::TaMarbuta => push(&mut out, HEH, true),
            Fold::Many => {
                for &(c, ta) in &many {
                    push(&mut out, c, ta);
                }
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    (out, hehs)
}
