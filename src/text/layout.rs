//! Shaping and line breaking on parley, and the conversion of parley's layout into our own
//! lines, runs and glyphs with exact source ranges.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use parley::fontique::{Blob, Collection, CollectionOptions, SourceCache};
use parley::{
    Alignment, AlignmentOptions, FontContext, FontFamily, FontStyle, FontWeight, LayoutContext,
    LineHeight, StyleProperty,
};

use super::fonts::{nominal_glyph, FontFace, GlyphClass};
use super::{Align, BaseDirection, Glyph, GlyphRun, Line, TextCluster, TextStyle, Weight};

/// Font stack for Arabic-script text (and the default): Noto Naskh Arabic, then Noto Sans for
/// what Naskh lacks.
const ARABIC_STACK: &str = "\"Noto Naskh Arabic\", \"Noto Sans\"";
/// Font stack for stretches of non-Arabic script (Latin names, ...): Noto Sans first, so their
/// spaces and punctuation match their letters.
const LATIN_STACK: &str = "\"Noto Sans\", \"Noto Naskh Arabic\"";

/// Widths at or above this are treated as "no wrapping".
const MAX_WIDTH: f32 = 1.0e7;

/// Shapes paragraphs with the bundled fonts only. One per thread (it is `Send`, not shared):
/// it owns parley's font and layout contexts and reuses their scratch space between paragraphs.
pub struct TextEngine {
    fcx: FontContext,
    lcx: LayoutContext<()>,
}

impl Default for TextEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl TextEngine {
    /// An engine that knows exactly the five bundled faces and no system font.
    pub fn new() -> Self {
        let mut collection = Collection::new(CollectionOptions {
            shared: false,
            system_fonts: false,
        });
        for face in FontFace::ALL {
            collection.register_fonts(Blob::new(Arc::new(face.data())), None);
        }
        TextEngine {
            fcx: FontContext {
                collection,
                source_cache: SourceCache::default(),
            },
            lcx: LayoutContext::new(),
        }
    }

    /// Shapes once; the result can be re-broken at any width without reshaping. The returned
    /// paragraph is laid out on one line per hard break (no wrapping), start-aligned.
    pub fn shape(&mut self, text: &str, style: &TextStyle, dir: BaseDirection) -> Paragraph {
        self.shape_and_layout(text, style, dir, f32::INFINITY, Align::Start)
    }

    /// [`TextEngine::shape`] followed by [`Paragraph::layout`]: the convenient path when the
    /// width is known up front.
    pub fn shape_and_layout(
        &mut self,
        text: &str,
        style: &TextStyle,
        dir: BaseDirection,
        max_width: f32,
        align: Align,
    ) -> Paragraph {
        let style = style.sanitized();
        let mut builder = self.lcx.ranged_builder(&mut self.fcx, text, 1.0, false);
        builder.set_base_direction(match dir {
            BaseDirection::Auto => parley::BaseDirection::Auto,
            BaseDirection::Ltr => parley::BaseDirection::Ltr,
            BaseDirection::Rtl => parley::BaseDirection::Rtl,
        });
        builder.push_default(StyleProperty::FontFamily(FontFamily::Source(
            Cow::Borrowed(ARABIC_STACK),
        )));
        for range in non_arabic_ranges(text) {
            builder.push(
                StyleProperty::FontFamily(FontFamily::Source(Cow::Borrowed(LATIN_STACK))),
                range,
            );
        }
        builder.push_default(StyleProperty::FontSize(style.size));
        builder.push_default(StyleProperty::LineHeight(LineHeight::FontSizeRelative(
            style.line_height,
        )));
        builder.push_default(StyleProperty::FontWeight(match style.weight {
            Weight::Regular => FontWeight::NORMAL,
            Weight::Bold => FontWeight::BOLD,
        }));
        if style.italic {
            builder.push_default(StyleProperty::FontStyle(FontStyle::Italic));
        }
        let layout = builder.build(text);
        let mut para = Paragraph {
            text: text.to_owned(),
            layout,
            lines: Vec::new(),
            atoms: AtomTable::default(),
            atoms_pending: false,
        };
        if (max_width.is_nan() || max_width >= MAX_WIDTH) && align == Align::Start {
            // The first layout walks parley's clusters to record the atom table; doing it
            // unwrapped (one line per hard break) is the cheapest walk.
            para.layout(f32::INFINITY, Align::Start);
        } else {
            // Most paragraphs are laid out once, at this width: one walk of parley's clusters
            // at the final width gives the lines; the atom table is recorded (unwrapped, as
            // above) only if the paragraph is ever laid out again.
            para.break_and_align(max_width, align);
            build_lines(&para.text, &para.layout, &mut para.lines, None);
            para.atoms_pending = true;
        }
        para
    }
}

