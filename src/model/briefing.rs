use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{AgendaItem, Article, ArticleId, Direction, ItemId, Quote, QuoteId};

/// The newest version of the briefing file format this build reads. A file is written with
/// the lowest version its content needs ([`Briefing::needed_version`]), so a briefing without
/// PDF pages still opens in builds that read only version 1.
pub const FORMAT_VERSION: u32 = 2;

/// The language the briefing itself is written in: sets the PDF's fixed labels and direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum BriefingLanguage {
    /// English labels, left to right.
    #[default]
    English,
    /// Arabic labels, right to left.
    Arabic,
}

/// A briefing: its cover fields, the articles it quotes (self-contained), its agenda and the
/// quotes not yet filed. Field order here is the field order of the RON file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Briefing {
    /// File format version; see `FORMAT_VERSION`.
    pub format_version: u32,
    /// Title of the briefing.
    pub title: String,
    /// Subtitle, printed under the title.
    pub subtitle: Option<String>,
    /// Classification marking, e.g. "RESTRICTED", printed on every page.
    pub classification: Option<String>,
    /// Date of the briefing as the staffer wrote it.
    pub date: Option<String>,
    /// Who drafted it.
    pub drafted_by: Option<String>,
    /// What it is for.
    pub purpose: Option<String>,
    /// Language of the briefing's own labels.
    #[serde(default)]
    pub language: BriefingLanguage,
    /// The articles, each with its full text.
    pub articles: Vec<Article>,
    /// The agenda, in order.
    pub agenda: Vec<AgendaItem>,
    /// Quotes picked but not yet filed under an agenda item.
    pub unfiled: Vec<Quote>,
}

