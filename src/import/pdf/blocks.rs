//! Lines into the article's blocks: running heads, footers and page numbers left out,
//! paragraphs joined across line ends (and across column and page breaks), headings by size
//! and weight, list items by their bullets.

use std::collections::HashMap;

use super::lines::Line;
use crate::model::BlockKind;

/// A block of the article with the page it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct PdfBlock {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text: its lines joined.
    pub text: String,
    /// The page it starts on, from 0.
    pub page: usize,
    /// Where later pages begin inside it: byte offset in `text` and page, from 0.
    pub page_breaks: Vec<(usize, usize)>,
}

/// The share of the page's height at its top and at its bottom where running heads, footers
/// and page numbers stand.
const MARGIN_ZONE: f32 = 0.14;

/// The blocks of a document whose pages' lines (in reading order) are `pages`. `mirror`
/// says how to read brackets in right-to-left text ([`Line::render`]).
pub fn blocks(
    pages: &[Vec<Line>],
    heights: &[f32],
    mirror: super::letters::Mirroring,
) -> Vec<PdfBlock> {
    let furniture = furniture(pages, heights);
    let body: Vec<&Line> = pages
        .iter()
        .enumerate()
        .flat_map(|(p, lines)| {
            let furniture = &furniture;
            lines
                .iter()
                .enumerate()
                .filter(move |(i, _)| !furniture.contains(&(p, *i)))
                .map(|(_, l)| l)
        })
        .collect();
    let body_size = body_size(&body);
    let measured = measured(&body, body_size);
    let body: Vec<&Line> = measured.iter().collect();
    let pitch = line_pitch(&body, body_size);
    let heading_sizes = heading_sizes(&body, body_size);
    let mut groups: Vec<(BlockKind, Vec<&Line>)> = Vec::new();
    let mut prev: Option<&Line> = None;
    for line in body {
        let kind = kind_of(line, body_size, &heading_sizes);
        let joins = prev.is_some_and(|p| {
            groups
                .last()
                .is_some_and(|(last, _)| continues(p, line, *last, kind, (pitch, body_size)))
        });
        match groups.last_mut() {
            Some((_, lines)) if joins => lines.push(line),
            _ => groups.push((kind, vec![line])),
        }
        prev = Some(line);
    }
    let mut out: Vec<PdfBlock> = groups
        .into_iter()
        .map(|(kind, lines)| block_of(kind, &lines, mirror))
        .collect();
    if let Some(first) = out.first_mut() {
        if matches!(first.kind, BlockKind::Heading(1)) && first.page == 0 {
            first.kind = BlockKind::Title;
        }
    }
    out
}

/// A block's text: its lines read in the paragraph's direction (most of its strong letters'),
/// joined.
fn block_of(kind: BlockKind, lines: &[&Line], mirror: super::letters::Mirroring) -> PdfBlock {
    let (rtl, ltr) = lines.iter().fold((0, 0), |(r, l), line| {
        (r + line.letters.0, l + line.letters.1)
    });
    let rtl = match rtl.cmp(&ltr) {
        std::cmp::Ordering::Equal => lines.first().is_some_and(|l| l.rtl),
        order => order == std::cmp::Ordering::Greater,
    };
    let mut text = String::new();
    let mut page_breaks = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let mut t = line.render(rtl, mirror);
        if i == 0 && kind == BlockKind::ListItem {
            t = strip_bullet(&t).to_owned();
        }
        if i == 0 {
            text = t;
        } else {
            if line.page != lines[i - 1].page {
                page_breaks.push((text.len() + 1, line.page));
            }
            join_line(&mut text, &t);
        }
    }
    // A break recorded before a join that took no space lands one byte late: keep it inside.
    for (at, _) in &mut page_breaks {
        while *at > text.len() || !text.is_char_boundary(*at) {
            *at -= 1;
        }
    }
    PdfBlock {
        kind,
        text,
        page: lines.first().map_or(0, |l| l.page),
        page_breaks,
    }
}

/// The (page, line) pairs that are running heads, footers or page numbers: lines near the
/// top or bottom of a page whose text, digits aside, comes back on another page, or that
/// hold only a page number.
fn furniture(pages: &[Vec<Line>], heights: &[f32]) -> Vec<(usize, usize)> {
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    let mut candidates = Vec::new();
    for (p, lines) in pages.iter().enumerate() {
        let height = heights.get(p).copied().unwrap_or(842.0);
        for (i, line) in lines.iter().enumerate() {
            let in_margin = line.y < height * MARGIN_ZONE || line.y > height * (1.0 - MARGIN_ZONE);
            if !in_margin {
                continue;
            }
            let key = shape_of(&line.text);
            seen.entry(key.clone()).or_default().push(p);
            candidates.push((p, i, key));
        }
    }
    candidates
        .into_iter()
        .filter(|(p, i, key)| {
            let pages_with = seen.get(key).map_or(0, |v| {
                let mut v = v.clone();
                v.dedup();
                v.len()
            });
            pages_with >= 2 || is_page_number(&pages[*p][*i].text) || lone_small(&pages[*p], *i)
        })
        .map(|(p, i, _)| (p, i))
        .collect()
}