/// A shaped paragraph: the text, parley's layout and the lines of the last [`Paragraph::layout`].
/// Invariant: `lines()` always describes the current break width and alignment.
pub struct Paragraph {
    text: String,
    layout: parley::Layout<()>,
    lines: Vec<Line>,
    /// Width-independent split of the text into atoms and glyph ranges, recorded on the first
    /// layout so re-layouts skip parley's per-cluster walk.
    atoms: AtomTable,
    /// The lines were built without recording the atom table: the next layout records it.
    atoms_pending: bool,
}

/// Every atom of the paragraph in logical order with its glyph count and glyph ranges.
#[derive(Default)]
struct AtomTable {
    atoms: Vec<AtomInfo>,
    /// Glyph source ranges, per atom in visual order, indexed by `AtomInfo::ranges_start`.
    ranges: Vec<Range<usize>>,
}

struct AtomInfo {
    range: Range<usize>,
    glyph_count: usize,
    ranges_start: usize,
}

impl Paragraph {
    /// The source text, unchanged (no reordering, no presentation forms, harakat kept).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The resolved base direction: `true` for a right-to-left paragraph.
    pub fn is_rtl(&self) -> bool {
        self.layout.is_rtl()
    }

    /// Breaks lines at `max_width` and aligns them; no reshaping. Any width is accepted: NaN,
    /// infinite or huge means no wrapping, negative means 0 (one word per line).
    pub fn layout(&mut self, max_width: f32, align: Align) {
        if std::mem::take(&mut self.atoms_pending) {
            self.break_and_align(f32::INFINITY, Align::Start);
            self.lines.clear();
            self.atoms = AtomTable::default();
            build_lines(
                &self.text,
                &self.layout,
                &mut self.lines,
                Some(&mut self.atoms),
            );
            self.atoms.atoms.sort_by_key(|a| a.range.start);
        }
        self.break_and_align(max_width, align);
        self.lines.clear();
        if self.atoms.atoms.is_empty()
            || !build_lines_fast(&self.text, &self.layout, &self.atoms, &mut self.lines)
        {
            self.lines.clear();
            self.atoms = AtomTable::default();
            build_lines(
                &self.text,
                &self.layout,
                &mut self.lines,
                Some(&mut self.atoms),
            );
            self.atoms.atoms.sort_by_key(|a| a.range.start);
        }
    }

    /// Parley's line breaking and alignment at `max_width` (see [`Paragraph::layout`]).
    fn break_and_align(&mut self, max_width: f32, align: Align) {
        let width = if max_width.is_nan() || max_width >= MAX_WIDTH {
            None
        } else {
            Some(max_width.max(0.0))
        };
        self.layout.break_all_lines(width);
        self.layout.align(
            match align {
                Align::Start => Alignment::Start,
                Align::End => Alignment::End,
                Align::Center => Alignment::Center,
                Align::Justify => Alignment::Justify,
            },
            AlignmentOptions::default(),
        );
    }

    /// Width of the widest line (without hanging trailing spaces).
    pub fn width(&self) -> f32 {
        self.layout.width()
    }

    /// Total height of all lines.
    pub fn height(&self) -> f32 {
        self.layout.height()
    }

    /// Lines top to bottom, in logical order.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }
}

/// Script class of a character for font choice.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Script {
    Arabic,
    Other,
    Neutral,
}

fn script_of(c: char) -> Script {
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Script::Other
        } else {
            Script::Neutral
        };
    }
    match c {
        // Arabic-script signs, punctuation, harakat and digits are neutral.
        '\u{0600}'..='\u{061F}'
        | '\u{064B}'..='\u{066D}'
        | '\u{0670}'
        | '\u{06D4}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{06F0}'..='\u{06F9}'
        | '\u{08CA}'..='\u{08FF}'
        | '\u{FD3E}'..='\u{FD3F}' => Script::Neutral,
        '\u{0620}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{0870}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{10E60}'..='\u{10E7F}'
        | '\u{1EE00}'..='\u{1EEFF}' => Script::Arabic,
        c if c.is_alphabetic() && !is_mark(c) => Script::Other,
        _ => Script::Neutral,
    }
}

