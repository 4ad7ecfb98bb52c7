//! A page's glyphs into lines of logical text, in reading order.
//!
//! 1. **Units**: glyphs with their marks. An `/ActualText` span is one unit with the span's
//!    text; a mark glyph (a haraka, a Hebrew point) joins the letter it is drawn over.
//! 2. **Columns**: a vertical strip that no glyph crosses, between two bodies of text, splits
//!    the page; rows that cross it (a title over two columns) stay whole. The first column is
//!    the right one on a right-to-left page.
//! 3. **Rows**: units grouped by baseline within a column.
//! 4. **Order within a line**, decided from where the pen moves, never from the script
//!    alone: a run of glyphs drawn leftwards was written in logical right-to-left order and
//!    is kept as it was drawn; every other glyph is taken as drawn in visual order. The
//!    pieces are set left to right by position, words split where the gap between them is
//!    wider than a word space, and the visual line is turned into logical text by the bidi
//!    algorithm (`unicode-bidi`), as the inverse of the display order.

use unicode_bidi::{BidiClass, BidiInfo, Level};

use super::glyphs::{Glyph, PageGlyphs};
use super::letters;

/// One line of text: its pieces as drawn, and its text in logical order.
#[derive(Clone, Debug)]
pub struct Line {
    /// The line's text in logical order, read in its own direction with brackets mirrored
    /// back, without leading or trailing spaces. [`Line::render`] reads it again in its
    /// paragraph's direction.
    pub text: String,
    /// The leftmost point any of its glyphs covers.
    pub x0: f32,
    /// The rightmost point any of its glyphs covers.
    pub x1: f32,
    /// The baseline (downwards from the top of the page).
    pub y: f32,
    /// The font size most of its characters are set in.
    pub size: f32,
    /// Whether most of its characters are in a bold face.
    pub bold: bool,
    /// Whether the line reads right to left (most of its strong letters do).
    pub rtl: bool,
    /// Strong right-to-left and left-to-right letters on the line.
    pub letters: (usize, usize),
    /// The column the line stands in.
    pub column: Column,
    /// The page, counted from 0.
    pub page: usize,
    /// How many of its characters came from text the PDF did not give (the embedded font).
    pub recovered: usize,
    /// The line's pieces, left to right.
    pieces: Vec<Piece>,
}

impl Line {
    /// The line's text in logical order, read as part of a paragraph whose direction is
    /// `rtl`. A paired mark set at a right-to-left level whose kind `mirror` says the producer
    /// names by its drawn shape is turned back; others are taken as the source's character.
    pub fn render(&self, rtl: bool, mirror: letters::Mirroring) -> String {
        if rtl == self.rtl && mirror == letters::Mirroring::ALL {
            return self.text.clone();
        }
        let text = drop_kashida(&logical(&self.pieces, rtl, mirror));
        collapse_spaces(&text)
    }

    /// How the line's pairs of `open` and `close` read with them mirrored back: `Some(true)`
    /// when the pair opens before it closes, `Some(false)` the wrong way round (a producer that
    /// gave the source's characters), `None` when the line has not both at a right-to-left
    /// level (one broken across lines says nothing).
    pub fn brackets_pair(&self, open: char, close: char) -> Option<bool> {
        if !self.text.contains(open) || !self.text.contains(close) {
            return None;
        }
        let mirrored = logical_with(&self.pieces, self.rtl, letters::Mirroring::ALL).1;
        if mirrored == 0 {
            return None;
        }
        let o = self.text.find(open)?;
        let c = self.text.find(close)?;
        Some(o < c)
    }
}

/// The horizontal bounds of a column, and its place in the page's reading order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    /// The column's place among the page's columns in reading order.
    pub index: usize,
    /// Its left edge.
    pub x0: f32,
    /// Its right edge.
    pub x1: f32,
}

/// A glyph, or several that read as one (a letter and its marks, an `/ActualText` span).
#[derive(Clone, Debug)]
struct Unit {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    text: String,
    bold: bool,
    recovered: usize,
    /// The content-stream position of its first glyph.
    stream: usize,
}

