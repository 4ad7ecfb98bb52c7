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

use super::content::{Content, Marking, PlacedGlyph};
use super::fonts::EmbeddedFont;
use super::readers;
use super::readers::pdfium::{glyph_class, is_mirrored, pdfium_class, PdfiumClass, Stretches};
use super::ExportError;
use crate::model::Direction;
use crate::pages::{Laid, Rgb};
use crate::text::{is_bidi_control, FontFace, Glyph, GlyphRun, Line};

const RLM: char = '\u{200F}';
const LRM: char = '\u{200E}';
/// ARABIC LETTER MARK: right to left for PDFium and poppler as RLM is, and, unlike RLM, for
/// pdf.js too, which counts every character past U+06FF outside Arabic's presentation forms
/// (RLM included) as left to right (see `readers::pdfjs`).
const ALM: char = '\u{061C}';

/// Glyph `g` of `run`, standing for `text`, placed on the page for a paragraph box whose
/// top-left corner is (`left`, `top`).
fn placed<'a>(run: &GlyphRun, g: &Glyph, text: &'a str, left: f32, top: f32) -> PlacedGlyph<'a> {
    PlacedGlyph {
        font: face_index(run.face),
        size: run.size,
        gid: g.id,
        x: left + g.x,
        y: top - g.y,
        text,
        alias: false,
    }
}

/// Index of a face in the exporter's font list (the order of `FontFace::ALL`).
pub(crate) fn face_index(face: FontFace) -> usize {
    FontFace::ALL.iter().position(|&f| f == face).unwrap_or(0)
}

/// Paint one line of `para` whose paragraph box has its top-left corner at page point
/// (`left`, `top`) (y up): letters into `text`, silent mark glyphs into `marks`. `rtl_page`:
/// poppler reads the line's page right to left (`readers::poppler::PageDirection`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn paint_line(
    text: &mut Content,
    marks: &mut Content,
    marking: &mut Marking,
    fonts: &mut [EmbeddedFont],
    para: &Laid,
    line: &Line,
    left: f32,
    top: f32,
    color: Rgb,
    rtl_page: bool,
) -> Result<(), ExportError> {
    SCRATCH.with_borrow_mut(|scratch| {
        paint_line_with(
            scratch, text, marks, marking, fonts, para, line, left, top, color, rtl_page,
        )
    })
}

/// Buffers of [`paint_line`] kept between lines, so a glyph's text costs no allocation.
#[derive(Default)]
struct Scratch {
    /// The text of each glyph of the line, run after run; only the first (number of glyphs
    /// of the line) are in use, the rest keep their capacity.
    texts: Vec<String>,
    /// Where each run's glyphs start in `texts`.
    starts: Vec<usize>,
    /// (run, glyph) of the glyphs with text, in logical order.
    glyphs_order: Vec<(usize, usize)>,
    /// PDFium's stretches over `glyphs_order`: start, end, whether it reverses them.
    pieces: Vec<(usize, usize, Option<PdfiumClass>)>,
    order: Vec<usize>,
    owner_of_end: Vec<(usize, usize)>,
    moved: String,
    stored: String,
    /// The line's glyphs with text, (run, glyph), in the order chosen for PDFium and poppler.
    sequence: Vec<(usize, usize)>,

    /// `sequence` cut into stretches of one face and size: start, end, first source byte.
    stretches: Vec<(usize, usize, usize)>,

    /// The text each glyph of `sequence` is written with: its own, less the format characters
    /// moved to the next one and plus those moved from the one before (see
    /// `readers::pdfjs::dropped_tail`).
    written: Vec<String>,
    carried: String,
    /// `sequence`'s indexes by where the glyphs are drawn, left to right.
    visual: Vec<usize>,
    /// Where poppler needs a right-to-left stop: (index into `sequence`, byte of its text).
    stops: Vec<(usize, usize)>,
    /// Indexes into `sequence` that start a stretch of their own.
    cuts: Vec<usize>,
    /// Glyphs of `sequence` drawn away from where they stand (spaces, which show nothing):
    /// (index, x).
    moved_to: Vec<(usize, f32)>,
    /// The stretches as written: start, end, whether under the font's second name.
    written_stretches: Vec<(usize, usize, bool)>,
    /// Stretches of `sequence` (start, end) PDFium is to read by their `/ActualText`, whose
    /// texts are `actual[range]` (see `actual_text`).
    actual_spans: Vec<ActualSpan>,
    actual: String,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

#[allow(clippy::too_many_arguments)]
fn paint_line_with(
    scratch: &mut Scratch,
    text: &mut Content,
    marks: &mut Content,
    marking: &mut Marking,
    fonts: &mut [EmbeddedFont],
    para: &Laid,
    line: &Line,
    left: f32,
    top: f32,
    color: Rgb,
    rtl_page: bool,
) -> Result<(), ExportError> {
    let source = para.text();
    let Scratch {
        texts: all_texts,
        starts,
        glyphs_order,
        pieces,
        order,
        owner_of_end,
        moved,
        stored,
        sequence,
        stretches,
        written,
        carried,
        visual,
        stops,
        cuts,
        moved_to,
        written_stretches,
        actual_spans,
        actual,
    } = scratch;
    let total = glyph_texts(
        all_texts,
        starts,
        order,
        owner_of_end,
        moved,
        stored,
        source,
        line,
    );
    let texts = &mut all_texts[..total];
    let (has_rtl, line_rtl, mut marked_spaces) =
        pdfium_direction(texts, starts, line, para.is_rtl());
    keep_spaces_between_pieces(texts, starts, line, line_rtl, has_rtl);
    wrap_mirrored(
        texts,
        starts,
        line,
        (line_rtl, para.is_rtl()),
        has_rtl,
        &mut marked_spaces,
    );
    let texts = &*texts;
    let placing = Placing {
        line,
        texts,
        starts,
        left,
        top,
        color,
    };
    actual_spans.clear();
    actual.clear();
    stream_order(
        &placing,
        &mut Ordering {
            sequence,
            cuts,
            moved_to,
            glyphs_order,
            pieces,
            actual_spans,
            actual,
            marked_spaces,
        },
        source,
        line_rtl,
        marks,
        fonts,
    )?;
    cut_stretches(
        stretches,
        sequence,
        cuts,
        actual_spans,
        line,
        line_rtl,
        source,
    );
    pdfjs_texts(
        written,
        carried,
        sequence,
        texts,
        starts,
        stretches,
        actual_spans,
        line,
        line_rtl,
        source,
    );
    if rtl_page && has_rtl {
        poppler_stops(written, visual, stops, sequence, line);
    } else if has_rtl && !line_rtl {
        poppler_ltr_stops(written, visual, stops, sequence, stretches, line);
    }
    if line_rtl {
        settle_ltr_actual_texts(actual_spans, actual, written, |at| {
            line.runs[sequence[at].0].face
        });
    }
    if line_rtl {
        keep_spaces_before_brackets(sequence, written, stretches, actual_spans, moved_to, line);
    }
    rtl_pieces_for_pdfjs(written, stretches, sequence, line, para.is_rtl());
    write_line(
        &placing,
        written_stretches,
        stretches,
        sequence,
        written,
        moved_to,
        (actual_spans, actual),
        line_rtl,
        (text, marking),
        marks,
        fonts,
    )
}

/// The glyphs of a line and where they are put, for the passes below.
struct Placing<'a> {
    line: &'a Line,
    /// The text of each glyph, run after run (see [`glyph_texts`]).
    texts: &'a [String],
    /// Where each run's glyphs start in `texts`.
    starts: &'a [usize],
    left: f32,
    top: f32,
    color: Rgb,
}

/// Each glyph's text, run after run, into `all_texts` (whose first entries, as many as the
/// line has glyphs, it returns the number of), and where each run starts into `starts`: the
/// source text it stands for without bidi controls, a mark's given to its base, a
/// right-to-left glyph's stored reversed, and the marks poppler and PDFium need beside
/// neutrals.
#[allow(clippy::too_many_arguments)]
fn glyph_texts(
    all_texts: &mut Vec<String>,
    starts: &mut Vec<usize>,
    order: &mut Vec<usize>,
    owner_of_end: &mut Vec<(usize, usize)>,
    moved: &mut String,
    stored: &mut String,
    source: &str,
    line: &Line,
) -> usize {
    let total: usize = line.runs.iter().map(|r| r.glyphs.len()).sum();
    if all_texts.len() < total {
        all_texts.resize_with(total, String::new);
    }
    starts.clear();
    let mut at = 0;
    for (run_index, run) in line.runs.iter().enumerate() {
        starts.push(at);
        let n = run.glyphs.len();
        let texts = &mut all_texts[at..at + n];
        at += n;
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
        // Give each mark's text to the glyph that holds the text just before it, and so the
        // text of a letter drawn with no advance just right of a space, such as the alef Noto
        // Naskh Arabic draws inside a word-final lam-alef: pdf.js measures the gap before a
        // glyph from the last glyph that moved the pen, so a space and then a glyph of no
        // width would have it measure the space twice and split `لكيلا` into `لكيل ا` (see
        // `readers/pdfjs.rs`). Elsewhere the letter keeps its text: a glyph without text is
        // drawn apart, which would cost every `لا` and `الا` of a page its own placing.
        order.clear();
        order.extend((0..n).filter(|&i| !texts[i].is_empty()));
        order.sort_by_key(|&i| run.glyphs[i].text_range.start);
        owner_of_end.clear();
        for &i in order.iter() {
            let range = &run.glyphs[i].text_range;
            let only_marks = texts[i].chars().all(is_combining_mark);
            let gives_away = only_marks
                || (run.glyphs[i].advance.abs() < 1e-3
                    && !texts[i].chars().any(char::is_whitespace)
                    && after_space(run, i, source));
            let owner = if gives_away {
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
                        stored.push(ALM);
                    }
                    stored.push(c);
                    prev_is_rtl_letter = Direction::is_rtl_letter(c);
                }
                left_is_rtl_letter = prev_is_rtl_letter;
                std::mem::swap(t, stored);
            }
            let is_neutral = |t: &String| {
                t.chars()
                    .all(|c| !c.is_alphanumeric() && !c.is_whitespace())
            };
            // A neutral (a bracket, a quotation mark) just left of a left-to-right run, such as
            // the `)`-shaped bracket before `NATO` in `… (NATO) …`: poppler reads a
            // left-to-right stretch from its last letter leftwards over any neutrals, which
            // would take the bracket in front of `NATO`. A RIGHT-TO-LEFT MARK after it ends the
            // stretch at the letter.
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
    }
    total
}

