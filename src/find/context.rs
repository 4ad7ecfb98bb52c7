//! A line of context around a match, for a list of results.

use std::fmt;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// A match with some of its line on each side. Slices of the article's text, cut on
/// grapheme boundaries (never between a letter and its harakat), at a space where there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context<'a> {
    /// Text of the match's line before it.
    pub before: &'a str,
    /// The match itself (it may span a line break).
    pub matched: &'a str,
    /// Text of the line after it.
    pub after: &'a str,
    /// Whether `before` stops short of the line's start.
    pub clipped_before: bool,
    /// Whether `after` stops short of the line's end.
    pub clipped_after: bool,
}

/// The context of `range` in `text`: up to `max_chars` graphemes on each side, within the
/// lines the match is on. `None` if `range` is not a range of `text` on char boundaries.
pub fn context(text: &str, range: Range<usize>, max_chars: usize) -> Option<Context<'_>> {
    let matched = text.get(range.clone())?;
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    let whole_before = &text[line_start..range.start];
    let whole_after = &text[range.end..line_end];

    let before = keep_last(whole_before, max_chars);
    let after = keep_first(whole_after, max_chars);
    Some(Context {
        before,
        matched,
        after,
        clipped_before: before.len() < whole_before.len(),
        clipped_after: after.len() < whole_after.len(),
    })
}

/// The end of `s`: at most `n` graphemes, without a word cut in part when it can be helped.
fn keep_last(s: &str, n: usize) -> &str {
    let start = match n.checked_sub(1) {
        None => s.len(),
        Some(k) => s.grapheme_indices(true).rev().nth(k).map_or(0, |(i, _)| i),
    };
    if start == 0 {
        return s;
    }
    let kept = &s[start..];
    if s[..start].ends_with(char::is_whitespace) {
        return kept.trim_start();
    }
    match kept.find(char::is_whitespace) {
        Some(w) => kept[w..].trim_start(),
        None => kept,
    }
}

/// The start of `s`: at most `n` graphemes, without a word cut in part when it can be helped.
fn keep_first(s: &str, n: usize) -> &str {
    let end = s.grapheme_indices(true).nth(n).map_or(s.len(), |(i, _)| i);
    if end == s.len() {
        return s;
    }
    let kept = &s[..end];
    if s[end..].starts_with(char::is_whitespace) {
        return kept.trim_end();
    }
    match kept.rfind(char::is_whitespace) {
        Some(w) => kept[..w].trim_end(),
        None => kept,
    }
}

impl fmt::Display for Context<'_> {
    /// One line: `…before` `matched` `after…`, every run of whitespace shown as one space.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut line = String::new();
        if self.clipped_before {
            line.push('…');
        }
        line.push_str(self.before);
        line.push_str(self.matched);
        line.push_str(self.after);
        if self.clipped_after {
            line.push('…');
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        f.write_str(&words.join(" "))
    }
}
