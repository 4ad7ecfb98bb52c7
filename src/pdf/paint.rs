//! From the text engine's lines to placed glyphs, each with the text it stands for.
//!
//! Measured in poppler and PDFium (see `docs` of the PDF tests): a combining mark drawn as a
//! glyph of its own comes out detached or before its letter, because both readers order it
//! by its raised, shifted origin. So a mark's text goes with its base letter's glyph instead
//! (one code per (glyph, text) keeps that exact), and the mark glyph itself is drawn
//! "silent" (code 0 of a font of its own, which neither reader turns into text), after the
//! line's text so it never splits the stream the readers rebuild words from. Both readers
//! reverse the characters of a right-to-left glyph's text along with the run, so there the
//! text is stored reversed.

use unicode_normalization::char::is_combining_mark;

use super::content::{Content, PlacedGlyph, Rgb};
use super::fonts::EmbeddedFont;
use super::ExportError;
use crate::model::Direction;
use crate::text::{FontFace, Line, Paragraph};

const RLM: char = '\u{200F}';

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A right-to-left letter (bidi class R or AL); Arabic punctuation such as `،` is not one.
fn is_rtl_letter(c: char) -> bool {
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

/// Whether PDFium surely reads `line` right to left. It counts stretches of one direction and
/// takes a line for right-to-left when those are at least as many as the left-to-right ones;
/// here a word counts for right to left when its first strong character is R or AL or it
/// starts with an Arabic-Indic digit (AN), for left to right when that character is L (European
/// digits and punctuation count for neither). On a tie PDFium was seen to go either way (the
/// export of 2,000 quotes has both), so only a clear right-to-left majority counts.
fn pdfium_reads_rtl(source: &str, line: &Line) -> bool {
    use unicode_bidi::BidiClass::{AL, AN, L, R};
    let text = source.get(line.text_range.clone()).unwrap_or("");
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for word in text.split_whitespace() {
        match word
            .chars()
            .map(unicode_bidi::bidi_class)
            .find(|c| matches!(c, L | R | AL | AN))
        {
            Some(L) => ltr += 1,
            Some(_) => rtl += 1,
            None => {}
        }
    }
    rtl > ltr
}

/// Index of a face in the exporter's font list (the order of `FontFace::ALL`).
pub(crate) fn face_index(face: FontFace) -> usize {
    FontFace::ALL.iter().position(|&f| f == face).unwrap_or(0)
}

/// What painting needs of a laid-out paragraph, without the engine's layout behind it (which
/// is much bigger): the text, its direction and its lines.
#[derive(Clone)]
pub(crate) struct Laid {
    text: String,
    rtl: bool,
    lines: Vec<Line>,
}

impl Laid {
    /// Keep the lines of `para` (without their hit-testing clusters) and let the rest go.
    pub(crate) fn new(para: Paragraph) -> Laid {
        let mut lines = para.lines().to_vec();
        for line in &mut lines {
            line.clusters = Vec::new();
        }
        Laid {
            rtl: para.is_rtl(),
            text: para.text().to_owned(),
            lines,
        }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    pub(crate) fn is_rtl(&self) -> bool {
        self.rtl
    }

    pub(crate) fn lines(&self) -> &[Line] {
        &self.lines
    }
}

/// Paint one line of `para` whose paragraph box has its top-left corner at page point
/// (`left`, `top`) (y up): letters into `text`, silent mark glyphs into `marks`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn paint_line(
    text: &mut Content,
    marks: &mut Content,
    fonts: &mut [EmbeddedFont],
    para: &Laid,
    line: &Line,
    left: f32,
    top: f32,
    color: Rgb,
) -> Result<(), ExportError> {
    SCRATCH.with_borrow_mut(|scratch| {
        paint_line_with(scratch, text, marks, fonts, para, line, left, top, color)
    })
}

/// Buffers of [`paint_line`] kept between lines, so a glyph's text costs no allocation.
#[derive(Default)]
struct Scratch {
    /// The text of each glyph of the run being painted; only the first `run.glyphs.len()`
    /// are in use, the rest keep their capacity.
    texts: Vec<String>,
    order: Vec<usize>,
    owner_of_end: Vec<(usize, usize)>,
    moved: String,
    stored: String,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

#[allow(clippy::too_many_arguments)]
fn paint_line_with(
    scratch: &mut Scratch,
    text: &mut Content,
    marks: &mut Content,
    fonts: &mut [EmbeddedFont],
    para: &Laid,
    line: &Line,
    left: f32,
    top: f32,
    color: Rgb,
) -> Result<(), ExportError> {
    let source = para.text();
    let Scratch {
        texts,
        order,
        owner_of_end,
        moved,
        stored,
    } = scratch;
    // Only asked (once) for a right-to-left paragraph's line that holds a left-to-right run.
    let mut pdfium_rtl: Option<bool> = None;
    for (run_index, run) in line.runs.iter().enumerate() {
        let n = run.glyphs.len();
        if texts.len() < n {
            texts.resize_with(n, String::new);
        }
        // Bidi controls (the isolates around names and dates) shape no ink: leave them out of
        // the text a reader copies.
        for (g, t) in run.glyphs.iter().zip(texts.iter_mut()) {
            t.clear();
            let s = source.get(g.text_range.clone()).unwrap_or("");
            if s.chars().any(is_bidi_control) {
                t.extend(s.chars().filter(|&c| !is_bidi_control(c)));
            } else {
                t.push_str(s);
            }
        }
        let texts = &mut texts[..n];
        // Give each mark's text to the glyph that holds the text just before it.
        order.clear();
        order.extend((0..n).filter(|&i| !texts[i].is_empty()));
        order.sort_by_key(|&i| run.glyphs[i].text_range.start);
        owner_of_end.clear();
        for &i in order.iter() {
            let range = &run.glyphs[i].text_range;
            let only_marks = texts[i].chars().all(is_combining_mark);
            let owner = if only_marks {
                owner_of_end
                    .iter()
                    .rev()
                    .find(|(end, _)| *end == range.start)
                    .map(|&(_, o)| o)
            } else {
                None
            };
            match owner {
                Some(o) => {
                    moved.clear();
                    moved.push_str(&texts[i]);
                    texts[i].clear();
                    texts[o].push_str(moved);
                    owner_of_end.push((range.end, o));
                }
                None => owner_of_end.push((range.end, i)),
            }
        }
        if run.rtl {
            // Stored reversed (see the module docs). PDFium makes combining marks a neutral
            // stretch of their own and keeps such a stretch in stream order when it follows
            // a neutral (`باق.ٍ`) or holds two marks (`مّ` + `َ`), so a RIGHT-TO-LEFT MARK goes
            // before a mark that does not follow a right-to-left letter. Poppler reverses it
            // along with the rest; readers drop it from view, and the tests ignore it.
            let mut left_is_rtl_letter = false;
            for t in texts.iter_mut() {
                if t.is_empty() {
                    continue;
                }
                stored.clear();
                let mut prev_is_rtl_letter = left_is_rtl_letter;
                for c in t.chars().rev() {
                    if is_combining_mark(c) && !prev_is_rtl_letter {
                        stored.push(RLM);
                    }
                    stored.push(c);
                    prev_is_rtl_letter = is_rtl_letter(c);
                }
                left_is_rtl_letter = prev_is_rtl_letter;
                std::mem::swap(t, stored);
            }
            // A neutral (a bracket, a quotation mark) just left of a left-to-right run, such as
            // the `)`-shaped bracket before `NATO` in `… (NATO) …`: poppler reads a
            // left-to-right stretch from its last letter leftwards over any neutrals, which
            // would take the bracket in front of `NATO`. A RIGHT-TO-LEFT MARK after it ends the
            // stretch at the letter.
            let is_neutral = |t: &String| {
                t.chars()
                    .all(|c| !c.is_alphanumeric() && !c.is_whitespace())
            };
            let next_is_ltr = line.runs.get(run_index + 1).is_some_and(|r| !r.rtl);
            if next_is_ltr {
                if let Some(t) = texts.iter_mut().rev().find(|t| !t.is_empty()) {
                    if is_neutral(t) {
                        t.push(RLM);
                    }
                }
            }
            // The same on the other side: a neutral just right of a left-to-right run, such as
            // the hyphen in `(2025-2027)` (Arabic numbers, so the hyphen stays right to left
            // between them), would join the stretch on its left in both readers (`2027-`).
            let prev_is_ltr = run_index > 0 && line.runs.get(run_index - 1).is_some_and(|r| !r.rtl);
            if prev_is_ltr {
                if let Some(t) = texts.iter_mut().find(|t| !t.is_empty()) {
                    if is_neutral(t) {
                        t.insert(0, RLM);
                    }
                }
            }
        }
        let font = face_index(run.face);
        // Stream order. PDFium reads a line it takes for right-to-left (see
        // `pdfium_reads_rtl`) by reversing its stretches of one direction in stream order, so
        // a left-to-right run of several words (`Xavier Colomina`) inside it would come back
        // word by word reversed: its words go into the stream last word first (each word's
        // glyphs in order). Poppler orders by position.
        order.clear();
        let reorder = !run.rtl
            && para.is_rtl()
            && *pdfium_rtl.get_or_insert_with(|| pdfium_reads_rtl(source, line));
        if reorder {
            // Stretches of spaces and of non-spaces, taken from the end.
            let is_space =
                |i: usize| !texts[i].is_empty() && texts[i].chars().all(char::is_whitespace);
            let mut end = n;
            while end > 0 {
                let space = is_space(end - 1);
                let mut start = end - 1;
                while start > 0 && is_space(start - 1) == space {
                    start -= 1;
                }
                order.extend(start..end);
                end = start;
            }
        } else {
            order.extend(0..n);
        }
        for &k in order.iter() {
            let (g, t) = (&run.glyphs[k], &texts[k]);
            let placed = PlacedGlyph {
                font,
                size: run.size,
                gid: g.id,
                x: left + g.x,
                y: top - g.y,
                text: t,
            };
            let target = if t.is_empty() {
                &mut *marks
            } else {
                &mut *text
            };
            target.glyph(fonts, &placed, color)?;
        }
    }
    Ok(())
}