/// Whether the nearest glyph left of `run.glyphs[i]` that moves the pen is a space, or there
/// is none in the run (what is left of it is another run's).
fn after_space(run: &GlyphRun, i: usize, source: &str) -> bool {
    run.glyphs[..i]
        .iter()
        .rev()
        .find(|g| g.advance.abs() >= 1e-3)
        .is_none_or(|g| {
            source
                .get(g.text_range.clone())
                .is_some_and(|t| t.chars().any(char::is_whitespace))
        })
}

/// Whether the line has right-to-left text, whether PDFium reads it right to left, and how
/// many spaces of `/ActualText`s get a LEFT-TO-RIGHT MARK after them to keep it reading it
/// left to right.
fn pdfium_direction(
    texts: &mut [String],
    starts: &[usize],
    line: &Line,
    para_rtl: bool,
) -> (bool, bool, usize) {
    // How PDFium will read the line (see `PdfiumClass`); only a line with both directions needs
    // counting.
    let has_rtl = line.runs.iter().any(|r| r.rtl);
    let has_ltr = line.runs.iter().any(|r| !r.rtl);
    if !(has_rtl && has_ltr) {
        return (has_rtl, has_rtl, 0);
    }
    let mut stretches = Stretches::default();
    for t in texts.iter() {
        stretches.push(t);
    }
    if !stretches.reads_rtl() {
        // A right-to-left paragraph's line with as many Latin pieces as Arabic ones
        // (`نقلت صحيفة UN Security Council.`), which PDFium would read left to right: its
        // Latin names of more than one piece are read by an `/ActualText` (see
        // [`stream_order`]), and an ARABIC LETTER MARK after a space there adds a
        // right-to-left stretch; as many as make those the more have PDFium read the line
        // right to left, as the paragraph goes.
        // A Latin word alone (`قالت KUNA`, the `الإقليمي، KUNA` of an attribution) has no such
        // space: an ARABIC LETTER MARK starts the space just right of a Latin word instead,
        // a right-to-left stretch between two others (pdf.js reads the space as text then,
        // as it does the spaces of a right-to-left line, see `pdfjs_texts`).
        if para_rtl {
            let need = stretches.trail() + 1;
            let in_actual = actual_text_spaces(line, texts, starts, false);
            if in_actual >= need {
                return (true, true, need);
            }
            let after_latin = spaces_after_latin(line, texts, starts);
            if in_actual + after_latin.len() >= need {
                for &t in after_latin.iter().take(need - in_actual) {
                    texts[t].insert(0, ALM);
                }
                return (true, true, in_actual);
            }
        }
        return (true, false, 0);
    }
    // A left-to-right paragraph's line with more right-to-left words than left-to-right ones
    // (`Minister «أحمد عبد الله الأحمد الصباح» spoke first`), which PDFium would read right to
    // left, its English words last first. Its Arabic names of more than one word are read by
    // an `/ActualText` (see [`stream_order`]), and PDFium counts that text's stretches: a
    // LEFT-TO-RIGHT MARK after a space there adds a left-to-right one, and as many as make
    // the counts equal have PDFium read the line left to right. The marks come out with the
    // text, where they change nothing.
    if para_rtl {
        return (true, true, 0);
    }
    let lead = stretches.lead();
    let spaces = actual_text_spaces(line, texts, starts, true);
    if spaces >= lead {
        (true, false, lead)
    } else {
        (true, true, 0)
    }
}

/// The glyphs of `line` (indexes into `texts`) that are a space just right of a Latin word
/// and not followed by another, where they are drawn: a mark there keeps the Latin words
/// together for poppler.
fn spaces_after_latin(line: &Line, texts: &[String], starts: &[usize]) -> Vec<usize> {
    let mut placed: Vec<(f32, usize, bool)> = Vec::new();
    for (i, run) in line.runs.iter().enumerate() {
        for (k, g) in run.glyphs.iter().enumerate() {
            let t = starts[i] + k;
            if !texts[t].is_empty() {
                placed.push((g.x, t, run.rtl));
            }
        }
    }
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let latin = |&(_, t, rtl): &(f32, usize, bool), last: bool| {
        let c = if last {
            texts[t].chars().next_back()
        } else {
            texts[t].chars().next()
        };
        !rtl && c.is_some_and(|c| pdfium_class(c) == PdfiumClass::Left)
    };
    (1..placed.len())
        .filter(|&p| {
            texts[placed[p].1] == " "
                && latin(&placed[p - 1], true)
                && placed.get(p + 1).is_none_or(|next| !latin(next, false))
        })
        .map(|p| placed[p].1)
        .collect()
}

/// The spaces of the runs of `line` in one direction (`rtl`) that PDFium reads by an
/// `/ActualText` of their own (see [`actual_text_takes`]), where a direction mark may go.
fn actual_text_spaces(line: &Line, texts: &[String], starts: &[usize], rtl: bool) -> usize {
    let mut spaces = 0;
    let mut r = 0;
    while r < line.runs.len() {
        let group = direction_group(line, r);
        r = group.end;
        let takes = if rtl {
            actual_text_takes(line, group.clone(), texts, starts)
        } else {
            ltr_actual_text_takes(line, group.clone(), texts, starts)
        };
        if line.runs[group.start].rtl != rtl || !takes {
            continue;
        }
        spaces += group
            .flat_map(|i| &texts[starts[i]..starts[i] + line.runs[i].glyphs.len()])
            .filter(|t| readers::pdfjs::is_whitespace(t))
            .count();
    }
    spaces
}

/// pdf.js's spaces between PDFium's pieces of a right-to-left run in a left-to-right line.
fn keep_spaces_between_pieces(
    texts: &mut [String],
    starts: &[usize],
    line: &Line,
    line_rtl: bool,
    has_rtl: bool,
) {
    // A right-to-left run in a line PDFium reads left to right goes in PDFium's pieces (see
    // below), and pdf.js starts a new piece of text where a glyph steps back, as it does
    // between them, forgetting a space noted just before (see `readers::pdfjs`): a space
    // between two words of such a run is kept as text, with an ARABIC LETTER MARK before it,
    // which all three readers take as right to left.
    if !line_rtl && has_rtl {
        for (run, &start) in line.runs.iter().zip(starts.iter()) {
            if !run.rtl {
                continue;
            }
            let run_texts = &mut texts[start..start + run.glyphs.len()];
            let n = run_texts.len();
            for k in 1..n.saturating_sub(1) {
                let word = |t: &String| !t.is_empty() && !t.chars().all(char::is_whitespace);
                if readers::pdfjs::is_whitespace(&run_texts[k])
                    && run_texts[..k]
                        .iter()
                        .rev()
                        .find(|t| !t.is_empty())
                        .is_some_and(word)
                    && run_texts[k + 1..]
                        .iter()
                        .find(|t| !t.is_empty())
                        .is_some_and(word)
                {
                    run_texts[k].insert(0, ALM);
                }
            }
        }
    }
}

/// Brackets and quotation marks PDFium would mirror, between direction marks.
fn wrap_mirrored(
    texts: &mut [String],
    starts: &[usize],
    line: &Line,
    (line_rtl, para_rtl): (bool, bool),
    has_rtl: bool,
    marked_spaces: &mut usize,
) {
    // PDFium mirrors a bracket or quotation mark of a right-to-left stretch (it expects the
    // shape drawn), poppler does not: the logical character goes between marks that make it a
    // neutral stretch PDFium reads after a left-to-right one, so it keeps it as it is, and then
    // back to right to left. The marks add left-to-right stretches to PDFium's count, so on a
    // line it reads by majority this is done only while the majority holds.
    let wrap = |t: &str| -> Option<char> {
        let mut chars = t.chars().filter(|&c| c != RLM);
        match (chars.next(), chars.next()) {
            (Some(c), None) if is_mirrored(c) => Some(c),
            _ => None,
        }
    };
    let wrapped = if has_rtl {
        texts.iter().filter(|t| wrap(t).is_some()).count()
    } else {
        0
    };
    // Where the marks would lose the majority, ARABIC LETTER MARKs after the spaces of Latin
    // names PDFium reads by an `/ActualText` can make up for them, as they do in
    // [`pdfium_direction`]: those texts only PDFium reads.
    let mut extra = 0;
    let may_wrap = wrapped > 0
        && (!line_rtl || {
            let mut after = Stretches::default();
            for t in texts.iter() {
                match wrap(t) {
                    Some(c) => {
                        let mut buf = [0u8; 4];
                        after.push("\u{200F}\u{200E}");
                        after.push(c.encode_utf8(&mut buf));
                        after.push("\u{200E}\u{200F}");
                    }
                    None => after.push(t),
                }
            }
            after.reads_rtl() || {
                let need = after.trail() + 1;
                let free =
                    actual_text_spaces(line, texts, starts, false).saturating_sub(*marked_spaces);
                extra = need;
                para_rtl && free >= need
            }
        });
    if may_wrap {
        *marked_spaces += extra;
    }
    if may_wrap {
        for (run, &start) in line.runs.iter().zip(starts.iter()) {
            for t in texts[start..start + run.glyphs.len()].iter_mut() {
                let Some(c) = wrap(t) else { continue };
                t.clear();
                if !line_rtl && !run.rtl {
                    // In a line PDFium reads left to right, a bracket of a left-to-right run
                    // is mirrored only as a neutral after a right-to-left stretch (the `)` of
                    // `(جراح الجابر)`): a LEFT-TO-RIGHT MARK before it starts a left-to-right
                    // stretch there. A mark before, not after, as pdf.js drops a glyph whose
                    // text ends with one (see `readers::pdfjs`).
                    t.extend([LRM, c]);
                } else {
                    t.extend([RLM, LRM, c, LRM, RLM]);
                }
            }
        }
    }
}

/// A stretch of `sequence` (start, end) PDFium reads by an `/ActualText`, and where that
/// text is in `Scratch::actual`.
type ActualSpan = (usize, usize, std::ops::Range<usize>);

/// What [`stream_order`] fills in (see `Scratch`).
struct Ordering<'a> {
    sequence: &'a mut Vec<(usize, usize)>,
    cuts: &'a mut Vec<usize>,
    moved_to: &'a mut Vec<(usize, f32)>,
    glyphs_order: &'a mut Vec<(usize, usize)>,
    pieces: &'a mut Vec<(usize, usize, Option<PdfiumClass>)>,
    actual_spans: &'a mut Vec<ActualSpan>,
    actual: &'a mut String,
    /// How many spaces of the `/ActualText`s still take a LEFT-TO-RIGHT MARK (see
    /// [`pdfium_direction`]).
    marked_spaces: usize,
}

