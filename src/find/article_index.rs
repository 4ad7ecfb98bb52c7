//! The folded view of one article's text, built once and searched for every query.

use unicode_segmentation::UnicodeSegmentation;

use super::fold::{fold_char, Fold, HEH};

/// The longest text an index covers: offsets are stored as `u32` to keep the index small.
/// Articles are at most 50 MB on import, far below; a longer text is searched in its first
/// 4 GiB only.
const MAX_INDEXED: usize = u32::MAX as usize - 1;

/// The folded form of an article's text with a map back to its bytes. Invariants: every
/// match of the folded text that starts and ends on a unit boundary maps to a source range on
/// char boundaries whose own folded text is the match; the source text itself is not kept.
#[derive(Debug, Clone)]
pub struct ArticleIndex {
    /// The folded text: what queries are searched in.
    pub(crate) folded: String,
    /// Where the linear map from folded to source offsets changes, ascending by `folded`;
    /// the first is at 0 and the last at `folded.len()`.
    anchors: Vec<Anchor>,
    /// Folded offsets of every `ه` that was a ta marbuta, ascending.
    ta_marbuta: Vec<u32>,
    /// UAX #29 word boundaries of the source, one bit per byte offset (`len + 1` bits).
    word_bounds: Vec<u64>,
    /// The length of the source text indexed.
    source_len: usize,
}

/// A point of the map. From `folded` up to the next anchor, in a linear span every char
/// boundary `g` is a unit boundary at source offset `start + (g - folded)`; an opaque span is
/// one unit (a character whose folded form has another length) with no boundary inside.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    folded: u32,
    /// Source offset where the unit starting here starts.
    start: u32,
    /// Source offset where the unit ending here ends, after the marks of its letter.
    end: u32,
    opaque: bool,
}

impl ArticleIndex {
    /// Fold `text` and build its map. Linear in the text's length.
    pub fn new(text: &str) -> ArticleIndex {
        let mut cut = text.len().min(MAX_INDEXED);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = &text[..cut];
        let mut b = Builder {
            folded: String::with_capacity(text.len()),
            anchors: Vec::new(),
            ta_marbuta: Vec::new(),
            predicted: None,
            prev_end: 0,
        };
        let mut many = Vec::new();
        for (i, c) in text.char_indices() {
            let len = c.len_utf8();
            match fold_char(c, &mut many) {
                Fold::Mark => {
                    if b.prev_end == i {
                        b.prev_end = i + len;
                    }
                }
                Fold::Drop => {}
                Fold::Space => {
                    if !b.folded.ends_with(' ') {
                        b.unit(i, len, &[(' ', false)]);
                    }
                }
                Fold::One(ch) => b.unit(i, len, &[(ch, false)]),
                Fold::TaMarbuta => b.unit(i, len, &[(HEH, true)]),
                Fold::Many => b.unit(i, len, &many),
            }
        }
        b.anchors.push(Anchor {
            folded: b.folded.len() as u32,
            start: text.len() as u32,
            end: b.prev_end as u32,
            opaque: false,
        });
        let mut word_bounds = vec![0u64; text.len() / 64 + 1];
        for (i, _) in text.split_word_bound_indices() {
            word_bounds[i / 64] |= 1 << (i % 64);
        }
        word_bounds[text.len() / 64] |= 1 << (text.len() % 64);
        ArticleIndex {
            folded: b.folded,
            anchors: b.anchors,
            ta_marbuta: b.ta_marbuta,
            word_bounds,
            source_len: text.len(),
        }
    }

    /// The length in bytes of the text this index was built from (a check that an index
    /// still belongs to its article).
    pub fn source_len(&self) -> usize {
        self.source_len
    }

    /// The folded text, as queries are compared with it.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// The source range of the folded range `f..g`, if both ends are unit boundaries.
    /// `hint` is where the last lookup ended: queries look up ascending offsets, so the search
    /// gallops forward from there instead of starting over.
    pub(crate) fn source_range(
        &self,
        f: usize,
        g: usize,
        hint: &mut usize,
    ) -> Option<std::ops::Range<usize>> {
        let start = self.map(f, hint, |a| a.start)?;
        let end = self.map(g, hint, |a| a.end)?;
        (start < end).then_some(start..end)
    }

    fn map(&self, f: usize, hint: &mut usize, at_anchor: impl Fn(&Anchor) -> u32) -> Option<usize> {
        if !self.folded.is_char_boundary(f) {
            return None;
        }
        let f = u32::try_from(f).ok()?;
        let a = &self.anchors[self.anchor_before(f, hint)];
        if a.folded == f {
            Some(at_anchor(a) as usize)
        } else if a.opaque {
            None
        } else {
            Some((a.start + (f - a.folded)) as usize)
        }
    }

    /// The index of the last anchor at or before folded offset `f`, searched from `hint`.
    fn anchor_before(&self, f: u32, hint: &mut usize) -> usize {
        let anchors = &self.anchors;
        let mut lo = (*hint).min(anchors.len() - 1);
        if anchors[lo].folded > f {
            lo = 0;
        }
        let (mut hi, mut step) = (lo + 1, 1);
        while hi < anchors.len() && anchors[hi].folded <= f {
            lo = hi;
            step *= 2;
            hi = lo + step;
        }
        let hi = hi.min(anchors.len());
        // anchors[lo].folded <= f (the first anchor is at 0), so the point is at least 1.
        let i = lo + anchors[lo..hi].partition_point(|a| a.folded <= f) - 1;
        *hint = i;
        i
    }

    /// Whether the `ه` at folded offset `f` was a ta marbuta.
    pub(crate) fn is_ta_marbuta(&self, f: usize) -> bool {
        u32::try_from(f).is_ok_and(|f| self.ta_marbuta.binary_search(&f).is_ok())
    }

    /// Whether source offset `at` is a UAX #29 word boundary of the text (what
    /// [`super::FindOptions::whole_word`] checks).
    pub fn is_word_boundary(&self, at: usize) -> bool {
        at <= self.source_len && self.word_bounds[at / 64] & (1 << (at % 64)) != 0
    }
}

struct Builder {
    folded: String,
    anchors: Vec<Anchor>,
    ta_marbuta: Vec<u32>,
    /// Where the current linear span predicts the next unit starts; `None` after an opaque one.
    predicted: Option<usize>,
    /// Where the last unit ends, after the marks that follow it.
    prev_end: usize,
}

impl Builder {
    /// A source character at `i` (`len` bytes) folded to `chars` (at least one).
    fn unit(&mut self, i: usize, len: usize, chars: &[(char, bool)]) {
        let f = self.folded.len();
        let linear = matches!(chars, [(c, _)] if c.len_utf8() == len);
        if !(linear && self.predicted == Some(i)) {
            self.anchors.push(Anchor {
                folded: f as u32,
                start: i as u32,
                end: self.prev_end as u32,
                opaque: !linear,
            });
        }
        for &(c, ta) in chars {
            if ta {
                self.ta_marbuta.push(self.folded.len() as u32);
            }
            self.folded.push(c);
        }
        self.prev_end = i + len;
        self.predicted = linear.then_some(i + len);
    }
}
