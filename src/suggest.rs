//! Suggestions while building a briefing: agenda items from an article's headings and list
//! items, and who said a quote.

// INTERIM (branch `app`): minimal versions until branch `import` lands the real ones; on merge,
// take `import`'s file.

use crate::model::{Article, BlockKind};

/// Agenda item suggestions: the article's headings, in order, without duplicates.
pub fn agenda_suggestions(article: &Article) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in &article.blocks {
        if matches!(b.kind, BlockKind::Heading(_)) {
            let t = article.block_text(b).trim().to_owned();
            if !t.is_empty() && !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// Who said the quote at `start..end`; `None` when it cannot be told.
pub fn speaker_suggestion(_article: &Article, _start: usize, _end: usize) -> Option<String> {
    None
}
