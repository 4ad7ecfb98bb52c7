use serde::{Deserialize, Serialize};

use super::{ArticleId, QuoteId};

/// How many chars of context are kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 40;

/// An exact passage of an article. Invariant: `text == article.text[start..end]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Stable id, unique within the briefing.
    pub id: QuoteId,
    /// The article it was taken from.
    pub article: ArticleId,
    /// First byte of the quote in the article text (a char boundary).
    pub start: usize,
    /// One past its last byte (a char boundary).
    pub end: usize,
    /// The exact quoted text.
    pub text: String,
    /// Up to `CONTEXT_CHARS` chars before the quote, to find it again after a re-import.
    pub context_before: String,
    /// Up to `CONTEXT_CHARS` chars after the quote.
    pub context_after: String,
    /// Who said it, when known.
    pub speaker: Option<String>,
    /// The staffer's note.
    pub note: Option<String>,
    /// When it was picked (RFC 3339, UTC).
    pub picked_at: String,
}

impl Quote {
    /// A quote of `text[start..end]` with its context; `None` if the range is not on char
    /// boundaries, empty, or out of bounds.
    pub fn from_range(
        id: QuoteId,
        article: ArticleId,
        text: &str,
        start: usize,
        end: usize,
        picked_at: String,
    ) -> Option<Quote> {
        if start >= end {
            return None;
        }
        let quoted = text.get(start..end)?;
        let before = &text[..start];
        let after = &text[end..];
        let context_before: String = {
            let n = before.chars().count();
            before
                .chars()
                .skip(n.saturating_sub(CONTEXT_CHARS))
                .collect()
        };
        let context_after: String = after.chars().take(CONTEXT_CHARS).collect();
        Some(Quote {
            id,
            article,
            start,
            end,
            text: quoted.to_owned(),
            context_before,
            context_after,
            speaker: None,
            note: None,
            picked_at,
        })
    }
}