/// The order of the line's glyphs with text into `sequence`, the glyphs without into `marks`.
fn stream_order(
    placing: &Placing<'_>,
    ordering: &mut Ordering<'_>,
    source: &str,
    line_rtl: bool,
    marks: &mut Content,
    fonts: &mut [EmbeddedFont],
) -> Result<(), ExportError> {
    let &Placing {
        line,
        texts,
        starts,
        left,
        top,
        color,
    } = placing;
    let Ordering {
        sequence,
        cuts,
        moved_to,
        glyphs_order,
        pieces,
        actual_spans,
        actual,
        marked_spaces,
    } = ordering;
    // Stream order. PDFium takes a line's text objects (here: a stretch of one face) left to
    // right by where they start and reads each one's glyphs in stream order (see
    // `PdfiumClass`); poppler orders by position; readers that follow the stream want visual
    // order. So runs go in visual order, except a stretch of runs against the direction PDFium
    // reads the line in (a Latin name in an Arabic line, an Arabic name in an English one),
    // which PDFium would give back piece by piece in reverse (`Colomina Xavier`, `7G`): its
    // glyphs are taken in logical order, cut into PDFium's pieces, and those go in so that
    // PDFium's reading gives the logical order; a piece it reverses (right to left, or neutral
    // after right to left) has its glyphs last first (a right-to-left glyph's text is stored
    // reversed already).
    sequence.clear();
    cuts.clear();
    moved_to.clear();
    // Where in `sequence` the glyph went, if it has text.
    let mut emit_at =
        |i: usize, k: usize, cut: bool, at: Option<f32>| -> Result<Option<usize>, ExportError> {
            let run = &line.runs[i];
            let (g, t) = (&run.glyphs[k], &texts[starts[i] + k]);
            if t.is_empty() {
                marks.glyph(fonts, &placed(run, g, t, left, top), color)?;
                Ok(None)
            } else {
                if cut {
                    cuts.push(sequence.len());
                }
                if let Some(x) = at {
                    moved_to.push((sequence.len(), x));
                }
                sequence.push((i, k));
                Ok(Some(sequence.len() - 1))
            }
        };
    // A wrapped mirrored character reads the same either way and leaves PDFium reading right
    // to left: a class of its own.
    let class_of = |&(i, k): &(usize, usize)| {
        let t = &texts[starts[i] + k];
        if t.starts_with([RLM]) && t.chars().nth(1) == Some(LRM) {
            None
        } else if t
            .strip_prefix(ALM)
            .is_some_and(|s| s.chars().all(char::is_whitespace))
        {
            // A space kept for pdf.js (see above) still parts two words for PDFium.
            Some(PdfiumClass::Neutral)
        } else {
            Some(glyph_class(t))
        }
    };
    let mut r = 0;
    while r < line.runs.len() {
        let rtl = line.runs[r].rtl;
        let mut r_end = r + 1;
        while r_end < line.runs.len() && line.runs[r_end].rtl == rtl {
            r_end += 1;
        }
        if rtl == line_rtl {
            for (i, run) in line.runs.iter().enumerate().take(r_end).skip(r) {
                for k in 0..run.glyphs.len() {
                    emit_at(i, k, false, None)?;
                }
            }
            r = r_end;
            continue;
        }
        glyphs_order.clear();
        for (i, run) in line.runs.iter().enumerate().take(r_end).skip(r) {
            for k in 0..run.glyphs.len() {
                if texts[starts[i] + k].is_empty() {
                    emit_at(i, k, false, None)?;
                } else {
                    glyphs_order.push((i, k));
                }
            }
        }
        glyphs_order.sort_by_key(|&(i, k)| line.runs[i].glyphs[k].text_range.start);
        pieces.clear();
        let mut start = 0;
        while start < glyphs_order.len() {
            let class = class_of(&glyphs_order[start]);
            let mut end = start + 1;
            while end < glyphs_order.len()
                && class.is_some()
                && class_of(&glyphs_order[end]) == class
            {
                end += 1;
            }
            pieces.push((start, end, class));
            start = end;
        }
        // Which pieces PDFium reverses, in its processing order (the logical order), coming
        // from the line's own direction.
        let mut current = if line_rtl {
            PdfiumClass::Right
        } else {
            PdfiumClass::Left
        };
        for piece in pieces.iter_mut() {
            let reversed = match piece.2 {
                None => {
                    current = PdfiumClass::Right;
                    false
                }
                Some(PdfiumClass::Right) => {
                    current = PdfiumClass::Right;
                    true
                }
                Some(PdfiumClass::Left) => {
                    current = PdfiumClass::Left;
                    false
                }
                Some(PdfiumClass::Weak) => false,
                Some(PdfiumClass::Neutral) => {
                    if current == PdfiumClass::Right {
                        true
                    } else {
                        current = PdfiumClass::Left;
                        false
                    }
                }
            };
            piece.2 = reversed.then_some(PdfiumClass::Right);
        }
        let n_pieces = pieces.len();
        // A right-to-left run of more than one piece in a line PDFium reads left to right (the
        // two words of `(جراح الجابر)` in an English line): pdf.js wants its glyphs in visual
        // order, one piece of text its bidi pass reverses whole, and PDFium its pieces in text
        // order, each reversed, with no jump in where they are drawn (it adds a space of its
        // own at a jump). No one order gives both, so the glyphs go in visual order and PDFium
        // reads the run by an `/ActualText` of its own (see [`pdfium_actual_text`]); poppler
        // reads by position, and takes an `/ActualText` only from a sequence tagged `/Span`.
        //
        // A left-to-right run of more than one piece in a line PDFium reads right to left
        // (`Jens Stoltenberg`, `KUNA/Kuwait City`): PDFium takes the pieces last first, so its
        // glyphs, in visual order as pdf.js and poppler want them, are one text object that
        // PDFium reads by an `/ActualText` (see [`ltr_actual_text`]).
        if n_pieces > 1 {
            let from = actual.len();
            let taken = if line_rtl {
                ltr_actual_text(
                    line,
                    r..r_end,
                    glyphs_order,
                    texts,
                    starts,
                    source,
                    marked_spaces,
                    actual,
                )
            } else {
                pdfium_actual_text(line, r..r_end, texts, starts, source, marked_spaces, actual)
            };
            if taken {
                // Runs and their glyphs are in visual order already.
                glyphs_order.sort_unstable();
                let mut span: Option<(usize, usize)> = None;
                for &(i, k) in glyphs_order.iter() {
                    if let Some(at) = emit_at(i, k, span.is_none(), None)? {
                        let first = span.map_or(at, |(f, _)| f);
                        span = Some((first, at + 1));
                    }
                }
                if let Some((first, end)) = span {
                    actual_spans.push((first, end, from..actual.len()));
                }
                r = r_end;
                continue;
            }
            actual.truncate(from);
        }
        // Words of a left-to-right run in a line read right to left (`Xavier Colomina`):
        // PDFium wants them last first, each a stretch it reads in turn by where it starts
        // (see `PdfiumClass`); pdf.js wants them in order, each left to right, joined in
        // stream order. So each word is a stretch of its own, in the order of the text, and
        // each but the last starts with the space after it, drawn (it shows nothing) just
        // right of where the last word starts, nearer the further the word is from the end:
        // PDFium then takes them last first, and pdf.js reads the gaps as the spaces.
        let words_apart = line_rtl
            && n_pieces >= 3
            && n_pieces % 2 == 1
            && pieces
                .iter()
                .enumerate()
                .all(|(p, &(start, end, reversed))| {
                    if p % 2 == 0 {
                        reversed.is_none()
                    } else {
                        let (i, k) = glyphs_order[start];
                        end - start == 1 && readers::pdfjs::is_whitespace(&texts[starts[i] + k])
                    }
                });
        if words_apart {
            let (last_start, last_end, _) = pieces[n_pieces - 1];
            let (i0, k0) = glyphs_order[last_start];
            let x0 = line.runs[i0].glyphs[k0].x;
            for (n, &(i, k)) in glyphs_order[last_start..last_end].iter().enumerate() {
                emit_at(i, k, n == 0, None)?;
            }
            let words = n_pieces / 2 + 1;
            for w in (0..words - 1).rev() {
                let (space, _, _) = pieces[2 * w + 1];
                let (i, k) = glyphs_order[space];
                let x = x0 + 0.25 * (words - 1 - w) as f32;
                emit_at(i, k, true, Some(x))?;
                let (start, end, _) = pieces[2 * w];
                for &(i, k) in &glyphs_order[start..end] {
                    emit_at(i, k, false, None)?;
                }
            }
            r = r_end;
            continue;
        }
        for p in 0..n_pieces {
            let (start, end, reversed) = pieces[if line_rtl { n_pieces - 1 - p } else { p }];
            if reversed.is_some() {
                for &(i, k) in glyphs_order[start..end].iter().rev() {
                    emit_at(i, k, false, None)?;
                }
            } else {
                for &(i, k) in &glyphs_order[start..end] {
                    emit_at(i, k, false, None)?;
                }
            }
        }
        r = r_end;
    }
    Ok(())
}