/// Byte ranges to set in the non-Arabic font stack: maximal stretches of non-Arabic letters,
/// extended over neutral characters (spaces, punctuation, digits, marks) only when the strong
/// letters on both sides are non-Arabic (a missing side counts as the other side). Neutrals
/// next to Arabic stay in the Arabic stack, so `(الناتو)` gets matching Naskh brackets.
fn non_arabic_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    if text.is_ascii() {
        // Fast path: no Arabic at all.
        if !text.is_empty() {
            out.push(0..text.len());
        }
        return out;
    }
    let mut prev_strong: Option<Script> = None;
    let mut neutral_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match script_of(c) {
            Script::Neutral => {
                neutral_start.get_or_insert(i);
            }
            strong => {
                let start = neutral_start.take().unwrap_or(i);
                let end = i + c.len_utf8();
                if strong == Script::Other {
                    // Neutrals before join this stretch unless an Arabic letter precedes them.
                    let from = if prev_strong == Some(Script::Arabic) {
                        i
                    } else {
                        start
                    };
                    match out.last_mut() {
                        Some(last) if last.end == from => last.end = end,
                        _ => out.push(from..end),
                    }
                }
                prev_strong = Some(strong);
            }
        }
    }
    if let (Some(start), Some(Script::Other)) = (neutral_start, prev_strong) {
        match out.last_mut() {
            Some(last) if last.end == start => last.end = text.len(),
            _ => out.push(start..text.len()),
        }
    }
    out
}

/// Reused buffers of [`build_lines`], so converting a line allocates only its output.
#[derive(Default)]
struct Scratch {
    /// Glyphs of the atom being gathered, visual order.
    glyphs: Vec<parley::Glyph>,
    /// Their source ranges.
    ranges: Vec<Range<usize>>,
    /// Caret units of a run after merging zero-width clusters.
    merged: Vec<TextCluster>,
    /// Working buffers of [`assign_ranges`].
    split: SplitScratch,
}

/// Reused buffers of [`assign_ranges`], so splitting a multi-glyph atom allocates nothing.
#[derive(Default)]
struct SplitScratch {
    /// Source offset and char of each char of the atom, logical order.
    chars: Vec<(usize, char)>,
    /// Logical glyph index owning each char.
    owner: Vec<Option<usize>>,
    /// Per logical glyph: already owns a mark.
    taken: Vec<bool>,
    /// Per logical glyph: GDEF mark class.
    mark_glyph: Vec<bool>,
    /// Logical indices of the non-mark glyphs.
    bases: Vec<usize>,
    /// Indices (into `chars`) of the non-mark chars.
    base_chars: Vec<usize>,
    /// Per logical glyph: first/last char index and count.
    spans: Vec<Option<(usize, usize, usize)>>,
}

/// A unit parley never splits (an "atom": one or more harfrust clusters covering whole
/// graphemes), gathered while walking a run's graphemes in visual order.
struct Atom {
    range: Range<usize>,
    x0: f32,
    advance: f32,
}