impl Unit {
    fn center(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

/// The lines of a page in reading order.
pub fn page_lines(page: &PageGlyphs, page_no: usize) -> Vec<Line> {
    let units = units(page);
    if units.is_empty() {
        return Vec::new();
    }
    let page_rtl = {
        let (mut rtl, mut ltr) = (0usize, 0usize);
        for c in units.iter().flat_map(|u| u.text.chars()) {
            rtl += usize::from(letters::is_rtl(c));
            ltr += usize::from(letters::is_ltr(c));
        }
        rtl > ltr
    };
    let all: Vec<usize> = (0..units.len()).collect();
    let mut rows = Vec::new();
    let bounds = extent(&units, &all);
    arrange(&units, all, page_rtl, 0, bounds, &mut rows);
    let mut next_column = 0;
    let mut columns: Vec<(f32, f32)> = Vec::new();
    rows.into_iter()
        .filter_map(|row| {
            let index = columns
                .iter()
                .position(|c| *c == row.column)
                .unwrap_or_else(|| {
                    columns.push(row.column);
                    next_column += 1;
                    next_column - 1
                });
            let column = Column {
                index,
                x0: row.column.0,
                x1: row.column.1,
            };
            line_of(&units, &row.units, page_rtl, column, page_no)
        })
        .collect()
}

/// The glyphs of the page as units: `/ActualText` spans joined, marks given to their letters,
/// glyphs with no text left out.
fn units(page: &PageGlyphs) -> Vec<Unit> {
    let spans = sane_spans(&page.glyphs);
    let mut out: Vec<Unit> = Vec::with_capacity(page.glyphs.len());
    let mut marks: Vec<Unit> = Vec::new();
    // The end of an `/ActualText` span whose glyphs name its letters themselves.
    let mut own_text_until = 0;
    let mut i = 0;
    while i < page.glyphs.len() {
        let g = &page.glyphs[i];
        let span_end = g.actual.map(|span| {
            let mut j = i;
            while j < page.glyphs.len() && page.glyphs[j].actual == Some(span) {
                j += 1;
            }
            j
        });
        let actual = g
            .actual
            .map(|span| letters::fold(page.actual.get(span).map_or("", String::as_str)));
        let replaced = match (span_end, actual) {
            _ if i < own_text_until => None,
            (Some(j), Some(text)) if same_letters(&text, &page.glyphs[i..j]) => {
                own_text_until = j;
                None
            }
            (Some(j), Some(text)) => Some((j, text)),
            _ => None,
        };
        if let Some((j, text)) = replaced {
            // The span stands where its advancing glyphs stand: a dot or mark drawn with an
            // offset (a Nastaliq dot far from its letter) does not widen it.
            let advancing: Vec<usize> = (i..j)
                .filter(|&k| spans[k].1 - spans[k].0 > 0.05 * page.glyphs[k].size)
                .collect();
            let placed = if advancing.is_empty() {
                (i..j).collect()
            } else {
                advancing
            };
            let first = placed[0];
            let mut unit = unit_of(&page.glyphs[first], spans[first], i, text);
            for &k in &placed[1..] {
                unit.x0 = unit.x0.min(spans[k].0);
                unit.x1 = unit.x1.max(spans[k].1);
                unit.size = unit.size.max(page.glyphs[k].size);
            }
            out.push(unit);
            i = j;
            continue;
        }
        let mut text = letters::fold(&g.text);
        i += 1;
        if !text.is_empty() && text.chars().all(char::is_control) {
            continue;
        }
        // A Latin letter or a digit is never drawn a tenth of an em wide: such a glyph is a
        // connecting stroke mapped to a wrong character (LibreOffice's Nastaliq strokes come
        // as `4`); it fills its place and names nothing.
        let (x0, x1) = spans[i - 1];
        if x1 - x0 > 0.0
            && x1 - x0 < 0.1 * g.size
            && text.chars().all(|c| c.is_ascii_alphanumeric())
        {
            text.clear();
        }
        // A glyph with no text still fills its place on the line, so that no word space is
        // seen where it stands. A narrow one is a kashida or a joiner the PDF does not map; a
        // wide one is a character nothing names, shown as U+FFFD rather than left out.
        if text.is_empty() && x1 - x0 >= 0.3 * g.size {
            text.push(char::REPLACEMENT_CHARACTER);
        }
        // A letter whose text carries a space after it: the space is a piece of its own at
        // the letter's trailing edge, so that whether it is a word space is seen from the gap.
        let trailing = text.len() - text.trim_end().len();
        if trailing > 0 && trailing < text.len() {
            let space = text.split_off(text.len() - trailing);
            let rtl = text.chars().any(letters::is_rtl);
            let edge = if rtl { x0 } else { x1 };
            let mut letter = unit_of(g, spans[i - 1], i - 1, text);
            if g.source == super::glyphs::TextSource::Font {
                letter.recovered = letter.text.chars().count();
            }
            out.push(letter);
            out.push(unit_of(g, (edge, edge), i - 1, space));
            continue;
        }
        let mut unit = unit_of(g, spans[i - 1], i - 1, text);
        if g.source == super::glyphs::TextSource::Font {
            unit.recovered = unit.text.chars().count();
        }
        if letters::only_marks(&unit.text) {
            marks.push(unit);
        } else {
            out.push(unit);
        }
    }
    attach_marks(&mut out, marks);
    drop_repeated_clusters(&mut out);
    out
}

/// Whether the glyphs of an `/ActualText` span already name the span's letters themselves,
/// in some order: then their places give the order, and the span's text (which a producer may
/// have arranged for one reader's reordering) is not needed.
fn same_letters(actual: &str, glyphs: &[Glyph]) -> bool {
    let mut from_glyphs: Vec<char> = Vec::new();
    for g in glyphs {
        if g.source != super::glyphs::TextSource::Pdf {
            return false;
        }
        from_glyphs.extend(
            letters::fold(&g.text)
                .chars()
                .filter(|c| !c.is_whitespace()),
        );
    }
    let mut from_span: Vec<char> = actual.chars().filter(|c| !c.is_whitespace()).collect();
    from_glyphs.sort_unstable();
    from_span.sort_unstable();
    !from_span.is_empty() && from_glyphs == from_span
}

/// Each glyph's horizontal span from its origin by its advance. An advance over three ems is
/// a font's widths read wrong: the distance to the next glyph's origin stands in for it.
fn sane_spans(glyphs: &[Glyph]) -> Vec<(f32, f32)> {
    (0..glyphs.len())
        .map(|k| {
            let g = &glyphs[k];
            let mut advance = g.advance;
            if advance.abs() > 3.0 * g.size {
                advance = glyphs
                    .get(k + 1)
                    .filter(|n| (n.y - g.y).abs() < g.size)
                    .map(|n| n.x - g.x)
                    .filter(|d| d.abs() < 3.0 * g.size)
                    .unwrap_or(0.0);
            }
            let end = g.x + advance;
            (g.x.min(end), g.x.max(end))
        })
        .collect()
}

/// Drop a glyph that repeats the text of the one drawn next to it in the stream, at the same
/// place, without advancing: a producer that gave a cluster's text (a letter and its haraka,
/// a Nastaliq letter and its dots) to each of the cluster's glyphs.
fn drop_repeated_clusters(units: &mut Vec<Unit>) {
    let mut keep = vec![true; units.len()];
    let zero = |u: &Unit| u.x1 - u.x0 < 0.05 * u.size;
    let over = |z: &Unit, o: &Unit| {
        let slack = 0.3 * o.size;
        z.x0 >= o.x0 - slack && z.x1 <= o.x1 + slack && (z.y - o.y).abs() < 0.8 * o.size
    };
    // Runs of consecutive units with one text: in each, the glyphs that do not advance and
    // stand over one that does are parts of it (a dot, a mark); a run of such glyphs alone
    // keeps its first.
    let mut i = 0;
    while i < units.len() {
        let mut j = i + 1;
        while j < units.len() && units[j].text == units[i].text {
            j += 1;
        }
        let run = i..j;
        let wide: Vec<usize> = run.clone().filter(|&k| !zero(&units[k])).collect();
        for k in run.clone().filter(|&k| zero(&units[k])) {
            let part_of_wide = wide.iter().any(|&w| over(&units[k], &units[w]));
            let after_first_zero = wide.is_empty() && k > i && over(&units[k], &units[i]);
            if part_of_wide || after_first_zero {
                keep[k] = false;
            }
        }
        i = j;
    }
    let mut k = keep.into_iter();
    units.retain(|_| k.next().unwrap_or(true));
}

fn unit_of(g: &Glyph, (x0, x1): (f32, f32), stream: usize, text: String) -> Unit {
    Unit {
        x0,
        x1,
        y: g.y,
        size: g.size.max(1.0),
        text,
        bold: g.bold,
        recovered: 0,
        stream,
    }
}

/// How far in the stream, in glyphs, a mark drawn apart from its letter is looked for.
const MARK_REACH: usize = 4096;

/// Give each mark to the letter it is drawn over: of the letters just before and just after
/// it in the stream, the one whose box holds the mark, else the nearer. A mark with no letter
/// within an em stays a unit of its own.
fn attach_marks(units: &mut Vec<Unit>, marks: Vec<Unit>) {
    if units.is_empty() {
        units.extend(marks);
        return;
    }
    let mut lone = Vec::new();
    for mark in marks {
        // The first unit after the mark in the stream (units are in stream order).
        let after = units.partition_point(|u| u.stream < mark.stream);
        let before = after.checked_sub(1);
        let near = |u: &Unit| (u.y - mark.y).abs() < 0.8 * u.size.max(mark.size);
        let x = mark.center();
        let score = |u: &Unit| {
            if u.text.is_empty() {
                return f32::MAX;
            }
            // A mark sits on a letter, never on punctuation or a space.
            let letter = u.text.chars().any(char::is_alphabetic);
            let slack = 0.15 * u.size;
            let apart = if x >= u.x0 - slack && x <= u.x1 + slack {
                (u.center() - x).abs()
            } else {
                u.size + (u.center() - x).abs()
            };
            if letter {
                apart
            } else {
                apart + u.size
            }
        };
        // HarfBuzz (the shaper of every producer measured) writes a right-to-left cluster in
        // visual order, its mark before its letter: a mark drawn just before a letter, within
        // half an em of it, is that letter's.
        let right_before = (after < units.len()).then_some(after).filter(|&k| {
            let u = &units[k];
            let slack = 0.5 * u.size;
            near(u)
                && u.stream == mark.stream + 1
                && u.text.chars().any(letters::is_rtl)
                && x >= u.x0 - slack
                && x <= u.x1 + slack
        });
        let best = right_before
            .or_else(|| {
                [before, (after < units.len()).then_some(after)]
                    .into_iter()
                    .flatten()
                    .filter(|&k| near(&units[k]))
                    .min_by(|&a, &b| score(&units[a]).total_cmp(&score(&units[b])))
                    .filter(|&k| score(&units[k]) < units[k].size)
            })
            .or_else(|| {
                // Drawn apart from its letter in the stream: the nearest letter among the
                // glyphs drawn within a few thousand of it (a line's marks written after the
                // line), so that a page of marks costs no more than a page of letters.
                let lo = after.saturating_sub(MARK_REACH);
                let hi = (after + MARK_REACH).min(units.len());
                (lo..hi)
                    .filter(|&k| near(&units[k]))
                    .min_by(|&a, &b| score(&units[a]).total_cmp(&score(&units[b])))
            });
        match best {
            // A mark read from the font that its letter's text already has from the PDF is
            // a glyph whose text the producer gave to its neighbour: not a second mark.
            Some(k) if mark.recovered > 0 && units[k].text.contains(mark.text.as_str()) => {}
            Some(k) if score(&units[k]) < 3.0 * units[k].size => {
                units[k].text.push_str(&mark.text);
                units[k].recovered += mark.recovered;
            }
            _ => lone.push(mark),
        }
    }
    if !lone.is_empty() {
        units.extend(lone);
        units.sort_by_key(|u| u.stream);
    }
}

/// A row of units on one baseline within one column, in stream order.
struct Row {
    units: Vec<usize>,
    y: f32,
    column: (f32, f32),
}

fn extent(units: &[Unit], idx: &[usize]) -> (f32, f32) {
    idx.iter().fold((f32::MAX, f32::MIN), |(a, b), &i| {
        (a.min(units[i].x0), b.max(units[i].x1))
    })
}

/// Split `idx` at a column gutter if there is one, recursively, and push its rows in reading
/// order.
fn arrange(
    units: &[Unit],
    idx: Vec<usize>,
    rtl: bool,
    depth: usize,
    bounds: (f32, f32),
    rows: &mut Vec<Row>,
) {
    let gutter = if depth < 3 {
        find_gutter(units, &idx)
    } else {
        None
    };
    let Some((g0, g1)) = gutter else {
        for units_of_row in cluster_rows(units, idx) {
            let y = baseline(units, &units_of_row);
            rows.push(Row {
                units: units_of_row,
                y,
                column: bounds,
            });
        }
        return;
    };
    // Units crossing the gutter, and every unit on their rows, span the columns.
    let crossing: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| units[i].x0 < g1 - 1.0 && units[i].x1 > g0 + 1.0)
        .collect();
    let span_rows = cluster_rows(units, crossing);
    let span_ys: Vec<(f32, f32)> = span_rows
        .iter()
        .map(|r| {
            let y = baseline(units, r);
            let size = r.iter().map(|&i| units[i].size).fold(0.0, f32::max);
            (y, size)
        })
        .collect();
    let mut spanning: Vec<Vec<usize>> = span_rows;
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for &i in &idx {
        if spanning.iter().any(|r| r.contains(&i)) {
            continue;
        }
        let u = &units[i];
        if let Some(k) = span_ys
            .iter()
            .position(|(y, size)| (u.y - y).abs() < 0.5 * size.max(u.size))
        {
            spanning[k].push(i);
        } else if u.center() < (g0 + g1) / 2.0 {
            left.push(i);
        } else {
            right.push(i);
        }
    }
    let (first, second) = if rtl { (right, left) } else { (left, right) };
    let first_bounds = extent(units, &first);
    let second_bounds = extent(units, &second);
    let mut first_rows = Vec::new();
    arrange(units, first, rtl, depth + 1, first_bounds, &mut first_rows);
    let mut second_rows = Vec::new();
    arrange(
        units,
        second,
        rtl,
        depth + 1,
        second_bounds,
        &mut second_rows,
    );
    let mut spans: Vec<Row> = spanning
        .into_iter()
        .map(|mut r| {
            r.sort_unstable();
            let y = baseline(units, &r);
            Row {
                units: r,
                y,
                column: bounds,
            }
        })
        .collect();
    spans.sort_by(|a, b| a.y.total_cmp(&b.y));
    // Bands between spanning rows: each band's first column, then its second.
    let mut first_rows = first_rows.into_iter().peekable();
    let mut second_rows = second_rows.into_iter().peekable();
    for span in spans {
        while let Some(r) = first_rows.next_if(|r| r.y < span.y) {
            rows.push(r);
        }
        while let Some(r) = second_rows.next_if(|r| r.y < span.y) {
            rows.push(r);
        }
        rows.push(span);
    }
    rows.extend(first_rows);
    rows.extend(second_rows);
}

/// A vertical strip at least 6 pt wide in the middle of the text that almost no glyph
/// crosses, with a body of text on each side.
fn find_gutter(units: &[Unit], idx: &[usize]) -> Option<(f32, f32)> {
    if idx.len() < 40 {
        return None;
    }
    let (l, r) = extent(units, idx);
    let width = r - l;
    if width < 150.0 {
        return None;
    }
    // Extents are bounded by `keep_readable` (a few page widths); the cap is a second bound.
    let bins = (width.ceil() as usize + 1).min(100_000);
    // How many units cover each point: +1 where a unit starts, -1 past where it ends, summed.
    let mut steps = vec![0i64; bins + 1];
    for &i in idx {
        let u = &units[i];
        let a = ((u.x0 - l).max(0.0) as usize).min(bins - 1);
        let b = ((u.x1 - l).max(0.0) as usize).min(bins - 1);
        steps[a] += 1;
        steps[b + 1] -= 1;
    }
    let mut running = 0i64;
    let cover: Vec<u32> = steps[..bins]
        .iter()
        .map(|d| {
            running += d;
            u32::try_from(running).unwrap_or(0)
        })
        .collect();
    // A title, a running head and a footer may cross a gutter; lines of the body do not.
    let allowed = 3 + (idx.len() / 400) as u32;
    let lo = (0.2 * width) as usize;
    let hi = (0.8 * width) as usize;
    let mut best: Option<(usize, usize)> = None;
    let mut start = None;
    for (x, &c) in cover.iter().enumerate().take(hi + 1).skip(lo) {
        if c <= allowed {
            start.get_or_insert(x);
        } else if let Some(s) = start.take() {
            if best.is_none_or(|(a, b)| x - s > b - a) {
                best = Some((s, x));
            }
        }
    }
    if let Some(s) = start {
        if best.is_none_or(|(a, b)| hi + 1 - s > b - a) {
            best = Some((s, hi + 1));
        }
    }
    let (a, b) = best?;
    if b - a < 6 {
        return None;
    }
    let (g0, g1) = (l + a as f32, l + b as f32);
    // A body of text on each side: at least three lines' worth.
    let body = |side: &dyn Fn(&Unit) -> bool| {
        let mut ys: Vec<i32> = idx
            .iter()
            .filter(|&&i| side(&units[i]))
            .map(|&i| (units[i].y / (0.5 * units[i].size)).round() as i32)
            .collect();
        let n = ys.len();
        ys.sort_unstable();
        ys.dedup();
        n >= 20 && ys.len() >= 3
    };
    (body(&|u: &Unit| u.x1 <= g0 + 1.0) && body(&|u: &Unit| u.x0 >= g1 - 1.0)).then_some((g0, g1))
}

/// Units grouped into rows by baseline. Units drawn one after another close by (a word whose
/// Nastaliq letters step down and back) first form a chunk on the chunk's middle baseline;
/// chunks whose bands overlap make a row.
fn cluster_rows(units: &[Unit], mut idx: Vec<usize>) -> Vec<Vec<usize>> {
    idx.sort_unstable();
    let mut chunks: Vec<Vec<usize>> = Vec::new();
    for i in idx {
        let u = &units[i];
        let joins = chunks.last().and_then(|c| c.last()).is_some_and(|&p| {
            let prev = &units[p];
            p + 1 == i
                && (u.y - prev.y).abs() < 0.5 * prev.size.max(u.size)
                && u.x0 < prev.x1 + 2.0 * prev.size
                && u.x1 > prev.x0 - 2.0 * prev.size
        });
        match chunks.last_mut() {
            Some(c) if joins => c.push(i),
            _ => chunks.push(vec![i]),
        }
    }
    // The chunks with the most glyphs make the rows; a smaller one (a raised Nastaliq kaf, a
    // word stepped down) joins the row with the nearest baseline, if that is nearer than
    // about half the distance between lines.
    chunks.sort_by_key(|c| std::cmp::Reverse(c.len()));
    let placed: Vec<(f32, f32, Vec<usize>)> = chunks
        .into_iter()
        .map(|c| (baseline(units, &c), typical_size(units, &c), c))
        .collect();
    let pitch = line_pitch(&placed);
    let mut rows: Vec<(f32, f32, f32, Vec<usize>)> = Vec::new();
    // The rows by baseline (in hundredths of a point), to find the nearest in log time.
    let mut by_y: std::collections::BTreeMap<i64, usize> = std::collections::BTreeMap::new();
    let key = |y: f32| (f64::from(y) * 100.0).round() as i64;
    for (y, size, chunk) in placed {
        let k = key(y);
        let below = by_y.range(..=k).next_back().map(|(_, &r)| r);
        let above = by_y.range(k..).next().map(|(_, &r)| r);
        let best = [below, above]
            .into_iter()
            .flatten()
            .map(|r| (r, (rows[r].0 - y).abs(), rows[r].1.min(size)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((r, dy, em)) if dy < (0.5 * pitch * em).clamp(0.35 * em, 0.8 * em) => {
                rows[r].3.extend(chunk);
            }
            _ => {
                by_y.insert(k, rows.len());
                rows.push((y, size, 0.0, chunk));
            }
        }
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter()
        .map(|(_, _, _, mut row)| {
            row.sort_unstable();
            row
        })
        .collect()
}

/// The usual distance between the baselines of neighbouring lines, in ems, from the chunks
/// of four glyphs or more (`placed` holds baseline, size and glyphs).
fn line_pitch(placed: &[(f32, f32, Vec<usize>)]) -> f32 {
    let mut ys: Vec<(f32, f32)> = placed
        .iter()
        .filter(|(_, _, c)| c.len() >= 4)
        .map(|(y, size, _)| (*y, *size))
        .collect();
    ys.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut steps: Vec<f32> = ys
        .windows(2)
        .map(|w| w[1].0 - w[0].0)
        .zip(ys.iter().map(|(_, s)| *s))
        .filter(|(d, s)| *d > 0.8 * s)
        .map(|(d, s)| d / s)
        .collect();
    if steps.is_empty() {
        return f32::MAX;
    }
    steps.sort_by(f32::total_cmp);
    steps[steps.len() / 2]
}

/// The baseline most of the row's text stands on.
fn baseline(units: &[Unit], row: &[usize]) -> f32 {
    let mut ys: Vec<f32> = row.iter().map(|&i| units[i].y).collect();
    ys.sort_by(f32::total_cmp);
    ys[ys.len() / 2]
}

/// A piece of a line placed by position: one unit drawn in visual order, or a run drawn
/// leftwards (logical right-to-left text) kept whole.
#[derive(Clone, Debug)]
struct Piece {
    x0: f32,
    x1: f32,
    text: String,
    /// The character that stands for the piece in the bidi analysis.
    proxy: char,
}

/// The text of one row, in logical order.
fn line_of(
    units: &[Unit],
    row: &[usize],
    page_rtl: bool,
    column: Column,
    page: usize,
) -> Option<Line> {
    let size = typical_size(units, row);
    let gap = word_gap(size);
    let pieces = pieces(units, row, gap);
    let (mut rtl_letters, mut ltr_letters) = (0usize, 0usize);
    for c in pieces.iter().flat_map(|p| p.text.chars()) {
        rtl_letters += usize::from(letters::is_rtl(c));
        ltr_letters += usize::from(letters::is_ltr(c));
    }
    let rtl = match rtl_letters.cmp(&ltr_letters) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => page_rtl,
    };
    let text = collapse_spaces(&drop_kashida(&logical(
        &pieces,
        rtl,
        letters::Mirroring::ALL,
    )));
    let trimmed = text.as_str();
    if trimmed.is_empty() {
        return None;
    }
    let (x0, x1) = extent(units, row);
    let bold_chars: usize = row
        .iter()
        .filter(|&&i| units[i].bold)
        .map(|&i| units[i].text.chars().count())
        .sum();
    let chars: usize = row.iter().map(|&i| units[i].text.chars().count()).sum();
    Some(Line {
        text: trimmed.to_owned(),
        x0,
        x1,
        y: baseline(units, row),
        size,
        bold: bold_chars * 2 > chars,
        rtl,
        letters: (rtl_letters, ltr_letters),
        column,
        page,
        recovered: row.iter().map(|&i| units[i].recovered).sum(),
        pieces,
    })
}

/// The size most of the row's characters are set in.
fn typical_size(units: &[Unit], row: &[usize]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for &i in row {
        let s = (units[i].size * 2.0).round() / 2.0;
        let n = units[i].text.chars().count();
        match sizes.iter_mut().find(|(t, _)| *t == s) {
            Some((_, c)) => *c += n,
            None => sizes.push((s, n)),
        }
    }
    sizes
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map_or(10.0, |(s, _)| s)
}

/// The narrowest gap between two glyphs that is a word space: less than any font's space
/// (a quarter em, shrunk by justification to about a sixth), more than kerning.
fn word_gap(size: f32) -> f32 {
    0.15 * size
}

/// The row's pieces, left to right. The row is cut into strokes where the pen changes
/// direction or jumps: a stroke drawn leftwards through right-to-left letters is logical
/// text and one piece; a stroke drawn rightwards is visual order and gives each unit as a
/// piece in the order drawn (overlapping Nastaliq letters keep the producer's order). The
/// strokes are then set left to right by where they stand.
fn pieces(units: &[Unit], row: &[usize], gap: f32) -> Vec<Piece> {
    let mut strokes: Vec<(f32, Vec<Piece>)> = Vec::new();
    let mut k = 0;
    while k < row.len() {
        let mut end = k + 1;
        while end < row.len() && leftwards(&units[row[end - 1]], &units[row[end]]) {
            end += 1;
        }
        let run = &row[k..end];
        let logical_run = run.len() >= 2
            && run
                .iter()
                .any(|&i| units[i].text.chars().any(letters::is_rtl));
        if logical_run {
            let mut text = String::new();
            for (n, &i) in run.iter().enumerate() {
                if n > 0 && units[run[n - 1]].x0 - units[i].x1 > gap {
                    text.push(' ');
                }
                text.push_str(&units[i].text);
            }
            let (x0, x1) = extent(units, run);
            strokes.push((
                (x0 + x1) / 2.0,
                vec![Piece {
                    x0,
                    x1,
                    text,
                    proxy: '\u{0627}',
                }],
            ));
            k = end;
            continue;
        }
        let mut end = k + 1;
        while end < row.len() && rightwards(&units[row[end - 1]], &units[row[end]]) {
            end += 1;
        }
        let run = &row[k..end];
        let (x0, x1) = extent(units, run);
        let group = run
            .iter()
            .map(|&i| {
                let u = &units[i];
                Piece {
                    x0: u.x0,
                    x1: u.x1,
                    text: u.text.clone(),
                    proxy: proxy_of(&u.text),
                }
            })
            .collect();
        strokes.push(((x0 + x1) / 2.0, group));
        k = end;
    }
    let pieces = merge_strokes(strokes);
    let pieces = collapsed_spaces(pieces, gap);
    // Word spaces where the gap says so.
    let mut spaced: Vec<Piece> = Vec::with_capacity(pieces.len() + pieces.len() / 4);
    for p in pieces {
        if let Some(prev) = spaced.last() {
            let blank = |s: &str| s.chars().last().is_some_and(char::is_whitespace);
            if p.x0 - prev.x1 > gap
                && !blank(&prev.text)
                && !p.text.starts_with(char::is_whitespace)
            {
                spaced.push(Piece {
                    x0: prev.x1,
                    x1: p.x0,
                    text: " ".to_owned(),
                    proxy: ' ',
                });
            }
        }
        spaced.push(p);
    }
    spaced
}

/// The pieces without the drawn spaces that leave no gap: a glyph whose text is (or ends in)
/// a space but whose neighbours touch (XeTeX maps a zero-width non-joiner to one) is not a
/// word space. After a right-to-left letter that joins forward it was a zero-width non-joiner
/// (`سه‌شنبه`); elsewhere it is dropped.
fn collapsed_spaces(pieces: Vec<Piece>, gap: f32) -> Vec<Piece> {
    let blank = |p: &Piece| !p.text.is_empty() && p.text.chars().all(char::is_whitespace);
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for (i, p) in pieces.iter().enumerate() {
        if !blank(p) {
            out.push(p.clone());
            continue;
        }
        // Neighbours that show something: a glyph with no text is no neighbour.
        let before = pieces[..i]
            .iter()
            .rev()
            .find(|q| !blank(q) && !q.text.is_empty());
        let after = pieces[i + 1..]
            .iter()
            .find(|q| !blank(q) && !q.text.is_empty());
        match (before, after) {
            (Some(b), Some(a)) if a.x0 - b.x1 < 0.5 * gap => {
                // Between right-to-left letters, the one on the right comes first; its last
                // letter is the one a non-joiner would keep from joining.
                let rtl = |c: Option<char>| c.is_some_and(letters::is_rtl);
                let first = a.text.chars().rev().find(|&c| !letters::is_mark(c));
                if rtl(b.text.chars().last())
                    && rtl(a.text.chars().next())
                    && first.is_some_and(letters::joins_forward)
                {
                    out.push(Piece {
                        text: "\u{200C}".to_owned(),
                        proxy: '\u{200C}',
                        ..p.clone()
                    });
                }
            }
            _ => out.push(p.clone()),
        }
    }
    out
}

/// Whether `b`, drawn after `a`, stands to its left within an em: the pen moved leftwards,
/// as it does through right-to-left text written in logical order. Left-to-right letters and
/// digits are drawn rightwards in every order, so the pen jumping left onto one (the next
/// piece of a number, in a producer that writes visual order) starts a new piece.
fn leftwards(a: &Unit, b: &Unit) -> bool {
    let tolerance = 0.05 * a.size;
    b.x1 <= a.x0 + tolerance
        && a.x0 - b.x1 < a.size
        && b.center() < a.center()
        && !weak_or_ltr(&a.text)
        && !weak_or_ltr(&b.text)
}

/// The strokes' pieces in one left-to-right sequence: merged by where each piece stands,
/// each stroke keeping its own order (a comma drawn apart in another face falls between the
/// words it stands between; overlapping letters of one stroke stay as drawn).
fn merge_strokes(strokes: Vec<(f32, Vec<Piece>)>) -> Vec<Piece> {
    use std::cmp::Reverse;
    use std::collections::{BinaryHeap, VecDeque};
    let total = strokes.iter().map(|(_, g)| g.len()).sum();
    let mut queues: Vec<VecDeque<Piece>> = strokes.into_iter().map(|(_, g)| g.into()).collect();
    // The heads of the strokes by where they stand (center bits order like the floats for the
    // non-negative places a page has; ties by stroke order).
    let place = |p: &Piece| ((p.x0 + p.x1) / 2.0).max(0.0).to_bits();
    let mut heads: BinaryHeap<Reverse<(u32, usize)>> = queues
        .iter()
        .enumerate()
        .filter_map(|(i, q)| q.front().map(|p| Reverse((place(p), i))))
        .collect();
    let mut out = Vec::with_capacity(total);
    while let Some(Reverse((_, i))) = heads.pop() {
        if let Some(p) = queues[i].pop_front() {
            out.push(p);
        }
        if let Some(next) = queues[i].front() {
            heads.push(Reverse((place(next), i)));
        }
    }
    out
}

/// Whether `b`, drawn after `a`, goes on from it rightwards: its origin does not fall behind
/// `a`'s and it starts within an em of `a`'s end.
fn rightwards(a: &Unit, b: &Unit) -> bool {
    let tolerance = 0.05 * a.size;
    b.x0 >= a.x0 - tolerance && b.x0 <= a.x1 + a.size && (b.y - a.y).abs() < a.size
}

/// Whether the text holds a left-to-right letter or a digit.
fn weak_or_ltr(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            letters::bidi_class(c),
            BidiClass::L | BidiClass::EN | BidiClass::AN
        )
    })
}

