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
    /// The direction of the first strong character outside isolates (UAX #9, rules P2/P3), as
    /// the text engine resolves a paragraph; `None` when there is none.
    pub fn of_first_strong(text: &str) -> Option<Direction> {
        match unicode_bidi::get_base_direction(text) {
            unicode_bidi::Direction::Ltr => Some(Direction::Ltr),
            unicode_bidi::Direction::Rtl => Some(Direction::Rtl),
            unicode_bidi::Direction::Mixed => None,
        }
    }

    /// A right-to-left letter (bidi class R or AL); Arabic punctuation such as `،` is not one.
    pub fn is_rtl_letter(c: char) -> bool {
        // The Arabic letters (hamza to yeh, tatweel included): by far the most common case, and
        // `is_alphabetic` is a slow table search outside ASCII.
        if matches!(c, '\u{0620}'..='\u{064A}') {
            return true;
        }
        if !c.is_alphabetic() {
            return false;
        }
        let mut buf = [0u8; 4];
        Direction::of_first_strong(c.encode_utf8(&mut buf)) == Some(Direction::Rtl)
    }

    /// The direction a paragraph of an article written in `default` reads in: `default`,
    /// unless more than 60% of its words with a strong character are of the other direction.
    /// So an Arabic sentence that opens with a Latin name stays right to left, while an English
    /// statement quoted in an Arabic article reads left to right. Words are counted by the
    /// direction of their first strong character; a paragraph with none takes `default`.
    pub fn of_paragraph(text: &str, default: Direction) -> Direction {
        let (mut same, mut other) = (0usize, 0usize);
        for word in text.split_whitespace() {
            match Direction::of_first_strong(word) {
                Some(d) if d == default => same += 1,
                Some(_) => other += 1,
                None => {}
            }
        }
        if other * 5 > (same + other) * 3 {
            match default {
                Direction::Ltr => Direction::Rtl,
                Direction::Rtl => Direction::Ltr,
            }
        } else {
            default
        }
    }
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

#[cfg(test)]
mod tests {
    use super::Direction::{self, Ltr, Rtl};

    #[test]
    fn paragraph_direction_follows_the_article_unless_the_other_direction_dominates() {
        let cases: [(&str, Direction, Direction); 8] = [
            // An Arabic sentence that opens with a Latin name stays right to left.
            ("Xavier Colomina قال إن الشراكة ضرورة", Rtl, Rtl),
            // An English statement quoted in an Arabic article reads left to right.
            ("NATO remains committed to the Gulf (الناتو).", Rtl, Ltr),
            // Half and half: the article's direction.
            ("NATO الناتو", Rtl, Rtl),
            ("NATO الناتو", Ltr, Ltr),
            // Hebrew is right to left too.
            ("השר אמר כי שיתוף הפעולה עם NATO נמשך", Ltr, Rtl),
            // Mostly English with an Arabic name: left to right.
            (
                "The minister جراح الجابر said the talks went well",
                Ltr,
                Ltr,
            ),
            // Digits and punctuation only: the article's direction.
            ("2025-2027 (40%)", Rtl, Rtl),
            ("", Ltr, Ltr),
        ];
        for (text, article, expected) in cases {
            assert_eq!(Direction::of_paragraph(text, article), expected, "{text}");
        }
    }
}