/// Slow path: walks parley's clusters; also records the atom table (if given) for later fast
/// re-layouts.
fn build_lines(
    text: &str,
    layout: &parley::Layout<()>,
    out: &mut Vec<Line>,
    mut table: Option<&mut AtomTable>,
) {
    let text_len = text.len();
    let clamp = |r: Range<usize>| r.start.min(text_len)..r.end.min(text_len);
    let mut scratch = Scratch::default();
    for pline in layout.lines() {
        let m = pline.metrics();
        let mut line = empty_line(m, clamp(pline.text_range()));
        let mut pen = m.offset + m.inline_min_coord;
        for run in pline.runs() {
            let rtl = run.is_rtl();
            let face =
                FontFace::from_data(run.font().data.as_ref()).unwrap_or(FontFace::NaskhRegular);
            let mut grun = GlyphRun {
                rtl,
                face,
                size: run.font_size(),
                x: pen,
                width: 0.0,
                text_range: clamp(run.text_range()),
                // About one glyph and at most one caret unit per parley cluster.
                glyphs: Vec::with_capacity(run.len()),
            };
            line.clusters.reserve(run.len());
            let run_clusters_start = line.clusters.len();
            let mut atom: Option<Atom> = None;
            for cluster in run.visual_clusters() {
                let starts = !cluster.is_ligature_continuation();
                if starts && !rtl {
                    if let Some(a) = atom.take() {
                        flush_atom(
                            text,
                            a,
                            rtl,
                            face,
                            m.baseline,
                            &mut grun,
                            &mut line,
                            &mut scratch,
                            table.as_deref_mut(),
                        );
                    }
                }
                let r = cluster.text_range();
                let adv = cluster.advance();
                let a = atom.get_or_insert_with(|| Atom {
                    range: r.clone(),
                    x0: pen,
                    advance: 0.0,
                });
                a.range = a.range.start.min(r.start)..a.range.end.max(r.end);
                a.advance += adv;
                pen += adv;
                if starts {
                    scratch.glyphs.extend(cluster.glyphs());
                    if rtl {
                        if let Some(a) = atom.take() {
                            flush_atom(
                                text,
                                a,
                                rtl,
                                face,
                                m.baseline,
                                &mut grun,
                                &mut line,
                                &mut scratch,
                                table.as_deref_mut(),
                            );
                        }
                    }
                }
            }
            if let Some(a) = atom.take() {
                flush_atom(
                    text,
                    a,
                    rtl,
                    face,
                    m.baseline,
                    &mut grun,
                    &mut line,
                    &mut scratch,
                    table.as_deref_mut(),
                );
            }
            grun.width = pen - grun.x;
            line.runs.push(grun);
            let run_clusters = &line.clusters[run_clusters_start..];
            if run_clusters.iter().any(|c| c.x1 <= c.x0) {
                merge_zero_width(run_clusters, rtl, &mut scratch.merged);
                line.clusters.truncate(run_clusters_start);
                line.clusters.append(&mut scratch.merged);
            }
        }
        out.push(line);
    }
}

/// A line with parley's metrics for `text_range`, before its runs and clusters are added.
fn empty_line(m: &parley::LineMetrics, text_range: Range<usize>) -> Line {
    Line {
        text_range,
        top: m.block_min_coord,
        baseline: m.baseline,
        height: m.block_max_coord - m.block_min_coord,
        ascent: m.baseline - m.content_block_min_coord,
        descent: m.content_block_max_coord - m.baseline,
        runs: Vec::new(),
        clusters: Vec::new(),
    }
}

/// Fast path for re-layout: parley's own glyph runs give positions, the atom table gives
/// source ranges. Returns `false` (caller takes the slow path) if the two disagree anywhere.
fn build_lines_fast(
    text: &str,
    layout: &parley::Layout<()>,
    table: &AtomTable,
    out: &mut Vec<Line>,
) -> bool {
    let text_len = text.len();
    let clamp = |r: Range<usize>| r.start.min(text_len)..r.end.min(text_len);
    let mut merged = Vec::new();
    for pline in layout.lines() {
        let m = pline.metrics();
        let mut line = empty_line(m, clamp(pline.text_range()));
        let mut items = pline.items().filter_map(|item| match item {
            parley::PositionedLayoutItem::GlyphRun(g) => Some(g),
            parley::PositionedLayoutItem::InlineBox(_) => None,
        });
        let mut pen = m.offset + m.inline_min_coord;
        for run in pline.runs() {
            let rtl = run.is_rtl();
            let r = clamp(run.text_range());
            let i = table.atoms.partition_point(|a| a.range.start < r.start);
            let j = table.atoms.partition_point(|a| a.range.start < r.end);
            let Some(atoms) = table.atoms.get(i..j) else {
                return false;
            };
            if atoms.first().is_some_and(|a| a.range.start != r.start)
                || atoms.last().is_some_and(|a| a.range.end != r.end)
            {
                return false;
            }
            let total: usize = atoms.iter().map(|a| a.glyph_count).sum();
            let face =
                FontFace::from_data(run.font().data.as_ref()).unwrap_or(FontFace::NaskhRegular);
            let mut baseline = m.baseline;
            let mut glyphs: Vec<parley::Glyph> = Vec::new();
            if total > 0 {
                let Some(gr) = items.next() else {
                    return false;
                };
                pen = gr.offset();
                baseline = gr.baseline();
                glyphs.extend(gr.glyphs());
                if glyphs.len() != total {
                    return false;
                }
            }
            let mut grun = GlyphRun {
                rtl,
                face,
                size: run.font_size(),
                x: pen,
                width: 0.0,
                text_range: r,
                glyphs: Vec::with_capacity(total),
            };
            let run_clusters_start = line.clusters.len();
            let mut gi = 0;
            let mut visit = |a: &AtomInfo| -> bool {
                let x0 = pen;
                for k in 0..a.glyph_count {
                    let (Some(g), Some(range)) =
                        (glyphs.get(gi), table.ranges.get(a.ranges_start + k))
                    else {
                        return false;
                    };
                    grun.glyphs.push(Glyph {
                        id: g.id,
                        x: pen + g.x,
                        y: baseline + g.y,
                        advance: g.advance,
                        text_range: range.clone(),
                    });
                    pen += g.advance;
                    gi += 1;
                }
                line.clusters.push(TextCluster {
                    x0,
                    x1: pen,
                    text_range: a.range.clone(),
                    rtl,
                });
                true
            };
            let ok = if rtl {
                atoms.iter().rev().all(&mut visit)
            } else {
                atoms.iter().all(&mut visit)
            };
            if !ok {
                return false;
            }
            grun.width = pen - grun.x;
            line.runs.push(grun);
            let run_clusters = &line.clusters[run_clusters_start..];
            if run_clusters.iter().any(|c| c.x1 <= c.x0) {
                merge_zero_width(run_clusters, rtl, &mut merged);
                line.clusters.truncate(run_clusters_start);
                line.clusters.append(&mut merged);
            }
        }
        out.push(line);
    }
    true
}