/// A space drawn alone between a number and a bracket in a line PDFium reads right to left
/// (`عن 10-12 (العاصمة)`) is a text object that inks nothing, which PDFium drops
/// (`ProcessTextObject`), and with it the marks that keep the bracket unmirrored (see
/// [`wrap_mirrored`]); the space it then makes up itself (`GenerateSpace`) joins the bracket
/// and both come back mirrored (`12 )العاصمة`). The space goes into the number's text object
/// instead, at its left where it is drawn, so PDFium keeps it and makes up none (the object
/// after it starts where the space ends). pdf.js then reads the space in the number's piece
/// of text, which it must take right to left to give the space after the number: the
/// space's RIGHT-TO-LEFT MARK becomes ARABIC LETTER MARKs, as many as make that piece
/// right to left for pdf.js (`readers::pdfjs::chars_read_rtl`); PDFium and poppler class
/// them as they did the RLM.
fn keep_spaces_before_brackets(
    sequence: &[(usize, usize)],
    written: &mut [String],
    stretches: &mut Vec<(usize, usize, usize)>,
    actual_spans: &[ActualSpan],
    moved_to: &[(usize, f32)],
    line: &Line,
) {
    let glyph = |sequence: &[(usize, usize)], at: usize| {
        let (i, k) = sequence[at];
        (&line.runs[i], &line.runs[i].glyphs[k])
    };
    let mut k = 1;
    while k + 1 < stretches.len() {
        let (a, b, _) = stretches[k - 1];
        let (s, e, _) = stretches[k];
        let next = stretches[k + 1].0;
        k += 1;
        if e != s + 1 || a != e {
            continue;
        }
        let space = &written[s];
        let space_alone = space.chars().any(char::is_whitespace)
            && space
                .chars()
                .all(|c| c.is_whitespace() || is_bidi_control(c));
        let (space_run, space_glyph) = glyph(sequence, s);
        let (number_run, first) = glyph(sequence, a);
        let bracket = written[next].chars().any(readers::pdfium::is_mirrored);
        let touching = (space_glyph.x + space_glyph.advance - first.x).abs() < 0.01;
        let free = !actual_spans.iter().any(|sp| sp.0 < b && s < sp.1)
            && !moved_to.iter().any(|&(m, _)| (s..b).contains(&m));
        if !(space_alone
            && bracket
            && touching
            && free
            && space_run.face == number_run.face
            && space_run.size == number_run.size)
        {
            // Or the space goes with the bracket on its left, drawn in the bracket's face
            // (see [`write_line`]): after a Latin name PDFium reads by an `/ActualText`
            // (`New Delhi (الهند)`), whose object the space cannot join.
            let (n0, n1, _) = stretches[k];
            let (bracket_run, bracket_glyph) = glyph(sequence, n0);
            let on_left = n1 == s
                && n1 == n0 + 1
                && bracket_run.rtl
                && bracket_run.size == space_run.size
                && (bracket_glyph.x + bracket_glyph.advance - space_glyph.x).abs() < 0.01
                && crate::text::nominal_glyph(bracket_run.face, ' ').is_some();
            let free = !actual_spans.iter().any(|sp| sp.0 < e && n0 < sp.1)
                && !moved_to.iter().any(|&(m, _)| (n0..e).contains(&m));
            if space_alone && bracket && on_left && free {
                stretches[k].1 = e;
                stretches.remove(k - 1);
            }
            continue;
        }
        let mut text: String = written[s]
            .chars()
            .map(|c| if c == RLM { ALM } else { c })
            .collect();
        let at = text.find(char::is_whitespace).unwrap_or(0);
        while !readers::pdfjs::chars_read_rtl(
            text.chars()
                .chain(written[a..b].iter().flat_map(|t| t.chars())),
        ) {
            text.insert(at, ALM);
        }
        written[s] = text;
        stretches[k - 2].0 = s;
        stretches.remove(k - 1);
    }
}

/// pdf.js reads a piece of text (a stretch) in visual order and reverses it only when it
/// takes it as right to left (`readers::pdfjs::chars_read_rtl`), which counts an ARABIC
/// LETTER MARK but not a RIGHT-TO-LEFT MARK, and needs 30% of the piece's characters. A
/// piece of right-to-left text it takes as left to right it gives in visual order: a
/// bracket and the space beside it with no letter (`KUNA (١٢)` as `KUNA( ١٢)`), or a number
/// and a short word at the end of an Arabic line (`في 2025` as `2025 في`). Such a piece
/// (one of right-to-left runs, or holding one in a right-to-left paragraph) has its
/// RIGHT-TO-LEFT MARKs made ARABIC LETTER MARKs, and then, while pdf.js would still take it
/// as left to right, an ARABIC LETTER MARK put before the text of its letters, first to
/// last. PDFium and poppler class the mark as the letter beside it, so their reading stays.
fn rtl_pieces_for_pdfjs(
    written: &mut [String],
    stretches: &[(usize, usize, usize)],
    sequence: &[(usize, usize)],
    line: &Line,
    para_rtl: bool,
) {
    for &(start, end, _) in stretches {
        let mut rtl_runs = sequence[start..end].iter().map(|&(i, _)| line.runs[i].rtl);
        let rtl_piece = if para_rtl {
            rtl_runs.any(|r| r)
        } else {
            rtl_runs.all(|r| r)
        };
        if end < start + 2 || !rtl_piece {
            continue;
        }
        let reads_rtl = |written: &[String]| {
            readers::pdfjs::chars_read_rtl(written[start..end].iter().flat_map(|t| t.chars()))
        };
        if reads_rtl(written) {
            continue;
        }
        if written[start..end].iter().any(|t| t.contains(RLM)) {
            for t in &mut written[start..end] {
                if t.contains(RLM) {
                    *t = t.replace(RLM, ALM.encode_utf8(&mut [0; 4]));
                }
            }
        }
        let mut at = start;
        loop {
            if reads_rtl(written) {
                break;
            }
            let Some(letter) = (at..end).find(|&k| {
                written[k]
                    .chars()
                    .next()
                    .is_some_and(|c| pdfium_class(c) == PdfiumClass::Right && c != ALM)
            }) else {
                break;
            };
            written[letter].insert(0, ALM);
            at = letter + 1;
        }
    }
}

/// Whether `stretches`, from the first, cover `start..end` one after another.
fn tiles(stretches: &[(usize, usize, bool)], start: usize, end: usize) -> bool {
    let mut at = start;
    for &(s, e, _) in stretches {
        if at >= end {
            break;
        }
        if s != at || e > end {
            return false;
        }
        at = e;
    }
    at == end
}

/// Whether PDFium would read the runs `group` of `line` by an `/ActualText`: they must be one
/// text object (one face and size), and PDFium reads an `/ActualText` only when the font has a
/// code for one of its characters (`PreMarkedContent`), which takes a glyph standing for a
/// letter alone.
fn actual_text_takes(
    line: &Line,
    group: std::ops::Range<usize>,
    texts: &[String],
    starts: &[usize],
) -> bool {
    pdfium_reads_actual_text(line, group, texts, starts, true)
}

/// Whether PDFium would read the left-to-right runs `group` of `line` by one `/ActualText`:
/// they may be more than one text object (a Latin name and the European number after it are
/// in two faces), as PDFium reads the first one it comes to, the leftmost, by the text and
/// skips the others of the same sequence (`PreMarkedContent`), so they must be of one size
/// and the first one must have a glyph standing for a letter alone.
fn ltr_actual_text_takes(
    line: &Line,
    group: std::ops::Range<usize>,
    texts: &[String],
    starts: &[usize],
) -> bool {
    pdfium_reads_actual_text(line, group, texts, starts, false)
}

/// [`actual_text_takes`] (`one_face`) and [`ltr_actual_text_takes`]: the runs of one size
/// (and face), and a glyph standing for a letter alone in the first text object.
fn pdfium_reads_actual_text(
    line: &Line,
    group: std::ops::Range<usize>,
    texts: &[String],
    starts: &[usize],
    one_face: bool,
) -> bool {
    let Some(runs) = line.runs.get(group.clone()) else {
        return false;
    };
    let Some(first) = runs.first() else {
        return false;
    };
    if runs
        .iter()
        .any(|r| (one_face && r.face != first.face) || r.size.to_bits() != first.size.to_bits())
    {
        return false;
    }
    group
        .take_while(|&i| line.runs[i].face == first.face)
        .any(|i| {
            texts[starts[i]..starts[i] + line.runs[i].glyphs.len()]
                .iter()
                .any(|t| {
                    let mut chars = t.chars();
                    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
                })
        })
}

/// PDFium's `/ActualText` for the right-to-left runs `group` of `line`, appended to `out`:
/// their text, bidi controls aside, last character first and each mirrored, as PDFium gives
/// an `/ActualText` over a right-to-left text object back reversed and mirrored (see
/// `readers::pdfium`), with a LEFT-TO-RIGHT MARK after each space while `marked_spaces`
/// lasts (see [`pdfium_direction`]). False when PDFium would not take it
/// ([`actual_text_takes`]).
fn pdfium_actual_text(
    line: &Line,
    group: std::ops::Range<usize>,
    texts: &[String],
    starts: &[usize],
    source: &str,
    marked_spaces: &mut usize,
    out: &mut String,
) -> bool {
    if !actual_text_takes(line, group.clone(), texts, starts) {
        return false;
    }
    let runs = &line.runs[group];
    // The runs last first in text order, each one's characters last first.
    let mut ranges: Vec<std::ops::Range<usize>> =
        runs.iter().map(|r| r.text_range.clone()).collect();
    ranges.sort_by_key(|r| std::cmp::Reverse(r.start));
    for range in ranges {
        let text = source.get(range).unwrap_or("");
        for c in text.chars().rev().filter(|&c| !is_bidi_control(c)) {
            out.push(readers::pdfium::mirror(c));
            if *marked_spaces > 0 && c.is_whitespace() {
                out.push(LRM);
                *marked_spaces -= 1;
            }
        }
    }
    true
}

/// PDFium's `/ActualText` for the left-to-right runs `group` of a line it reads right to left
/// (their glyphs `glyphs_order`, in text order), appended to `out`: their text, bidi controls
/// aside, written so that PDFium's reading of the line gives it back
/// (`readers::pdfium::written_for_rtl_line`), with an ARABIC LETTER MARK after each space
/// while `marked_spaces` lasts (see [`pdfium_direction`]). False when PDFium would not take
/// it ([`ltr_actual_text_takes`]).
#[allow(clippy::too_many_arguments)]
fn ltr_actual_text(
    line: &Line,
    group: std::ops::Range<usize>,
    glyphs_order: &[(usize, usize)],
    texts: &[String],
    starts: &[usize],
    source: &str,
    marked_spaces: &mut usize,
    out: &mut String,
) -> bool {
    if !ltr_actual_text_takes(line, group, texts, starts) {
        return false;
    }
    // The runs' text in logical order, bidi controls aside, with the marks for PDFium's count
    // after the first spaces.
    let mut logical = String::new();
    let mut taken = 0;
    for &(i, k) in glyphs_order {
        let range = line.runs[i].glyphs[k].text_range.clone();
        if range.start < taken {
            continue;
        }
        taken = range.end;
        for c in source
            .get(range)
            .unwrap_or("")
            .chars()
            .filter(|&c| !is_bidi_control(c))
        {
            logical.push(c);
            if *marked_spaces > 0 && c.is_whitespace() {
                logical.push(ALM);
                *marked_spaces -= 1;
            }
        }
    }
    readers::pdfium::written_for_rtl_line(&logical, out);
    true
}