/// A line's text with its digits (any script) made one sign, for matching running heads
/// whose page numbers differ.
fn shape_of(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_numeric() { '#' } else { c })
        .collect()
}

/// Whether a line holds only a page number: digits, maybe with a word such as "Page" or
/// «صفحة», a dash or "of N".
fn is_page_number(text: &str) -> bool {
    let digits = text.chars().filter(|c| c.is_numeric()).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    digits > 0 && digits <= 6 && letters <= 8 && text.split_whitespace().count() <= 4
}

/// A short line in small type at the very top or bottom of a page, far from the text: a
/// running head on a page of its own.
fn lone_small(lines: &[Line], i: usize) -> bool {
    let line = &lines[i];
    let others: Vec<&Line> = lines
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, l)| l)
        .collect();
    let Some(body) = others.iter().map(|l| l.size).max_by(f32::total_cmp) else {
        return false;
    };
    let nearest = others
        .iter()
        .map(|l| (l.y - line.y).abs())
        .fold(f32::MAX, f32::min);
    let topmost_or_lowest =
        others.iter().all(|l| l.y > line.y) || others.iter().all(|l| l.y < line.y);
    topmost_or_lowest && line.size < 0.85 * body && nearest > 2.5 * line.size.max(1.0)
}

/// The lines with each column's bounds set to its measure: where its body lines start and
/// end (the 20th percentile of their left ends, the 80th of their right ends). A page whose
/// second column is empty, or a column under a wider title, then still knows how wide a full
/// line is.
fn measured(lines: &[&Line], body: f32) -> Vec<Line> {
    let mut bounds: HashMap<(usize, usize), (Vec<f32>, Vec<f32>)> = HashMap::new();
    for l in lines.iter().filter(|l| (l.size - body).abs() < 0.6) {
        let entry = bounds.entry((l.page, l.column.index)).or_default();
        entry.0.push(l.x0);
        entry.1.push(l.x1);
    }
    let measures: HashMap<(usize, usize), (f32, f32)> = bounds
        .into_iter()
        .map(|(key, (mut x0s, mut x1s))| {
            x0s.sort_by(f32::total_cmp);
            x1s.sort_by(f32::total_cmp);
            let x0 = x0s[x0s.len() / 5];
            let x1 = x1s[(x1s.len() * 4) / 5];
            (key, (x0, x1))
        })
        .collect();
    lines
        .iter()
        .map(|l| {
            let mut line = (*l).clone();
            if let Some(&(x0, x1)) = measures.get(&(l.page, l.column.index)) {
                line.column.x0 = x0;
                line.column.x1 = x1;
            }
            line
        })
        .collect()
}

/// The size most body characters are set in.
fn body_size(lines: &[&Line]) -> f32 {
    let mut by_size: HashMap<i32, usize> = HashMap::new();
    for l in lines {
        *by_size.entry((l.size * 2.0).round() as i32).or_default() += l.text.chars().count();
    }
    by_size
        .into_iter()
        .max_by_key(|&(s, n)| (n, -s))
        .map_or(12.0, |(s, _)| s as f32 / 2.0)
}

/// The usual distance between the baselines of two lines of a body paragraph.
fn line_pitch(lines: &[&Line], body: f32) -> f32 {
    let mut steps: Vec<f32> = lines
        .windows(2)
        .filter(|w| {
            w[0].page == w[1].page
                && w[0].column == w[1].column
                && (w[0].size - body).abs() < 0.5
                && (w[1].size - body).abs() < 0.5
        })
        .map(|w| w[1].y - w[0].y)
        .filter(|d| *d > 0.0)
        .collect();
    if steps.is_empty() {
        return 1.4 * body;
    }
    steps.sort_by(f32::total_cmp);
    steps[steps.len() / 3]
}

/// The sizes above the body size that set headings, largest first.
fn heading_sizes(lines: &[&Line], body: f32) -> Vec<f32> {
    let mut sizes: Vec<f32> = lines
        .iter()
        .filter(|l| l.size > 1.12 * body)
        .map(|l| (l.size * 2.0).round() / 2.0)
        .collect();
    sizes.sort_by(|a, b| b.total_cmp(a));
    sizes.dedup();
    sizes
}

