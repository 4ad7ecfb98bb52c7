use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::ArticleId;

/// Base direction of a text, as the reader lays it out and the PDF prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Direction {
    /// Left to right (Latin, …).
    #[default]
    Ltr,
    /// Right to left (Arabic, Persian, Urdu, Hebrew, …).
    Rtl,
}

impl Direction {
    /// The direction of the first strong character (UAX #9, rules P2/P3); `None` when there is none.
    pub fn of_first_strong(text: &str) -> Option<Direction> {
        text.chars().find_map(strong_direction)
    }
}

/// Strong bidi class of a char, for the scripts briefings meet; neutrals and digits give `None`.
fn strong_direction(c: char) -> Option<Direction> {
    let u = c as u32;
    let rtl = matches!(u,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF);
    if rtl {
        // Arabic-Indic digits and Arabic combining marks are not strong.
        let weak = matches!(u, 0x0660..=0x0669 | 0x06F0..=0x06F9 | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0591..=0x05C7);
        return (!weak).then_some(Direction::Rtl);
    }
    c.is_alphabetic().then_some(Direction::Ltr)
}

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
}

impl Article {
    /// The text of one block.
    pub fn block_text(&self, block: &Block) -> &str {
        self.text.get(block.start..block.end).unwrap_or("")
    }

    /// The lower-case hex SHA-256 of a text, as stored in `sha256`.
    pub fn hash_text(text: &str) -> String {
        let digest = Sha256::digest(text.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The index of the block that holds byte `at`, if any.
    pub fn block_at(&self, at: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.end <= at);
        (i < self.blocks.len() && self.blocks[i].start <= at).then_some(i)
    }
}
