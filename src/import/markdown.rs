//! The Markdown subset news articles use, parsed by hand: YAML front matter (title, date,
//! author, source, url, lang, dir), ATX and setext headings, `-`/`*`/`+`/`1.` list items,
//! `>` quotes, fenced code, paragraphs joined across soft line breaks. Inline markup
//! (emphasis, code spans, links, images, autolinks, inline HTML tags, backslash escapes) is
//! removed from the stored text; whitespace runs become one space.

use super::{collapse_whitespace, Meta, TextBuilder};
use crate::model::{BlockKind, Direction};

/// What the lines being gathered will become.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    Paragraph,
    ListItem,
    Quote,
}

struct Parser {
    out: TextBuilder,
    open: Option<Open>,
    lines: Vec<String>,
}

impl Parser {
    fn flush(&mut self) {
        if let Some(open) = self.open.take() {
            let joined = self.lines.join(" ");
            let kind = match open {
                Open::Paragraph => BlockKind::Paragraph,
                Open::ListItem => BlockKind::ListItem,
                Open::Quote => BlockKind::BlockQuote,
            };
            self.out
                .push(kind, &collapse_whitespace(&strip_inline(&joined)));
        }
        self.lines.clear();
    }

    fn start(&mut self, open: Open, line: &str) {
        self.flush();
        self.open = Some(open);
        self.lines.push(line.to_owned());
    }

    fn heading(&mut self, level: u8, text: &str) {
        self.flush();
        let kind = if level == 1 && self.out.blocks.is_empty() {
            BlockKind::Title
        } else {
            BlockKind::Heading(level)
        };
        self.out
            .push(kind, &collapse_whitespace(&strip_inline(text)));
    }
}

/// Parse Markdown `src` (LF line ends) into blocks and front-matter metadata.
pub(super) fn parse(src: &str) -> (TextBuilder, Meta) {
    let (meta, body) = front_matter(src);
    let mut p = Parser {
        out: TextBuilder::default(),
        open: None,
        lines: Vec::new(),
    };
    let mut fence: Option<(String, Vec<String>)> = None;
    for raw in body.split('\n') {
        if let Some((marker, code)) = fence.as_mut() {
            if raw.trim().starts_with(marker.as_str()) {
                let code = code.join("\n");
                p.out.push(BlockKind::Paragraph, &code);
                fence = None;
            } else if !raw.trim().is_empty() {
                code.push(raw.trim_end().to_owned());
            }
            continue;
        }
        let line = raw.trim();
        if line.is_empty() {
            p.flush();
            continue;
        }
        if line.starts_with("```") || line.starts_with("~~~") {
            p.flush();
            let marker: String = line.chars().take(3).collect();
            fence = Some((marker, Vec::new()));
            continue;
        }
        if let Some((level, text)) = atx_heading(line) {
            p.heading(level, text);
            continue;
        }
        let all = |c: char| line.chars().all(|x| x == c || x == ' ');
        if p.open == Some(Open::Paragraph) && p.lines.len() == 1 && (all('=') || all('-')) {
            let level = if all('=') { 1 } else { 2 };
            let text = p.lines.pop().unwrap_or_default();
            p.open = None;
            p.heading(level, &text);
            continue;
        }
        if line.len() >= 3 && (all('-') || all('*') || all('_')) {
            p.flush();
            continue;
        }
        if let Some(rest) = line.strip_prefix('>') {
            let content = rest.trim_start_matches(['>', ' ']).trim();
            if content.is_empty() {
                p.flush();
            } else if p.open == Some(Open::Quote) {
                p.lines.push(content.to_owned());
            } else {
                p.start(Open::Quote, content);
            }
            continue;
        }
        if let Some(item) = list_item(line) {
            p.start(Open::ListItem, item);
            continue;
        }
        if p.open.is_some() {
            p.lines.push(line.to_owned());
        } else {
            p.start(Open::Paragraph, line);
        }
    }
    if let Some((_, code)) = fence {
        p.out.push(BlockKind::Paragraph, &code.join("\n"));
    }
    p.flush();
    (p.out, meta)
}

/// `# Heading #` → (1, "Heading").
fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim();
    let closed = text.trim_end_matches('#');
    let text = if closed.is_empty() || closed.ends_with([' ', '\t']) {
        closed.trim_end()
    } else {
        text
    };
    Some((hashes as u8, text))
}