/// The `/ActualText`s of left-to-right runs in a line PDFium reads right to left (see
/// [`ltr_actual_text`]), once the glyphs' texts are settled: PDFium takes a text object as
/// right to left by the first character of each glyph's text (`IsRightToLeft`, more
/// right-to-left stretches than left-to-right ones), and a mark poppler needs there (the
/// ARABIC LETTER MARK before the `A` of `A1`) can make it so; it then gives the
/// `/ActualText` back reversed and mirrored, so it is written reversed and mirrored.
fn settle_ltr_actual_texts(
    actual_spans: &mut [ActualSpan],
    actual: &mut String,
    written: &[String],
    faces: impl Fn(usize) -> FontFace,
) {
    // Only the glyphs of the first text object, the first face's, count.
    let reversed_by_pdfium = |first: usize, end: usize| {
        let mut stretches = Stretches::default();
        let mut buf = [0u8; 4];
        let face = faces(first);
        let same = (first..end).take_while(|&at| faces(at) == face).count();
        for w in &written[first..first + same] {
            if let Some(c) = w.chars().next() {
                stretches.push(c.encode_utf8(&mut buf));
            }
        }
        stretches.reads_rtl()
    };
    if !actual_spans
        .iter()
        .any(|&(first, end, _)| reversed_by_pdfium(first, end))
    {
        return;
    }
    let mut settled = String::with_capacity(actual.len());
    for span in actual_spans.iter_mut() {
        let from = settled.len();
        let text = &actual[span.2.clone()];
        if reversed_by_pdfium(span.0, span.1) {
            settled.extend(text.chars().rev().map(readers::pdfium::mirror));
        } else {
            settled.push_str(text);
        }
        span.2 = from..settled.len();
    }
    *actual = settled;
}

/// The runs of one direction around run `i`.
fn direction_group(line: &Line, i: usize) -> std::ops::Range<usize> {
    let rtl = line.runs[i].rtl;
    let first = (0..i)
        .rev()
        .take_while(|&r| line.runs[r].rtl == rtl)
        .last()
        .unwrap_or(i);
    let end = (i..line.runs.len())
        .take_while(|&r| line.runs[r].rtl == rtl)
        .last()
        .unwrap_or(i)
        + 1;
    first..end
}

/// `sequence` cut into stretches of one face (text objects), in the order of their text.
fn cut_stretches(
    stretches: &mut Vec<(usize, usize, usize)>,
    sequence: &[(usize, usize)],
    cuts: &[usize],
    actual_spans: &[ActualSpan],
    line: &Line,
    line_rtl: bool,
    source: &str,
) {
    // pdf.js (see `readers::pdfjs`) takes a stretch of one face as one piece of text, runs its
    // own bidi pass over it and joins the pieces in stream order: the stretches go in the
    // order of their text. PDFium orders them by where they start and poppler by position, so
    // neither sees the change; each stretch is a text object of its own.
    // Whether the runs of one direction around run `i` use more than one face.
    let mixed_faces = |i: usize| {
        let group = &line.runs[direction_group(line, i)];
        group.iter().any(|r| r.face != group[0].face)
    };
    // Whether the runs of one direction around run `i` hold a letter (a Latin word, not a
    // number): pdf.js reads a piece of text with one left to right, so the brackets around it
    // (`(NATO)`, of the Arabic around them) are stretches of their own.
    let has_letters = |i: usize| {
        line.runs[direction_group(line, i)].iter().any(|r| {
            source
                .get(r.text_range.clone())
                .is_some_and(|t| t.chars().any(char::is_alphabetic))
        })
    };
    stretches.clear();
    let mut start = 0;
    while start < sequence.len() {
        // Runs against the line's direction in more than one face (`29/11/2025`, its digits
        // in the Arabic face and its slashes in the Latin one) are stretches of their own even
        // in the face of the text beside them, so that each takes its own place in the order
        // of the text (its `2025` would otherwise go with the Arabic beside it, before
        // `29/11/`). Others stay with it: a stretch costs bytes.
        let key = |&(i, _): &(usize, usize)| {
            let run = &line.runs[i];
            // And a space of the line's direction in a run of its own (shaped in the face of
            // the number or word beside it: `، 2026-12-02`), which pdf.js would otherwise read
            // at that number's end.
            let own = (run.rtl != line_rtl && (mixed_faces(i) || has_letters(i)))
                || (line_rtl
                    && run.rtl
                    && source.get(run.text_range.clone()).is_some_and(|t| {
                        t.chars()
                            .filter(|&c| !is_bidi_control(c))
                            .all(char::is_whitespace)
                    }));
            (run.face, run.size.to_bits(), own.then_some(run.rtl))
        };
        let this = key(&sequence[start]);
        let mut end = start + 1;
        // A run PDFium reads by its `/ActualText` is a text object of its own.
        let cut =
            |at: usize| cuts.contains(&at) || actual_spans.iter().any(|s| s.0 == at || s.1 == at);
        while end < sequence.len() && key(&sequence[end]) == this && !cut(end) {
            end += 1;
        }
        let first = sequence[start..end]
            .iter()
            .map(|&(i, k)| line.runs[i].glyphs[k].text_range.start)
            .min()
            .unwrap_or(0);
        stretches.push((start, end, first));
        start = end;
    }
    stretches.sort_by_key(|&(_, _, first)| first);
}

/// The text each glyph of `sequence` is written with, for pdf.js (see `readers::pdfjs`).
#[allow(clippy::too_many_arguments)]
fn pdfjs_texts(
    written: &mut Vec<String>,
    carried: &mut String,
    sequence: &[(usize, usize)],
    texts: &[String],
    starts: &[usize],
    stretches: &[(usize, usize, usize)],
    actual_spans: &[ActualSpan],
    line: &Line,
    line_rtl: bool,
    source: &str,
) {
    // pdf.js drops a glyph whose text ends with a format character (the bidi marks around a
    // bracket, a ZERO WIDTH NON-JOINER): those characters go to the start of the next glyph's
    // text instead. That next glyph is the one on its right, which starts the next stretch
    // when the glyph ends one, so the text PDFium and poppler rebuild, by position and then
    // stream, is as it was. Only onto a right-to-left letter or a space: before a Latin
    // letter poppler would read the word right to left (`(Grossi)Rafael`).
    if written.len() < sequence.len() {
        written.resize_with(sequence.len(), String::new);
    }
    carried.clear();
    let mut moved_marks: Vec<(usize, String)> = Vec::new();
    for at in 0..sequence.len() {
        let (i, k) = sequence[at];
        let t = &texts[starts[i] + k];
        let w = &mut written[at];
        w.clear();
        w.push_str(carried);
        carried.clear();
        // Within right-to-left text only: in a left-to-right line poppler reads the marks
        // moved onto an Arabic word's edge as part of it.
        // A number takes them too: an Arabic-Indic one (`دفعہ ۴۔`, its full stop on its left),
        // and a European one standing alone (`2024،`); not one of a run with a Latin word
        // (`(G7)`), which poppler would then read with the word.
        let starts_number = |i2: usize, n: &str| match n.chars().next() {
            Some('\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}') => true,
            Some('0'..='9') => source
                .get(line.runs[i2].text_range.clone())
                .is_some_and(|r| !r.chars().any(char::is_alphabetic)),
            _ => false,
        };
        // And a bracket wrapped for PDFium (see above) just left of a Latin word (`(NATO)` in
        // an Arabic line) puts them before the word's first letter, the glyph on its right,
        // where poppler and PDFium read them as they would after the bracket; not before a
        // word further on (`(Rafael Grossi)` written `Grossi` first), which poppler would
        // then read apart from the word beside it.
        let g = &line.runs[i].glyphs[k];
        let word_on_right = |i2: usize, k2: usize| {
            let g2 = &line.runs[i2].glyphs[k2];
            line_rtl
                && !line.runs[i2].rtl
                && t.starts_with([RLM, LRM])
                && (g2.x - (g.x + g.advance)).abs() < 0.5
                && texts[starts[i2] + k2].starts_with(|c: char| c.is_alphabetic())
        };
        let next = sequence
            .get(at + 1)
            .filter(|&&(i2, k2)| {
                line.runs[i].rtl
                    && (line.runs[i2].rtl
                        || starts_number(i2, &texts[starts[i2] + k2])
                        || word_on_right(i2, k2))
            })
            .map(|&(i2, k2)| (i2, texts[starts[i2] + k2].as_str()));
        let takes_marks = |(i2, n): (usize, &str)| {
            starts_number(i2, n)
                || !line.runs[i2].rtl
                || n.chars().all(char::is_whitespace)
                // The letter, not a haraka stored before it (`ًا` of `جداً»`).
                || n.chars()
                    .find(|&c| c.is_alphabetic() && !is_combining_mark(c))
                    .is_some_and(Direction::is_rtl_letter)
        };
        // The word on the right written further on (its words go in text order, see
        // `stream_order`): the marks go to its first letter all the same, below.
        let right_of = |g: &Glyph| {
            sequence.iter().position(|&(i2, k2)| {
                let g2 = &line.runs[i2].glyphs[k2];
                line.runs[i2].rtl
                    && (g2.x - (g.x + g.advance)).abs() < 0.5
                    && texts[starts[i2] + k2]
                        .chars()
                        .any(|c| c.is_alphabetic() || !c.is_whitespace() && !is_bidi_control(c))
            })
        };
        let word_elsewhere = || {
            sequence
                .iter()
                .position(|&(i2, k2)| line.runs[i].rtl && word_on_right(i2, k2))
        };
        match (readers::pdfjs::dropped_tail(t), next) {
            (Some(cut), Some(n)) if takes_marks(n) => {
                w.push_str(&t[..cut]);
                carried.push_str(&t[cut..]);
            }
            (Some(cut), _) => match word_elsewhere() {
                Some(to) => {
                    w.push_str(&t[..cut]);
                    moved_marks.push((to, t[cut..].to_owned()));
                }
                // No glyph after it takes them (the `,` that ends `KUNA, خلال` on the
                // line's left): they go before its own text, which pdf.js then keeps. Not
                // a bracket's, wrapped for PDFium (see [`wrap_mirrored`]), which needs its
                // marks on both sides.
                None if cut > 0 && !t[..cut].contains([RLM, LRM]) => {
                    w.push_str(&t[cut..]);
                    w.push_str(&t[..cut]);
                }
                // A bracket wrapped for PDFium whose marks the glyph after it in the stream
                // does not take (the `)` of `(الأعضاء؛) NATO`, the Latin word written next):
                // they go to the glyph drawn on its right, where PDFium and poppler read them
                // all the same.
                None => match right_of(g) {
                    Some(to) if line.runs[i].rtl && t[..cut].contains([RLM, LRM]) => {
                        w.push_str(&t[..cut]);
                        moved_marks.push((to, t[cut..].to_owned()));
                    }
                    _ => w.push_str(t),
                },
            },
            _ => w.push_str(t),
        }
    }
    for (to, marks) in moved_marks.drain(..) {
        written[to].insert_str(0, &marks);
    }
    // pdf.js drops a space that ends a piece of text: it notes it, to write before the next
    // character of the piece, and there is none. In right-to-left text that is the space on
    // the right of a stretch (before a bracket or a number of another face, `باشند) حق`): it
    // goes into the text of the letter on its left, which pdf.js keeps whole.
    for &(start, end, _) in stretches.iter() {
        if end - start < 2 {
            continue;
        }
        let (last, before) = (end - 1, end - 2);
        let rtl = |at: usize| line.runs[sequence[at].0].rtl;
        if rtl(last)
            && rtl(before)
            && readers::pdfjs::is_whitespace(&written[last])
            && matches!(
                readers::pdfjs::glyph_kind(&written[before]),
                readers::pdfjs::GlyphKind::Normal | readers::pdfjs::GlyphKind::ZeroWidth
            )
            && written[before]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace())
        {
            let space = std::mem::take(&mut written[last]);
            written[before].push_str(&space);
        }
    }
    // PDFium reads a stretch under an `/ActualText` by that text, not by its glyphs': the
    // marks that keep PDFium from mirroring a bracket there (see [`wrap_mirrored`]) would only
    // cut the right-to-left text apart for poppler, which would then read its words left to
    // right, and for pdf.js, which drops a glyph whose text ends with one.
    for &(first, end, _) in actual_spans {
        for w in &mut written[first..end] {
            if w.contains([RLM, LRM]) {
                w.retain(|c| c != RLM && c != LRM);
            }
        }
    }
    // The stretches of a line pdf.js reads right to left go in the order of their text, so
    // each steps back from the one before, where pdf.js forgets a space noted before the
    // next character (see `readers::pdfjs`): a right-to-left stretch that starts (on its
    // left, where its text ends) with a space keeps it as text, after an ARABIC LETTER MARK.
    if line_rtl {
        for &(start, end, _) in stretches.iter() {
            // A space alone in a stretch (in the Latin face, between `،` and a Latin word)
            // is lost the same way.
            if (end - start == 1 || line.runs[sequence[start].0].rtl)
                && readers::pdfjs::is_whitespace(&written[start])
            {
                written[start].insert(0, ALM);
            }
        }
    }
}