/// Something wrong with a briefing, found by `Briefing::problems`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem(pub String);

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Briefing {
    /// The lowest file format version that holds this briefing: 2 when an article keeps the
    /// pages of its source (a PDF), else 1.
    pub fn needed_version(&self) -> u32 {
        if self.articles.iter().any(|a| !a.pages.is_empty()) {
            2
        } else {
            1
        }
    }

    /// An empty briefing with a title.
    pub fn new(title: impl Into<String>) -> Briefing {
        Briefing {
            format_version: 1,
            title: title.into(),
            subtitle: None,
            classification: None,
            date: None,
            drafted_by: None,
            purpose: None,
            language: BriefingLanguage::English,
            articles: Vec::new(),
            agenda: Vec::new(),
            unfiled: Vec::new(),
        }
    }

    /// The article with this id.
    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// Whether a quote reads right to left: the direction of the paragraph it was taken from
    /// ([`Article::direction_at`]); `None` if its article is missing.
    pub fn quote_is_rtl(&self, quote: &Quote) -> Option<bool> {
        self.article(quote.article)
            .map(|a| a.direction_at(quote.start) == Direction::Rtl)
    }

    /// The agenda item with this id.
    pub fn item(&self, id: ItemId) -> Option<&AgendaItem> {
        self.agenda.iter().find(|i| i.id == id)
    }

    /// The position of an article with the same text as `article` (the same SHA-256), if the
    /// briefing has one.
    pub fn same_article(&self, article: &Article) -> Option<usize> {
        self.articles
            .iter()
            .position(|a| a.sha256 == article.sha256)
    }

    /// The agenda item with this title, ignoring case and how the words are spaced.
    pub fn item_by_title(&self, title: &str) -> Option<&AgendaItem> {
        // "Stockpile  figures" and "stockpile figures" name the item "Stockpile figures".
        let key = |t: &str| {
            t.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let title = key(title);
        self.agenda.iter().find(|i| key(&i.title) == title)
    }

    /// Every quote: filed ones in agenda order, then the unfiled ones.
    pub fn quotes(&self) -> impl Iterator<Item = &Quote> {
        self.agenda
            .iter()
            .flat_map(|i| i.quotes.iter())
            .chain(self.unfiled.iter())
    }

    /// The quote with this id and where it is filed (`None` = unfiled) at which index.
    pub fn find_quote(&self, id: QuoteId) -> Option<(Option<ItemId>, usize, &Quote)> {
        for item in &self.agenda {
            if let Some(i) = item.quotes.iter().position(|q| q.id == id) {
                return Some((Some(item.id), i, &item.quotes[i]));
            }
        }
        let i = self.unfiled.iter().position(|q| q.id == id)?;
        Some((None, i, &self.unfiled[i]))
    }

    /// The next unused article id.
    pub fn next_article_id(&self) -> ArticleId {
        ArticleId(
            self.articles
                .iter()
                .map(|a| a.id.0)
                .max()
                .map_or(1, |m| m + 1),
        )
    }

    /// The next unused quote id.
    pub fn next_quote_id(&self) -> QuoteId {
        QuoteId(self.quotes().map(|q| q.id.0).max().map_or(1, |m| m + 1))
    }

    /// The next unused agenda item id.
    pub fn next_item_id(&self) -> ItemId {
        ItemId(
            self.agenda
                .iter()
                .map(|i| i.id.0)
                .max()
                .map_or(1, |m| m + 1),
        )
    }

    /// Every problem of [`Briefing::problems`] in one line ("; " between them), or `None` when
    /// there is none: what the exporter and the preview say when they refuse a briefing.
    pub fn problems_summary(&self) -> Option<String> {
        let list: Vec<String> = self.problems().into_iter().map(|p| p.0).collect();
        (!list.is_empty()).then(|| list.join("; "))
    }

    /// Everything that breaks the model's invariants: duplicate ids, quotes of unknown
    /// articles, ranges out of bounds or off char boundaries, quote text that no longer
    /// matches its article, article hashes that do not match their text, blocks out of range.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut say = |s: String| problems.push(Problem(s));
        if !(1..=FORMAT_VERSION).contains(&self.format_version) {
            say(format!(
                "format version {} is not a supported version (1 to {FORMAT_VERSION})",
                self.format_version
            ));
        }
        let mut article_ids = HashSet::new();
        for (n, a) in self.articles.iter().enumerate() {
            if !article_ids.insert(a.id) {
                say(format!("duplicate id: {} appears twice", a.id));
            }
            let hash = Article::hash_text(&a.text);
            if hash != a.sha256 {
                say(format!(
                    "article {} ({:?}): its text does not match its SHA-256 (the text was changed)",
                    n + 1,
                    a.title
                ));
            }
            let mut last_end = 0;
            for (b, block) in a.blocks.iter().enumerate() {
                let ok = block.start <= block.end
                    && block.start >= last_end
                    && a.text.get(block.start..block.end).is_some();
                if !ok {
                    say(format!(
                        "article {} ({:?}): block {} range {}..{} is out of order, out of bounds or not on a character boundary",
                        n + 1,
                        a.title,
                        b + 1,
                        block.start,
                        block.end
                    ));
                }
                last_end = block.end;
            }
            let mut last_page = None;
            for page in &a.pages {
                let ok = a.text.is_char_boundary(page.start)
                    && page.start <= a.text.len()
                    && last_page.is_none_or(|l| page.start > l);
                if !ok {
                    say(format!(
                        "article {} ({:?}): page {:?} starts at {}, out of order, out of bounds or not on a character boundary",
                        n + 1,
                        a.title,
                        page.label,
                        page.start
                    ));
                }
                last_page = Some(page.start);
            }
        }
        let mut item_ids = HashSet::new();
        for item in &self.agenda {
            if !item_ids.insert(item.id) {
                say(format!("duplicate id: {} appears twice", item.id));
            }
        }
        let mut quote_ids = HashSet::new();
        for q in self.quotes() {
            if !quote_ids.insert(q.id) {
                say(format!("duplicate id: {} appears twice", q.id));
            }
            let Some(article) = self.article(q.article) else {
                say(format!(
                    "{} refers to {}, which is not in the briefing",
                    q.id, q.article
                ));
                continue;
            };
            match article.text.get(q.start..q.end) {
                None => say(format!(
                    "{}: range {}..{} is out of bounds or not on a character boundary of {} ({} bytes)",
                    q.id,
                    q.start,
                    q.end,
                    q.article,
                    article.text.len()
                )),
                Some(t) if t != q.text => say(format!(
                    "{}: its text no longer matches {} at {}..{}",
                    q.id, q.article, q.start, q.end
                )),
                Some(_) if q.start >= q.end => say(format!("{}: empty range", q.id)),
                Some(_) => {}
            }
        }
        problems
    }
}
