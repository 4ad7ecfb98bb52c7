//! Search over every article of a briefing.

use std::ops::Range;

use crate::model::{ArticleId, Briefing};

use super::{find, ArticleIndex, Query};

/// The indexes of a briefing's articles, in the briefing's order. Kept up to date with
/// [`BriefingIndex::update`] after articles are added or removed: an article whose id and
/// text are unchanged keeps its index.
#[derive(Debug, Clone, Default)]
pub struct BriefingIndex {
    articles: Vec<Indexed>,
}

#[derive(Debug, Clone)]
struct Indexed {
    id: ArticleId,
    sha256: String,
    index: ArticleIndex,
}

/// One match in a briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefingMatch {
    /// The article it is in.
    pub article: ArticleId,
    /// The article's position in the briefing (0-based; the command line counts from 1).
    pub position: usize,
    /// The match, as a byte range of the article's text.
    pub range: Range<usize>,
}

impl BriefingIndex {
    /// Index every article of `briefing`.
    pub fn new(briefing: &Briefing) -> BriefingIndex {
        let mut index = BriefingIndex::default();
        index.update(briefing);
        index
    }

    /// Follow `briefing`'s articles: new or changed ones are indexed, the others keep theirs.
    pub fn update(&mut self, briefing: &Briefing) {
        let mut old = std::mem::take(&mut self.articles);
        for article in &briefing.articles {
            let kept = old
                .iter()
                .position(|i| i.id == article.id && i.sha256 == article.sha256)
                .map(|at| old.swap_remove(at));
            self.articles.push(kept.unwrap_or_else(|| Indexed {
                id: article.id,
                sha256: article.sha256.clone(),
                index: ArticleIndex::new(&article.text),
            }));
        }
    }

    /// The index of one article.
    pub fn article(&self, id: ArticleId) -> Option<&ArticleIndex> {
        self.articles.iter().find(|i| i.id == id).map(|i| &i.index)
    }

    /// How many articles are indexed.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// Whether no article is indexed.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }
}

/// Every match of `query` in every article, in the briefing's order, then by position.
pub fn find_in_briefing(index: &BriefingIndex, query: &Query) -> Vec<BriefingMatch> {
    let mut hits = Vec::new();
    for (position, a) in index.articles.iter().enumerate() {
        hits.extend(
            find(&a.index, query)
                .into_iter()
                .map(|range| BriefingMatch {
                    article: a.id,
                    position,
                    range,
                }),
        );
    }
    hits
}