/// The character that stands for a piece of text in the bidi analysis: its first strong
/// character, else its first.
fn proxy_of(text: &str) -> char {
    if text.is_empty() {
        // A glyph with no text takes the direction of what is around it.
        return '\u{200D}';
    }
    let class = letters::class_of(text);
    text.chars()
        .find(|&c| letters::bidi_class(c) == class)
        .unwrap_or(' ')
}

/// The pieces, set left to right, as logical text: the inverse of the display order, found
/// by running the bidi algorithm over the visual sequence. With `mirror`, brackets at a
/// right-to-left level are mirrored back.
fn logical(pieces: &[Piece], rtl: bool, mirror: letters::Mirroring) -> String {
    logical_with(pieces, rtl, mirror).0
}

/// [`logical`], with the number of brackets found at a right-to-left level.
fn logical_with(pieces: &[Piece], rtl: bool, mirror: letters::Mirroring) -> (String, usize) {
    let mut proxy = String::with_capacity(pieces.len() * 2);
    let mut owner = Vec::with_capacity(pieces.len() * 2);
    for (i, p) in pieces.iter().enumerate() {
        // A paragraph separator would end the bidi paragraph; a tab is a segment separator.
        let c = match letters::bidi_class(p.proxy) {
            BidiClass::B | BidiClass::S => ' ',
            _ => p.proxy,
        };
        proxy.push(c);
        owner.extend(std::iter::repeat_n(i, c.len_utf8()));
    }
    let level = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(&proxy, Some(level));
    let mut out = String::with_capacity(pieces.iter().map(|p| p.text.len()).sum());
    let mut brackets = 0;
    let Some(para) = info.paragraphs.first() else {
        return (out, brackets);
    };
    let (levels, runs) = info.visual_runs(para, para.range.clone());
    for run in runs {
        let rtl_run = levels[run.start].is_rtl();
        let mut ids: Vec<usize> = Vec::new();
        for (b, _) in proxy[run.clone()].char_indices() {
            ids.push(owner[run.start + b]);
        }
        if rtl_run {
            ids.reverse();
        }
        for i in ids {
            let text = &pieces[i].text;
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if rtl_run && letters::mirrored(c) != c => {
                    brackets += 1;
                    out.push(if mirror.turns(c) {
                        letters::mirrored(c)
                    } else {
                        c
                    });
                }
                _ => out.push_str(text),
            }
        }
    }
    (out, brackets)
}

/// The text with each run of spaces made one and none at its ends: a PDF places words, it
/// does not keep the source's spacing.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The text without the tatweels justification drew inside words: a tatweel between two
/// Arabic letters is a stretch of the line, not a character of the source. One that ends a
/// word (`الـ 162`) is kept.
fn drop_kashida(text: &str) -> String {
    if !text.contains(letters::TATWEEL) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let letter = |c: char| letters::is_rtl(c) && c != letters::TATWEEL;
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == letters::TATWEEL {
            let before = chars[..i]
                .iter()
                .rev()
                .find(|&&p| p != letters::TATWEEL && !letters::is_mark(p));
            let after = chars[i + 1..].iter().find(|&&n| n != letters::TATWEEL);
            if before.is_some_and(|&p| letter(p)) && after.is_some_and(|&n| letter(n)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}