/// Makes caret units of a run's clusters (given in visual order; written to `out` in visual
/// order): a cluster with no advance joins the logically preceding one (or the following one at
/// the run start). Noto Naskh draws lam-alef as a full-width lam form plus a zero-advance alef in
/// its own cluster; this keeps the caret from landing between them.
fn merge_zero_width(clusters: &[TextCluster], rtl: bool, out: &mut Vec<TextCluster>) {
    out.clear();
    let n = clusters.len();
    let mut pending: Option<TextCluster> = None;
    for k in 0..n {
        let mut c = clusters[if rtl { n - 1 - k } else { k }].clone();
        if let Some(p) = pending.take() {
            c.text_range.start = p.text_range.start;
            c.x0 = c.x0.min(p.x0);
            c.x1 = c.x1.max(p.x1);
        }
        match out.last_mut() {
            Some(last) if c.x1 <= c.x0 && last.text_range.end == c.text_range.start => {
                last.text_range.end = c.text_range.end;
                last.x0 = last.x0.min(c.x0);
                last.x1 = last.x1.max(c.x1);
            }
            None if c.x1 <= c.x0 => pending = Some(c),
            _ => out.push(c),
        }
    }
    out.extend(pending);
    if rtl {
        out.reverse();
    }
}

#[allow(clippy::too_many_arguments)]
fn flush_atom(
    text: &str,
    atom: Atom,
    rtl: bool,
    face: FontFace,
    baseline: f32,
    run: &mut GlyphRun,
    line: &mut Line,
    scratch: &mut Scratch,
    table: Option<&mut AtomTable>,
) {
    let len = text.len();
    let range = atom.range.start.min(len)..atom.range.end.min(len);
    if scratch.glyphs.len() <= 1 && table.is_none() {
        // The common case, one glyph (or none) for the whole atom: it gets the whole range.
        if let Some(g) = scratch.glyphs.pop() {
            run.glyphs.push(Glyph {
                id: g.id,
                x: atom.x0 + g.x,
                y: baseline + g.y,
                advance: g.advance,
                text_range: range.clone(),
            });
        }
        line.clusters.push(TextCluster {
            x0: atom.x0,
            x1: atom.x0 + atom.advance,
            text_range: range,
            rtl,
        });
        return;
    }
    assign_ranges(
        text,
        range.clone(),
        rtl,
        face,
        &scratch.glyphs,
        &mut scratch.ranges,
        &mut scratch.split,
    );
    if let Some(table) = table {
        table.atoms.push(AtomInfo {
            range: range.clone(),
            glyph_count: scratch.glyphs.len(),
            ranges_start: table.ranges.len(),
        });
        table.ranges.extend(scratch.ranges.iter().cloned());
    }
    let mut x = atom.x0;
    run.glyphs.reserve(scratch.glyphs.len());
    for (g, r) in scratch.glyphs.drain(..).zip(scratch.ranges.drain(..)) {
        run.glyphs.push(Glyph {
            id: g.id,
            x: x + g.x,
            y: baseline + g.y,
            advance: g.advance,
            text_range: r,
        });
        x += g.advance;
    }
    line.clusters.push(TextCluster {
        x0: atom.x0,
        x1: atom.x0 + atom.advance,
        text_range: range,
        rtl,
    });
}