fn kind_of(line: &Line, body: f32, heading_sizes: &[f32]) -> BlockKind {
    let size = (line.size * 2.0).round() / 2.0;
    if let Some(rank) = heading_sizes.iter().position(|&s| s == size) {
        return BlockKind::Heading(u8::try_from(rank + 1).unwrap_or(6).min(6));
    }
    if bullet(&line.text).is_some() {
        return BlockKind::ListItem;
    }
    if line.bold && (line.size - body).abs() < 0.5 && line.text.chars().count() < 120 {
        return BlockKind::Heading(u8::try_from(heading_sizes.len() + 1).unwrap_or(6).min(6));
    }
    BlockKind::Paragraph
}

/// The bullet a list item starts with, if the line starts with one and a space.
fn bullet(text: &str) -> Option<&str> {
    let mut chars = text.char_indices();
    let (_, c) = chars.next()?;
    let (i, next) = chars.next()?;
    (matches!(
        c,
        '•' | '◦' | '▪' | '‣' | '●' | '○' | '■' | '–' | '·' | '∙' | '-' | '*'
    ) && next.is_whitespace())
    .then(|| &text[..i])
}

fn strip_bullet(text: &str) -> &str {
    match bullet(text) {
        Some(b) => text[b.len()..].trim_start(),
        None => text,
    }
}

/// Whether `line` goes on the block `prev` belongs to.
fn continues(
    prev: &Line,
    line: &Line,
    prev_kind: BlockKind,
    kind: BlockKind,
    (pitch, body): (f32, f32),
) -> bool {
    if kind == BlockKind::ListItem {
        return false;
    }
    let same_kind = prev_kind == kind
        || prev_kind == BlockKind::ListItem && kind == BlockKind::Paragraph
        || prev_kind == BlockKind::Title && kind == BlockKind::Heading(1);
    if !same_kind || (prev.size - line.size).abs() > 0.6 {
        return false;
    }
    let same_column = prev.page == line.page && prev.column == line.column;
    if same_column {
        let step = line.y - prev.y;
        // The body's line pitch, scaled to this line's type (a heading's lines are further apart).
        let allowed = 1.35 * pitch * (line.size / body).max(1.0);
        if step <= 0.0 || step > allowed {
            return false;
        }
    } else if !full(prev) {
        // A paragraph goes on in the next column or on the next page only after a full line.
        return false;
    }
    if matches!(kind, BlockKind::Heading(_) | BlockKind::Title) {
        return true;
    }
    // The first word of this line would have fit at the end of the last: a new paragraph.
    let free = (prev.column.x1 - prev.column.x0) - (prev.x1 - prev.x0);
    let first_word = line.text.split_whitespace().next().unwrap_or("");
    let per_char = (line.x1 - line.x0) / line.text.chars().count().max(1) as f32;
    let word_width = (first_word.chars().count() as f32 + 1.0) * per_char;
    if same_column && free > word_width {
        return false;
    }
    !indented(prev, line)
}

/// Whether the line fills its column (its paragraph may go on past a break).
fn full(line: &Line) -> bool {
    let width = line.column.x1 - line.column.x0;
    (line.x1 - line.x0) > 0.9 * width
}

/// Whether `line` starts further in than `prev` by more than an em: a first-line indent.
fn indented(prev: &Line, line: &Line) -> bool {
    let em = line.size;
    if line.rtl {
        prev.x1 - line.x1 > em && (line.column.x1 - prev.x1) < 0.5 * em
    } else {
        line.x0 - prev.x0 > em && (prev.x0 - line.column.x0) < 0.5 * em
    }
}

/// Append a line to a paragraph: with a space, or, where a Latin word was hyphenated at the
/// line end, without its hyphen.
fn join_line(text: &mut String, line: &str) {
    if let Some(stem) = text
        .strip_suffix('-')
        .or_else(|| text.strip_suffix('\u{00AD}'))
    {
        let before = stem.chars().last();
        let after = line.chars().next();
        if before.is_some_and(|c| c.is_alphabetic() && c.is_lowercase())
            && after.is_some_and(|c| c.is_alphabetic() && c.is_lowercase())
        {
            text.truncate(stem.len());
            text.push_str(line);
            return;
        }
    }
    if breaks_without_space(text) {
        text.push_str(line);
        return;
    }
    text.push(' ');
    text.push_str(line);
}

/// Whether a line ending in `text` was broken where the source has no space: after an
/// opening bracket or quotation mark, or after a dash, slash or maqaf that is not set off by a
/// space (`2025–` `2028`, `ל־` `46`).
fn breaks_without_space(text: &str) -> bool {
    let mut rev = text.chars().rev();
    let (Some(last), before) = (rev.next(), rev.next()) else {
        return false;
    };
    match last {
        '(' | '[' | '{' | '«' | '‹' | '„' | '‚' => true,
        '-' | '–' | '‐' | '‑' | '/' | '\u{05BE}' => {
            before.is_some_and(|c| !c.is_whitespace())
        }
        _ => false,
    }
}