/// `sequence`'s indexes into `visual`, by where the glyphs are drawn, left to right.
fn visual_order(visual: &mut Vec<usize>, sequence: &[(usize, usize)], line: &Line) {
    visual.clear();
    visual.extend(0..sequence.len());
    let x = |at: usize| {
        let (i, k) = sequence[at];
        line.runs[i].glyphs[k].x
    };
    visual.sort_by(|&a, &b| x(a).total_cmp(&x(b)));
}

/// The first of the left-to-right runs around left-to-right run `i`: what names the stretch
/// poppler reads them as.
fn ltr_group_start(line: &Line, i: usize) -> usize {
    (0..i)
        .rev()
        .take_while(|&r| !line.runs[r].rtl)
        .last()
        .unwrap_or(i)
}

/// Poppler's right-to-left stops (see `readers::poppler`), into `written`.
fn poppler_stops(
    written: &mut [String],
    visual: &mut Vec<usize>,
    stops: &mut Vec<(usize, usize)>,
    sequence: &[(usize, usize)],
    line: &Line,
) {
    // Poppler, on a right-to-left page, takes the neutrals left of a number or a Latin word
    // into it, and a number into the Arabic-number punctuation on its left (`20 %في`,
    // `توقیف ،حبس`): a right-to-left character goes where a stretch would run on (see
    // `readers::poppler`). ALM, as it does not end a glyph's text, which pdf.js would drop.
    visual_order(visual, sequence, line);
    stops.clear();
    let mut finder = readers::poppler::StopFinder::default();
    for &at in visual.iter() {
        let (i, _) = sequence[at];
        // The characters of one left-to-right run (with the left-to-right runs beside it)
        // are one stretch; each right-to-left glyph is one of its own.
        let stretch = if line.runs[i].rtl {
            usize::MAX - at
        } else {
            ltr_group_start(line, i)
        };
        let w = &written[at];
        if w.is_empty() {
            continue;
        }
        if w.chars().all(char::is_whitespace) {
            finder.push(None, stretch);
            continue;
        }
        for (b, c) in w.char_indices() {
            if finder.push(Some(c), stretch) {
                stops.push((at, b));
            }
        }
    }
    for &(at, b) in stops.iter().rev() {
        written[at].insert(b, ALM);
    }
    // Reading from the right end, poppler's right-to-left section also takes the neutrals on
    // the right edge of a left-to-right stretch (the `)` of `Reuters (20)` at the end of an
    // Arabic line, which it would put before `Reuters`): a LEFT-TO-RIGHT MARK right of them
    // stops it there, at the start of the next glyph's text (pdf.js keeps a mark there).
    let stretch_of = |at: usize| {
        let (i, _) = sequence[at];
        (!line.runs[i].rtl).then(|| ltr_group_start(line, i))
    };
    let mut open: Option<(usize, bool)> = None;
    let mut marked = Vec::new();
    for &at in visual.iter() {
        let w = &written[at];
        if w.is_empty() {
            continue;
        }
        let stretch = stretch_of(at);
        let space = w.chars().all(char::is_whitespace);
        if let Some((s, true)) = open {
            if space || stretch != Some(s) {
                marked.push(at);
                open = None;
            }
        }
        match stretch {
            Some(s) if !space => {
                let mut state = open.filter(|o| o.0 == s).map(|o| o.1);
                for c in w.chars() {
                    match readers::poppler::poppler_type(c) {
                        readers::poppler::PopplerType::Left
                        | readers::poppler::PopplerType::Number => state = Some(false),
                        readers::poppler::PopplerType::Neutral if state.is_some() => {
                            state = Some(true)
                        }
                        _ => {}
                    }
                }
                open = state.map(|t| (s, t));
            }
            Some(_) => {}
            None => open = None,
        }
    }
    for at in marked {
        written[at].insert(0, LRM);
    }
}

/// Poppler's stops on a left-to-right page (see `readers::poppler`), into `written`: reading
/// left to right, its right-to-left section takes the neutrals after an Arabic word up to the
/// next Latin letter or number, so the space or quotation mark after a name would go before
/// it (`from  وزارة الخارجيةsaid`). A LEFT-TO-RIGHT MARK right after the word's last letter
/// stops the section there; it goes at the start of the next glyph's text when the letter
/// ends its own (pdf.js drops a glyph whose text ends with a mark), when that glyph is not of
/// the Arabic run, and only on a line PDFium reads left to right too, whose count of
/// stretches it cannot change.
fn poppler_ltr_stops(
    written: &mut [String],
    visual: &mut Vec<usize>,
    stops: &mut Vec<(usize, usize)>,
    sequence: &[(usize, usize)],
    stretches: &[(usize, usize, usize)],
    line: &Line,
) {
    use readers::poppler::{poppler_type, PopplerType};
    visual_order(visual, sequence, line);
    stops.clear();
    // Where a mark would go (glyph, byte) after the last right-to-left character, and whether
    // neutrals have come since.
    let mut after_right: Option<(usize, usize)> = None;
    let mut neutrals = false;
    let mut pending_end = false;
    // For a stop at the start of a glyph: (that glyph, the glyph of the letter before it).
    let mut last_right: Vec<(usize, usize)> = Vec::new();
    let mut right_glyph = 0;
    for &at in visual.iter() {
        let w = &written[at];
        if w.is_empty() {
            continue;
        }
        if pending_end {
            // The last right-to-left character ended the glyph before: the mark goes at the
            // start of this one.
            after_right = Some((at, 0));
            last_right.push((at, right_glyph));
            pending_end = false;
        }
        for (b, c) in w.char_indices() {
            match poppler_type(c) {
                PopplerType::Right => {
                    let end = b + c.len_utf8();
                    if end == w.len() {
                        after_right = None;
                        pending_end = true;
                        right_glyph = at;
                    } else {
                        after_right = Some((at, end));
                    }
                    neutrals = false;
                }
                PopplerType::Neutral => neutrals = true,
                PopplerType::Left | PopplerType::Number => {
                    if neutrals {
                        if let Some(stop) = after_right {
                            stops.push(stop);
                        }
                    }
                    after_right = None;
                    pending_end = false;
                    neutrals = false;
                }
            }
        }
    }
    // Neutrals that end the line after an Arabic word (a closing quotation mark) stop too.
    if neutrals {
        if let Some(stop) = after_right {
            stops.push(stop);
        }
    }
    // Not into a glyph of the Arabic letter's face (a space shaped with it), which pdf.js
    // would read as text of the Arabic's piece and its bidi pass put at the piece's start;
    // unless it is a space that is a stretch of its own, which then goes under the font's
    // second name (see [`write_line`]), where pdf.js starts a piece of text of its own.
    let face = |at: usize| line.runs[sequence[at].0].face;
    let own_space = |at: usize| {
        written[at].chars().all(char::is_whitespace)
            && stretches.iter().any(|&(s, e, _)| s == at && e == at + 1)
    };
    stops.retain(|&(at, b)| {
        b > 0
            || own_space(at)
            || last_right
                .iter()
                .all(|&(to, from)| to != at || face(from) != face(at))
    });
    for &(at, b) in stops.iter().rev() {
        written[at].insert(b, LRM);
    }
}