/// Splits an atom's source range over its glyphs (given in visual order); pushes one range per
/// glyph, in visual order, to `out`. The rule is documented on [`Glyph`].
fn assign_ranges(
    text: &str,
    range: Range<usize>,
    rtl: bool,
    face: FontFace,
    glyphs: &[parley::Glyph],
    out: &mut Vec<Range<usize>>,
    sc: &mut SplitScratch,
) {
    out.clear();
    let n = glyphs.len();
    if n == 0 {
        return;
    }
    let empty = range.start..range.start;
    if n == 1 {
        out.push(range);
        return;
    }
    let whole = |out: &mut Vec<Range<usize>>| {
        out.clear();
        // The first glyph in logical order is the last in visual order for RTL.
        for v in 0..n {
            let first = if rtl { v == n - 1 } else { v == 0 };
            out.push(if first { range.clone() } else { empty.clone() });
        }
    };
    let Some(slice) = text.get(range.clone()) else {
        whole(out);
        return;
    };
    // Logical glyph index -> glyph.
    let glyph_at = |li: usize| &glyphs[if rtl { n - 1 - li } else { li }];
    let info = face.info();
    let SplitScratch {
        chars,
        owner,
        taken,
        mark_glyph,
        bases,
        base_chars,
        spans,
    } = sc;
    chars.clear();
    chars.extend(slice.char_indices().map(|(i, c)| (range.start + i, c)));
    owner.clear();
    owner.resize(chars.len(), None);
    taken.clear();
    taken.resize(n, false);
    // GDEF class of each glyph, looked up once.
    mark_glyph.clear();
    mark_glyph.extend((0..n).map(|li| info.class(glyph_at(li).id) == GlyphClass::Mark));

    // Marks: own cmap glyph first, then in logical order.
    let mut any_mark_char = false;
    for (ci, &(_, c)) in chars.iter().enumerate() {
        if !is_mark(c) {
            continue;
        }
        any_mark_char = true;
        if let Some(gid) = nominal_glyph(face, c) {
            if let Some(li) =
                (0..n).find(|&li| !taken[li] && mark_glyph[li] && glyph_at(li).id == gid)
            {
                owner[ci] = Some(li);
                taken[li] = true;
            }
        }
    }
    if any_mark_char {
        let mut free_marks = (0..n).filter(|&li| !taken[li] && mark_glyph[li]);
        for (ci, &(_, c)) in chars.iter().enumerate() {
            if owner[ci].is_none() && is_mark(c) {
                match free_marks.next() {
                    Some(li) => owner[ci] = Some(li),
                    None => break,
                }
            }
        }
    }
    // Bases.
    bases.clear();
    bases.extend((0..n).filter(|&li| !mark_glyph[li]));
    base_chars.clear();
    base_chars.extend((0..chars.len()).filter(|&ci| !is_mark(chars[ci].1)));
    if bases.len() == 1 {
        for &ci in base_chars.iter() {
            owner[ci] = Some(bases[0]);
        }
    } else if bases.len() == base_chars.len() {
        for (&ci, &li) in base_chars.iter().zip(bases.iter()) {
            owner[ci] = Some(li);
        }
    } else if !bases.is_empty() {
        whole(out);
        return;
    }
    // Leftovers follow the logically preceding character (or the next one at the start).
    let mut prev = None;
    for o in owner.iter_mut() {
        match o {
            Some(li) => prev = Some(*li),
            None => *o = prev,
        }
    }
    let mut next = None;
    for o in owner.iter_mut().rev() {
        match o {
            Some(li) => next = Some(*li),
            None => *o = next,
        }
    }
    // Per logical glyph: first/last char index and count; must be contiguous.
    spans.clear();
    spans.resize(n, None);
    for (ci, o) in owner.iter().enumerate() {
        let Some(li) = *o else {
            whole(out);
            return;
        };
        let s = spans[li].get_or_insert((ci, ci, 0));
        s.0 = s.0.min(ci);
        s.1 = s.1.max(ci);
        s.2 += 1;
    }
    if spans
        .iter()
        .flatten()
        .any(|&(lo, hi, count)| hi - lo + 1 != count)
    {
        whole(out);
        return;
    }
    for v in 0..n {
        let li = if rtl { n - 1 - v } else { v };
        out.push(match spans[li] {
            Some((lo, hi, _)) => chars[lo].0..chars[hi].0 + chars[hi].1.len_utf8(),
            None => empty.clone(),
        });
    }
}

/// Combining marks (general category M*), which attach to a base letter: harakat, shadda, ...
pub(crate) fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}
