use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{ArticleId, Direction};

/// What a block of an article is, so the reader can style it and agenda items can be suggested.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    /// The article's title line.
    Title,
    /// A heading; level 1 is the biggest.
    Heading(u8),
    /// Running text.
    Paragraph,
    /// An item of a list.
    ListItem,
    /// A block quotation in the source.
    BlockQuote,
}

/// One block of an article: a byte range into `Article::text` that lies on char boundaries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// First byte of the block in the article text.
    pub start: usize,
    /// One past the last byte of the block.
    pub end: usize,
}

/// A news article as imported. Its `text` never changes after import, so quote ranges stay valid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id, unique within the briefing.
    pub id: ArticleId,
    /// Title, from the file's title or its first line.
    pub title: String,
    /// Publisher, e.g. "KUNA"; empty when unknown.
    pub source: String,
    /// Where it was published.
    pub url: Option<String>,
    /// Publication date as given (ISO 8601 where known).
    pub date: Option<String>,
    /// Author, when known.
    pub author: Option<String>,
    /// BCP 47 language tag, e.g. "ar".
    pub language: String,
    /// Base direction of the article as a whole.
    pub direction: Direction,
    /// The file it was imported from, as given.
    pub original_path: Option<String>,
    /// SHA-256 of `text` in lower-case hex; checked on load.
    pub sha256: String,
    /// The blocks, in order, as ranges into `text`.
    pub blocks: Vec<Block>,
    /// The full text as imported (UTF-8, LF line ends, NFC as in the source).
    pub text: String,
    /// Where the source's pages begin, in order, for an article from a paged document (a PDF);
    /// empty for a web page or a text. Written only when there are some (format version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<PageStart>,
}

/// Where a page of the source document begins in the article's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageStart {
    /// The first byte of the page's text in `Article::text` (a char boundary).
    pub start: usize,
    /// The page's number as the document prints it ("3", "iv", "A-2").
    pub label: String,
}

impl Article {
    /// The labels of the source's pages the bytes `start..end` stand on, in order; empty when
    /// the article has no pages.
    pub fn pages_of(&self, start: usize, end: usize) -> Vec<&str> {
        let last = end.max(start + 1) - 1;
        let mut out = Vec::new();
        for (i, page) in self.pages.iter().enumerate() {
            let page_end = self.pages.get(i + 1).map_or(usize::MAX, |next| next.start);
            if page.start <= last && page_end > start {
                out.push(page.label.as_str());
            }
        }
        out
    }

    /// The text of one block.
    pub fn block_text(&self, block: &Block) -> &str {
        self.text.get(block.start..block.end).unwrap_or("")
    }

    /// The lower-case hex SHA-256 of a text, as stored in `sha256`.
    pub fn hash_text(text: &str) -> String {
        let digest = Sha256::digest(text.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The direction the reader gives the text at byte `at`: that of its block, else the
    /// article's. A quote takes it, so a quote that starts with a Latin name inside an Arabic
    /// paragraph stays right-to-left, as it reads in the article.
    pub fn direction_at(&self, at: usize) -> Direction {
        self.block_at(at)
            .map_or(self.direction, |i| self.block_direction(i))
    }

    /// The direction block `i` reads in ([`Direction::of_paragraph`] with the article's
    /// direction as the default); the article's direction for a block that does not exist.
    pub fn block_direction(&self, i: usize) -> Direction {
        self.blocks.get(i).map_or(self.direction, |b| {
            Direction::of_paragraph(self.block_text(b), self.direction)
        })
    }

    /// The index of the block that holds byte `at`, if any.
    pub fn block_at(&self, at: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.end <= at);
        (i < self.blocks.len() && self.blocks[i].start <= at).then_some(i)
    }
}