/// Write the stretches into `text`.
#[allow(clippy::too_many_arguments)]
fn write_line(
    placing: &Placing<'_>,
    written_stretches: &mut Vec<(usize, usize, bool)>,
    stretches: &[(usize, usize, usize)],
    sequence: &[(usize, usize)],
    written: &[String],
    moved_to: &[(usize, f32)],
    (actual_spans, actual): (&[ActualSpan], &str),
    line_rtl: bool,
    (text, marking): (&mut Content, &mut Marking),
    marks: &mut Content,
    fonts: &mut [EmbeddedFont],
) -> Result<(), ExportError> {
    let &Placing {
        line,
        left,
        top,
        color,
        ..
    } = placing;
    // pdf.js places a glyph whose text holds a combining mark without looking at where it is
    // drawn (see `readers::pdfjs`), so it cannot start a piece of text, nor a line: a
    // right-to-left stretch whose left end is such glyphs (vocalised text: `رَفُوٓاْۚ` at the left
    // of a Qur'anic line) would have them joined to the text before it, the line before
    // included. They go after the rest of the stretch, under the font's second name, which
    // makes pdf.js start a piece of text of their own; PDFium and poppler read by position.
    written_stretches.clear();
    for &(start, end, _) in stretches.iter() {
        let lead_marked = line_rtl
            && line.runs[sequence[start].0].rtl
            && readers::pdfjs::is_zero_width(&written[start]);
        let first_placed = (start..end).find(|&at| {
            !written[at].is_empty()
                && readers::pdfjs::glyph_kind(&written[at]) == readers::pdfjs::GlyphKind::Normal
        });
        match first_placed {
            Some(f) if lead_marked && f > start => {
                written_stretches.push((f, end, false));
                written_stretches.push((start, f, true));
            }
            // A space with poppler's stop after an Arabic word in a left-to-right line (see
            // [`poppler_ltr_stops`]), in the Arabic's face: a piece of pdf.js text of its own.
            _ => {
                let stop_space = !line_rtl
                    && end == start + 1
                    && written[start]
                        .strip_prefix(LRM)
                        .is_some_and(|t| !t.is_empty() && t.chars().all(char::is_whitespace));
                written_stretches.push((start, end, stop_space));
            }
        }
    }
    // An `/ActualText` opens at the first stretch of its span and lasts over the stretches
    // that follow within it (a Latin name and a number in two faces), when they cover it in
    // order: PDFium reads the first by the text and skips the others of the sequence.
    let mut open_span: Option<(usize, usize)> = None;
    for (n, &(start, end, alias)) in written_stretches.iter().enumerate() {
        text.end_object();
        let within_open = open_span.is_some_and(|(s, e)| s <= start && end <= e);
        if !within_open {
            open_span = None;
            let span = actual_spans
                .iter()
                .find(|s| s.0 == start && tiles(&written_stretches[n..], s.0, s.1));
            if let Some(s) = span {
                if let Some(t) = actual.get(s.2.clone()) {
                    marking.actual_text(text, t);
                    open_span = Some((s.0, s.1));
                }
            }
        }
        let span = open_span;
        let face = line.runs[sequence[start].0].face;
        for at in start..end {
            let (i, k) = sequence[at];
            let run = &line.runs[i];
            let (g, t) = (&run.glyphs[k], written[at].as_str());
            if t.is_empty() {
                marks.glyph(fonts, &placed(run, g, "", left, top), color)?;
                continue;
            }
            let mut glyph = placed(run, g, t, left, top);
            // A space joined to a bracket's stretch of another face (see
            // [`keep_spaces_before_brackets`]) is drawn with that face's space: it inks
            // nothing either way, and one text object holds both.
            if run.face != face && t.chars().all(|c| c.is_whitespace() || is_bidi_control(c)) {
                if let Some(gid) = crate::text::nominal_glyph(face, ' ') {
                    glyph.font = face_index(face);
                    glyph.gid = gid;
                }
            }
            if let Some(&(_, x)) = moved_to.iter().find(|&&(m, _)| m == at) {
                glyph.x = left + x;
            }
            glyph.alias = alias;
            if span.is_none() {
                marking.plain(text);
            }
            // pdf.js measures the gap before a glyph from the last glyph it gave a width,
            // and gives none to a glyph whose text holds a combining mark: after a space such
            // a glyph would get a second, made-up space. The space then advances pdf.js's
            // pen by nothing (word spacing applies to its text's space only in pdf.js; our
            // two-byte codes are never the one-byte space the other readers apply it to).
            let cancel = readers::pdfjs::is_whitespace(t)
                && written[at + 1..end]
                    .first()
                    .is_some_and(|n| readers::pdfjs::is_zero_width(n));
            text.glyph_spaced(fonts, &glyph, color, cancel)?;
        }
    }
    text.end_object();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Align, BaseDirection, TextEngine, TextStyle};

    /// `text` laid out on one line in the given direction.
    fn laid(text: &str, dir: BaseDirection) -> Laid {
        let mut engine = TextEngine::new();
        let para = engine.shape_and_layout(text, &TextStyle::default(), dir, 2000.0, Align::Start);
        Laid::new(para)
    }

    /// [`glyph_texts`] of the first line of `para`: the scratch holding them, and how many.
    fn glyph_texts_of(para: &Laid) -> (Scratch, usize) {
        let mut s = Scratch::default();
        let total = glyph_texts(
            &mut s.texts,
            &mut s.starts,
            &mut s.order,
            &mut s.owner_of_end,
            &mut s.moved,
            &mut s.stored,
            para.text(),
            &para.lines()[0],
        );
        (s, total)
    }

    /// The passes of [`paint_line_with`] up to the text of each glyph: the line's stretches in
    /// stream order, each as its glyphs' written texts.
    fn stretches_of(para: &Laid) -> Vec<Vec<String>> {
        passes(para).into_iter().map(|(s, _)| s).collect()
    }

    /// [`stretches_of`], each stretch with the `/ActualText` PDFium is to read it by, if any.
    fn passes(para: &Laid) -> Vec<(Vec<String>, Option<String>)> {
        let line = &para.lines()[0];
        let source = para.text();
        let (mut s, total) = glyph_texts_of(para);
        let texts = &mut s.texts[..total];
        let (has_rtl, line_rtl, mut marked_spaces) =
            pdfium_direction(texts, &s.starts, line, para.is_rtl());
        keep_spaces_between_pieces(texts, &s.starts, line, line_rtl, has_rtl);
        wrap_mirrored(
            texts,
            &s.starts,
            line,
            (line_rtl, para.is_rtl()),
            has_rtl,
            &mut marked_spaces,
        );
        let texts = &*texts;
        let placing = Placing {
            line,
            texts,
            starts: &s.starts,
            left: 0.0,
            top: 0.0,
            color: Rgb(0.0, 0.0, 0.0),
        };
        let mut marks = Content::default();
        let mut fonts: Vec<EmbeddedFont> = FontFace::ALL
            .iter()
            .enumerate()
            .map(|(i, f)| {
                EmbeddedFont::new(super::super::draw::font_name(*f), f.data(), format!("F{i}"))
                    .expect("font")
            })
            .collect();
        stream_order(
            &placing,
            &mut Ordering {
                sequence: &mut s.sequence,
                cuts: &mut s.cuts,
                moved_to: &mut s.moved_to,
                glyphs_order: &mut s.glyphs_order,
                pieces: &mut s.pieces,
                actual_spans: &mut s.actual_spans,
                actual: &mut s.actual,
                marked_spaces,
            },
            source,
            line_rtl,
            &mut marks,
            &mut fonts,
        )
        .expect("order");
        cut_stretches(
            &mut s.stretches,
            &s.sequence,
            &s.cuts,
            &s.actual_spans,
            line,
            line_rtl,
            source,
        );
        pdfjs_texts(
            &mut s.written,
            &mut s.carried,
            &s.sequence,
            texts,
            &s.starts,
            &s.stretches,
            &s.actual_spans,
            line,
            line_rtl,
            source,
        );
        if line_rtl {
            keep_spaces_before_brackets(
                &s.sequence,
                &mut s.written,
                &mut s.stretches,
                &s.actual_spans,
                &s.moved_to,
                line,
            );
        }
        rtl_pieces_for_pdfjs(
            &mut s.written,
            &s.stretches,
            &s.sequence,
            line,
            para.is_rtl(),
        );
        s.stretches
            .iter()
            .map(|&(start, end, _)| {
                let actual = s
                    .actual_spans
                    .iter()
                    .find(|a| a.0 == start && a.1 == end)
                    .map(|a| s.actual[a.2.clone()].to_owned());
                (s.written[start..end].to_vec(), actual)
            })
            .collect()
    }

    /// What PDFium reads from an `/ActualText` over a right-to-left text object (see
    /// `readers::pdfium`).
    fn pdfium_reads(actual: &str) -> String {
        actual.chars().rev().map(readers::pdfium::mirror).collect()
    }

    #[test]
    fn an_arabic_name_in_an_english_line_is_drawn_in_visual_order_and_read_by_pdfium_whole() {
        for (line, name) in [
            ("Sheikh Jarrah Al-Jaber (جراح الجابر) said", "جراح الجابر"),
            ("the centre «المركز الإقليمي» trained", "المركز الإقليمي"),
            (
                "the Gulf states (دول «الخليج» العربية) have",
                "دول «الخليج» العربية",
            ),
        ] {
            let para = laid(line, BaseDirection::Ltr);
            let spans: Vec<(Vec<String>, String)> = passes(&para)
                .into_iter()
                .filter_map(|(s, a)| a.map(|a| (s, a)))
                .collect();
            assert_eq!(
                spans.len(),
                1,
                "{line}: one stretch read by its /ActualText"
            );
            let (glyphs, actual) = &spans[0];
            assert_eq!(pdfium_reads(actual), name, "{line}");
            // Drawn left to right: the stored texts (each right-to-left glyph's reversed)
            // read backwards give the name, as pdf.js and poppler read them.
            let drawn: String = without_marks(&glyphs.concat()).chars().rev().collect();
            assert_eq!(drawn, name, "{line}");
        }
        // One word needs none: PDFium reads it right as drawn.
        let para = laid("Sheikh Jarrah (جراح) said", BaseDirection::Ltr);
        assert!(passes(&para).iter().all(|(_, a)| a.is_none()));
        // Nor an Arabic line, whose words PDFium reads in order.
        let para = laid("قال الشيخ جراح الجابر إن", BaseDirection::Rtl);
        assert!(passes(&para).iter().all(|(_, a)| a.is_none()));
    }

    #[test]
    fn a_long_arabic_name_in_an_english_line_has_pdfium_read_the_line_left_to_right() {
        // Five Arabic words against four English ones: PDFium would read the line right to
        // left, so LEFT-TO-RIGHT MARKs after the name's spaces in its /ActualText tip it back.
        let line = "Minister «أحمد عبد الله الأحمد الصباح» spoke first";
        let name = "أحمد عبد الله الأحمد الصباح";
        let para = laid(line, BaseDirection::Ltr);
        let spans: Vec<String> = passes(&para).into_iter().filter_map(|(_, a)| a).collect();
        assert_eq!(spans.len(), 1, "{spans:?}");
        let read = pdfium_reads(&spans[0]);
        assert!(read.contains('\u{200E}'), "{read:?}");
        assert_eq!(without_marks(&read), name);
    }

    #[test]
    fn a_letter_drawn_with_no_width_after_a_space_gives_its_text_to_the_letter_before_it() {
        // Noto Naskh Arabic draws lam-alef as a lam glyph carrying the width and an alef of
        // none; pdf.js would put a space before the lam of the word-final `لا` in `لكيلا`.
        // Inside `السلام` the alef follows the mim's ink and keeps its text.
        let para = laid("لكيلا يضطر السلام", BaseDirection::Rtl);
        let line = &para.lines()[0];
        let (s, total) = glyph_texts_of(&para);
        let glyphs: Vec<&Glyph> = line.runs.iter().flat_map(|r| &r.glyphs).collect();
        assert_eq!(glyphs.len(), total);
        let is_letter = |g: &Glyph| {
            let t = &para.text()[g.text_range.clone()];
            !t.is_empty() && !t.chars().all(is_combining_mark)
        };
        let mut letters_of_no_width: Vec<&str> = glyphs
            .iter()
            .zip(&s.texts[..total])
            .filter(|(g, _)| g.advance.abs() < 1e-3 && is_letter(g))
            .map(|(_, t)| t.as_str())
            .collect();
        letters_of_no_width.sort();
        assert_eq!(
            letters_of_no_width,
            ["", "\u{0627}"],
            "the font draws lam-alef so"
        );
        // Stored reversed, as every right-to-left glyph's text.
        assert!(s.texts[..total].iter().any(|t| t == "\u{0627}\u{0644}"));
        let letters = s.texts[..total].concat();
        assert_eq!(letters.chars().filter(|c| c.is_alphabetic()).count(), 15);
    }

    fn without_marks(t: &str) -> String {
        t.chars()
            .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}'))
            .collect()
    }

    #[test]
    fn a_latin_name_in_an_arabic_line_is_one_piece_pdfium_reads_by_its_words_last_first() {
        // More Arabic stretches than Latin ones: PDFium reads the line right to left, and so
        // takes its pieces last first.
        let para = laid(
            "قال نائب الأمين Xavier Colomina، إن الشراكة",
            BaseDirection::Rtl,
        );
        let latin: Vec<(String, Option<String>)> = passes(&para)
            .into_iter()
            .map(|(s, actual)| (without_marks(&s.concat()), actual))
            .filter(|(s, _)| s.chars().any(|c| c.is_ascii_alphabetic()))
            .collect();
        // One piece of text, in visual order, as pdf.js and poppler read it; PDFium reads it
        // by its words last first, which its reading puts back in order. No glyph is drawn
        // away from its place, so PDFium adds no space of its own before the `،`.
        assert_eq!(
            latin,
            [(
                "Xavier Colomina".to_owned(),
                Some("Colomina Xavier".to_owned())
            )]
        );
    }

    #[test]
    fn a_latin_name_and_number_pdfium_takes_as_right_to_left_has_its_actual_text_reversed() {
        // The `A` of `A1` carries an ARABIC LETTER MARK (poppler's), so PDFium takes the
        // object as right to left and gives its `/ActualText` back reversed and mirrored.
        let mut spans: Vec<ActualSpan> = vec![(0, 2, 0..2), (2, 4, 2..4)];
        let mut actual = "1A(B".to_owned();
        let written: Vec<String> = ["\u{061C}A", "1", "B", "("]
            .iter()
            .map(|t| t.to_string())
            .collect();
        settle_ltr_actual_texts(&mut spans, &mut actual, &written, |_| FontFace::ALL[0]);
        assert_eq!(&actual[spans[0].2.clone()], "A1");
        assert_eq!(&actual[spans[1].2.clone()], "(B");
    }

    #[test]
    fn a_number_in_two_faces_keeps_its_place_in_an_arabic_line() {
        let para = laid("في 29/11/2025 وقال", BaseDirection::Rtl);
        let stream: String = stretches_of(&para)
            .iter()
            .filter(|s| s.concat().chars().any(|c| c.is_ascii_digit() || c == '/'))
            .map(|s| without_marks(&s.concat()))
            .collect();
        assert!(stream.contains("29/11/2025"), "{stream:?}");
    }

    #[test]
    fn brackets_of_a_latin_run_in_an_english_line_end_with_no_format_character() {
        let para = laid("Al-Jaber (جراح الجابر) said", BaseDirection::Ltr);
        for text in stretches_of(&para).concat() {
            if text.contains(['(', ')']) {
                // pdf.js drops a glyph whose text ends with a format character.
                assert!(
                    readers::pdfjs::glyph_kind(&text) != readers::pdfjs::GlyphKind::Dropped,
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn a_space_between_a_number_and_a_bracket_is_drawn_with_the_number() {
        for (text, number) in [
            ("عن 10-12 (العاصمة) اليوم", "12"),
            ("أن 1,250 (المحادثات) الخارجية", "1,250"),
            ("القرار رقم 2231 (2015) بشأن", "2231"),
        ] {
            let stretches = stretches_of(&laid(text, BaseDirection::Rtl));
            let pieces: Vec<String> = stretches.iter().map(|s| s.concat()).collect();
            // No text object holds a space alone, which PDFium would drop with its marks.
            assert!(
                pieces.iter().all(|p| !without_marks(p).trim().is_empty()),
                "{text}: {pieces:?}"
            );
            // The space is the left end of the number's piece, which pdf.js takes right to
            // left, so that the space comes after the number.
            let piece = pieces
                .iter()
                .find(|p| without_marks(p).starts_with(&format!(" {number}")))
                .unwrap_or_else(|| panic!("{text}: {pieces:?}"));
            assert!(readers::pdfjs::item_reads_rtl(piece), "{piece:?}");
        }
    }

    #[test]
    fn a_bracket_and_space_of_a_right_to_left_run_are_a_piece_pdfjs_reverses() {
        for (text, dir) in [
            ("زار رئيس الوزراء KUNA (١٢)", BaseDirection::Rtl),
            ("התוכנית (G7) אושרה אתמול", BaseDirection::Rtl),
        ] {
            let stretches = stretches_of(&laid(text, dir));
            let piece = stretches
                .iter()
                .map(|s| s.concat())
                .find(|p| {
                    let bare = without_marks(p);
                    bare.contains(['(', ')']) && bare.contains(' ') && bare.chars().count() == 2
                })
                .unwrap_or_else(|| panic!("{text}: {stretches:?}"));
            assert!(readers::pdfjs::item_reads_rtl(&piece), "{text}: {piece:?}");
        }
    }

    #[test]
    fn a_number_and_a_short_word_ending_an_arabic_line_are_a_piece_pdfjs_reverses() {
        let text = "سينمو الاقتصاد بنسبة 3.5% في 2025";
        let stretches = stretches_of(&laid(text, BaseDirection::Rtl));
        let piece = stretches
            .iter()
            .map(|s| s.concat())
            .find(|p| without_marks(p).contains("2025"))
            .unwrap_or_else(|| panic!("{stretches:?}"));
        assert!(without_marks(&piece).contains("ي"), "{piece:?}");
        assert!(readers::pdfjs::item_reads_rtl(&piece), "{piece:?}");
    }

    #[test]
    fn a_closing_guillemet_left_of_a_letter_with_tanween_keeps_its_text_for_pdfjs() {
        // The bracket's marks go to the start of the letter on its left, whose text starts
        // with its haraka (stored reversed): pdf.js would otherwise drop the guillemet and
        // take the letter as the start of the piece, joining it to the text before.
        let stretches = stretches_of(&laid("وأضاف أن الوضع «خطير جداً»", BaseDirection::Rtl));
        for t in stretches.iter().flatten() {
            assert_ne!(
                readers::pdfjs::glyph_kind(t),
                readers::pdfjs::GlyphKind::Dropped,
                "{t:?} in {stretches:?}"
            );
        }
    }

    #[test]
    fn brackets_are_wrapped_for_pdfium_with_letter_marks_in_latin_names_to_keep_the_majority() {
        for text in [
            "في مدينة New Delhi (الهند) يومي",
            "الأوروبي Kuwait City أن، (الأعضاء؛) NATO وخبراء، الأوروبي Jens Stoltenberg الأسبوع",
        ] {
            let passes = passes(&laid(text, BaseDirection::Rtl));
            let glyphs: Vec<&String> = passes.iter().flat_map(|(s, _)| s).collect();
            // Both brackets between marks that keep PDFium from mirroring them.
            for bracket in ['(', ')'] {
                let at = glyphs
                    .iter()
                    .position(|t| t.contains(bracket))
                    .unwrap_or_else(|| panic!("{text}: {glyphs:?}"));
                assert!(glyphs[at].contains(LRM), "{text}: {:?}", glyphs[at]);
            }
            // The majority made up by ARABIC LETTER MARKs in a Latin name's /ActualText.
            assert!(
                passes
                    .iter()
                    .any(|(_, a)| a.as_ref().is_some_and(|a| a.contains(ALM))),
                "{text}: {passes:?}"
            );
            // No glyph pdf.js would drop for ending with a mark.
            for t in &glyphs {
                assert_ne!(
                    readers::pdfjs::glyph_kind(t),
                    readers::pdfjs::GlyphKind::Dropped,
                    "{text}: {t:?}"
                );
            }
        }
    }

    #[test]
    fn a_space_between_a_latin_name_and_a_bracket_goes_with_the_bracket() {
        let text = "في مدينة New Delhi (الهند) يومي";
        let stretches = stretches_of(&laid(text, BaseDirection::Rtl));
        let pieces: Vec<String> = stretches.iter().map(|s| s.concat()).collect();
        // No text object holds a space alone, which PDFium would drop with its marks.
        assert!(
            pieces.iter().all(|p| !without_marks(p).trim().is_empty()),
            "{pieces:?}"
        );
        let piece = pieces
            .iter()
            .find(|p| without_marks(p) == "( ")
            .unwrap_or_else(|| panic!("{pieces:?}"));
        assert!(readers::pdfjs::item_reads_rtl(piece), "{piece:?}");
    }
}
