pub mod quote_corpus;
pub mod sample;

use briefing::model::{Article, ArticleId, Block, BlockKind, BriefingLanguage, Direction};

/// An article whose whole text is one paragraph block, direction from its first strong char.
#[allow(dead_code)] // not every test binary that includes `support` uses it
pub fn one_block_article(id: u32, text: &str) -> Article {
    Article {
        id: ArticleId(id),
        title: format!("Article {id}"),
        source: String::new(),
        url: None,
        date: None,
        author: None,
        language: "ar".into(),
        direction: Direction::of_first_strong(text).unwrap_or_default(),
        original_path: None,
        sha256: Article::hash_text(text),
        pages: Vec::new(),
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: text.len(),
        }],
        text: text.into(),
    }
}

/// A briefing labelled in `labels` with one agenda item per source, quoting all its quotes.
#[allow(dead_code)] // not every test binary that includes `support` uses it
pub fn corpus_briefing(
    labels: BriefingLanguage,
    sources: &[&quote_corpus::Source],
) -> briefing::model::Briefing {
    let mut b = briefing::model::Briefing::new(match labels {
        BriefingLanguage::Arabic => "نصوص من مصادر مختلفة",
        BriefingLanguage::English => "Texts from many sources",
    });
    b.language = labels;
    let mut next_quote = 1;
    for (i, source) in sources.iter().enumerate() {
        let id = i as u32 + 1;
        let title = source.text.lines().next().unwrap_or_default();
        let title: String = title.split(' ').take(6).collect::<Vec<_>>().join(" ");
        let mut art = sample::article(id, source.text, &title, source.source, "2026-12-02", None);
        art.language = source.language.to_owned();
        art.direction =
            briefing::model::Direction::of_first_strong(source.text).unwrap_or_default();
        let quotes = source
            .quotes
            .iter()
            .map(|q| {
                next_quote += 1;
                sample::quote(next_quote - 1, &art, q, None)
            })
            .collect();
        b.agenda.push(briefing::model::AgendaItem {
            id: briefing::model::ItemId(id),
            title: source.name.to_owned(),
            notes: None,
            quotes,
        });
        b.articles.push(art);
    }
    b
}