/// The content of a list item line; ordered items keep their number ("1. text").
fn list_item(line: &str) -> Option<&str> {
    for bullet in ["- ", "* ", "+ ", "-\t", "*\t", "+\t"] {
        if let Some(rest) = line.strip_prefix(bullet) {
            let rest = rest.trim_start();
            let rest = ["[ ] ", "[x] ", "[X] "]
                .iter()
                .find_map(|t| rest.strip_prefix(t))
                .unwrap_or(rest);
            return Some(rest);
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    ((1..=9).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(line)
}

/// YAML-ish front matter between `---` lines at the very start; returns the rest.
fn front_matter(src: &str) -> (Meta, &str) {
    let mut meta = Meta::default();
    let Some(rest) = src.strip_prefix("---\n") else {
        return (meta, src);
    };
    let Some(end) = rest.find("\n---\n").or_else(|| rest.find("\n...\n")) else {
        return (meta, src);
    };
    for line in rest[..end].lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        let value = Some(value.to_owned());
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => meta.title = value,
            "date" | "published" | "published_at" => meta.date = value,
            "author" | "by" => meta.author = value,
            "source" | "publisher" | "site" | "site_name" => meta.source = value,
            "url" | "link" | "canonical" | "canonical_url" => meta.url = value,
            "lang" | "language" => meta.language = value,
            "dir" | "direction" => {
                meta.direction = match value.as_deref() {
                    Some("rtl") => Some(Direction::Rtl),
                    Some("ltr") => Some(Direction::Ltr),
                    _ => None,
                }
            }
            _ => {}
        }
    }
    (meta, &rest[end + 5..])
}

/// Remove inline markup, keeping the text it marks up.
pub(super) fn strip_inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '`' => {
                let run = chars[i..].iter().take_while(|c| **c == '`').count();
                let close = (i + run..chars.len()).find(|&j| {
                    chars[j..].iter().take_while(|c| **c == '`').count() == run
                        && (j == 0 || chars[j - 1] != '`')
                });
                match close {
                    Some(j) => {
                        out.extend(&chars[i + run..j]);
                        i = j + run;
                    }
                    None => {
                        out.extend(&chars[i..i + run]);
                        i += run;
                    }
                }
            }
            '!' if chars.get(i + 1) == Some(&'[') => match link(&chars, i + 1) {
                Some((text, next)) => {
                    out.push_str(&strip_inline(&text));
                    i = next;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '[' => match link(&chars, i) {
                Some((text, next)) => {
                    out.push_str(&strip_inline(&text));
                    i = next;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '<' => match chars[i + 1..].iter().position(|c| *c == '>') {
                Some(len) if is_tag_or_autolink(&chars[i + 1..i + 1 + len]) => {
                    let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                    if inner.contains("://") || inner.starts_with("mailto:") {
                        out.push_str(&inner);
                    }
                    i += len + 2;
                }
                _ => {
                    out.push(c);
                    i += 1;
                }
            },
            '*' | '_' | '~' => {
                let run = chars[i..].iter().take_while(|x| **x == c).count();
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + run).copied();
                let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
                let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
                let delimiter = match c {
                    '~' => run == 2,
                    '_' => !(word(before) && word(after) || space(before) && space(after)),
                    _ => !(space(before) && space(after)),
                };
                if !delimiter {
                    out.extend(&chars[i..i + run]);
                }
                i += run;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// `[text](url)` or `[text][ref]` starting at `chars[at] == '['`: the text and the index after.
fn link(chars: &[char], at: usize) -> Option<(String, usize)> {
    let close = at + 1 + chars[at + 1..].iter().position(|c| *c == ']')?;
    let text: String = chars[at + 1..close].iter().collect();
    match chars.get(close + 1) {
        Some('(') => {
            let end = close + 2 + chars[close + 2..].iter().position(|c| *c == ')')?;
            Some((text, end + 1))
        }
        Some('[') => {
            let end = close + 2 + chars[close + 2..].iter().position(|c| *c == ']')?;
            Some((text, end + 1))
        }
        _ => None,
    }
}

/// `a href="…"`, `/em`, `br/`, `https://…`: what may sit between `<` and `>` to be markup.
fn is_tag_or_autolink(inner: &[char]) -> bool {
    let s: String = inner.iter().collect();
    if s.starts_with("http://") || s.starts_with("https://") || s.starts_with("mailto:") {
        return !s.contains(char::is_whitespace);
    }
    let name = s.strip_prefix('/').unwrap_or(&s);
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
}
