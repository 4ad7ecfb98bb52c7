pub mod quote_corpus;
pub mod sample;

use briefing::model::{Article, ArticleId, Block, BlockKind, Direction};

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
