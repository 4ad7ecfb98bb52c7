//! Plain text to blocks.
//!
//! Every non-blank line is a block (news text has one paragraph per line; blank lines only
//! separate). The first line is the `Title` (a `Paragraph` if it is over 300 chars: then it
//! is running text, not a title). After that, in order:
//!
//! - A line starting with a bullet (`- `, `* `, `+ `, `• `, `◦ `, `▪ `, `‣ `, `– `, `— `, `· `)
//!   is a `ListItem` without its marker; a numbered line (`1. `, `1) `, `(1) `, `١. `, `۱. `)
//!   is a `ListItem` that keeps its number, because the number is content.
//! - A line ending in `:` (or `：`) is a `Paragraph` that opens a list. The heading-like lines
//!   that follow it (≤ 12 words, ≤ 120 chars, not ending in `.`, `!`, `?`, `؟`, `۔`, `…` or
//!   `:`) are its `ListItem`s. If the first item is directly followed by another such line, the
//!   list is *bare*: it runs while such lines follow. Otherwise it is *explained*: each item
//!   may be followed by one explanatory `Paragraph`; a heading-like line followed by two or
//!   more paragraphs is a section `Heading` and ends the list, as does a paragraph that
//!   follows a paragraph.
//! - Otherwise a short line (has a letter, ≤ 12 words, ≤ 120 chars, not ending in sentence or
//!   clause punctuation `. ! ? ؟ ۔ … ، , ; ؛ : ：`) followed by a longer running-text line is a
//!   `Heading(2)`; every other line is a `Paragraph`.

use super::{is_invisible, TextBuilder};
use crate::model::BlockKind;

/// Split `text` (LF line ends) into blocks.
pub(super) fn parse(text: &str) -> TextBuilder {
    let lines: Vec<&str> = text
        .split(['\n', '\u{2028}', '\u{2029}', '\u{85}', '\x0b', '\x0c'])
        .map(str::trim)
        .filter(|l| l.chars().any(|c| !is_invisible(c)))
        .collect();
    let mut out = TextBuilder::default();
    let Some(first) = lines.first() else {
        return out;
    };
    let first_kind = if first.chars().count() <= 300 {
        BlockKind::Title
    } else {
        BlockKind::Paragraph
    };
    out.push(first_kind, first);

    #[derive(Clone, Copy, PartialEq)]
    enum List {
        Unknown,
        Bare,
        Explained,
    }
    let mut list: Option<List> = None;
    let mut i = 1;
    while i < lines.len() {
        let line = lines[i];
        let next = lines.get(i + 1).copied();
        if let Some(content) = list_marker(line) {
            out.push(BlockKind::ListItem, content);
            i += 1;
            continue;
        }
        if let Some(style) = list {
            if is_item_like(line) {
                let style = match style {
                    List::Unknown
                        if next.is_some_and(|n| is_item_like(n) || list_marker(n).is_some()) =>
                    {
                        List::Bare
                    }
                    List::Unknown => List::Explained,
                    s => s,
                };
                list = Some(style);
                if style == List::Bare {
                    out.push(BlockKind::ListItem, line);
                    i += 1;
                    continue;
                }
                let paragraphs = lines[i + 1..]
                    .iter()
                    .take_while(|l| !is_item_like(l) && list_marker(l).is_none())
                    .count();
                if paragraphs <= 1 {
                    out.push(BlockKind::ListItem, line);
                    if let Some(p) = next.filter(|_| paragraphs == 1) {
                        out.push(BlockKind::Paragraph, p);
                    }
                    i += 1 + paragraphs;
                    continue;
                }
            }
            list = None;
        }
        let kind = if ends_with_colon(line) {
            list = Some(List::Unknown);
            BlockKind::Paragraph
        } else if is_short(line)
            && next.is_some_and(|n| {
                list_marker(n).is_none() && !is_short(n) && n.chars().count() > line.chars().count()
            })
        {
            BlockKind::Heading(2)
        } else {
            BlockKind::Paragraph
        };
        out.push(kind, line);
        i += 1;
    }
    out
}

/// The content of a list line: after a bullet marker, or the whole line for a numbered one.
fn list_marker(line: &str) -> Option<&str> {
    const BULLETS: [char; 10] = ['-', '*', '+', '•', '◦', '▪', '‣', '–', '—', '·'];
    let mut chars = line.char_indices();
    let (_, c) = chars.next()?;
    if BULLETS.contains(&c) {
        let (at, space) = chars.next()?;
        return (space == ' ' || space == '\t' || space == '\u{a0}').then(|| line[at..].trim());
    }
    // Numbered: optional '(', 1-3 digits (ASCII, Arabic-Indic, Persian), '.' or ')' or '-', space.
    let rest = line.strip_prefix('(').unwrap_or(line);
    let digits = rest.chars().take_while(is_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let mut after = rest.chars().skip(digits);
    let punct = after.next()?;
    let space = after.next()?;
    (matches!(punct, '.' | ')' | '-' | '٫' | '۔') && (space == ' ' || space == '\t'))
        .then_some(line)
}

fn is_digit(c: &char) -> bool {
    c.is_ascii_digit() || matches!(c, '٠'..='٩' | '۰'..='۹')
}

/// The last char that shows, ignoring closing quotes and brackets.
fn last_significant(line: &str) -> Option<char> {
    line.chars()
        .rev()
        .find(|c| !is_invisible(*c) && !matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '›'))
}

fn ends_with_colon(line: &str) -> bool {
    matches!(
        line.chars().rev().find(|c| !is_invisible(*c)),
        Some(':' | '：')
    )
}

fn word_count_within(line: &str, words: usize, chars: usize) -> bool {
    line.split_whitespace().count() <= words
        && line.chars().count() <= chars
        && line.chars().any(char::is_alphabetic)
}

/// A line that can be a heading: short, with a letter, no sentence or clause punctuation at
/// its end.
pub(super) fn is_short(line: &str) -> bool {
    word_count_within(line, 12, 120)
        && !matches!(
            last_significant(line),
            Some('.' | '!' | '?' | '؟' | '۔' | '…' | '،' | ',' | ';' | '؛' | ':' | '：')
        )
}

/// A line that can be an item of a list opened by a colon: like a heading, but it may end in
/// a comma or semicolon.
fn is_item_like(line: &str) -> bool {
    word_count_within(line, 12, 120)
        && !matches!(
            last_significant(line),
            Some('.' | '!' | '?' | '؟' | '۔' | '…' | ':' | '：')
        )
}
