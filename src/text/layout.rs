//! Shaping on parley's engine layer (`parley_engine`: bidi and UAX #14 analysis, font runs,
//! harfrust shaping), then our own line fitting, visual reordering (UAX #9 L1–L2) and alignment
//! over the shaped atoms, with exact source ranges per glyph.
//!
//! A paragraph is analysed and shaped once; [`Paragraph::layout`] re-breaks and re-aligns the
//! stored atoms at any width without shaping again.

use std::ops::Range;
use std::sync::Arc;

use fontique::{Blob, Synthesis};
use parley_engine::itemize::{Item, Segment};
use parley_engine::shape::{CharCluster, Coverage, Whitespace};
use parley_engine::{
    Analysis, AnalysisDataSources, AnalysisOptions, Analyzer, FontInstanceRef, FontMetrics,
    FontSelector, ShapeOptions, ShapedText, Shaper,
};

use super::fonts::{face_has, nominal_glyph, FontFace, GlyphClass};
use super::{Align, BaseDirection, Glyph, GlyphRun, Line, TextCluster, TextStyle, Weight};

/// Widths at or above this are treated as "no wrapping".
const MAX_WIDTH: f32 = 1.0e7;

/// Style index of characters set in the Arabic stack (Noto Naskh Arabic, then Noto Sans).
const STYLE_ARABIC: u16 = 0;
/// Style index of stretches of non-Arabic script (Latin names, ...): Noto Sans first, so their
/// spaces and punctuation match their letters.
const STYLE_LATIN: u16 = 1;

/// Shapes paragraphs with the bundled fonts only. One per thread (it is `Send`, not shared):
/// it owns the analysis and shaping scratch space and reuses it between paragraphs.
pub struct TextEngine {
    analyzer: Analyzer,
    analysis: Analysis,
    shaper: Shaper,
    shaped: ShapedText,
    data_sources: AnalysisDataSources,
    /// The bundled faces, in [`FontFace::ALL`] order, as the shaper takes them.
    blobs: [Blob<u8>; FontFace::ALL.len()],
    synthesis: Synthesis,
    /// Per character of the current paragraph: [`STYLE_ARABIC`] or [`STYLE_LATIN`].
    styles: Vec<u16>,
    split: SplitScratch,
    /// Struts already computed: (face, size bits, line height bits) → metrics.
    struts: Vec<((FontFace, u32, u32), BoxMetrics)>,
}

impl Default for TextEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl TextEngine {
    /// An engine that knows exactly the five bundled faces and no system font.
    pub fn new() -> Self {
        TextEngine {
            analyzer: Analyzer::new(),
            analysis: Analysis::new(),
            shaper: Shaper::default(),
            shaped: ShapedText::new(),
            data_sources: AnalysisDataSources::new(),
            blobs: FontFace::ALL.map(|f| Blob::new(Arc::new(f.data()))),
            synthesis: Synthesis::default(),
            styles: Vec::new(),
            split: SplitScratch::default(),
            struts: Vec::new(),
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
        let mut para = self.shape_units(text, style, dir);
        para.layout(max_width, align);
        para
    }

    /// `text`, an edit of `old`'s text, shaped and laid out exactly as
    /// [`TextEngine::shape_and_layout`] would, reshaping only the words around the change:
    /// typing in a long paragraph costs a word, not the paragraph. `old` must have been shaped
    /// with the same style and direction.
    ///
    /// The text is cut only where shaping cannot reach across: at a space between two letters
    /// of the paragraph's own direction (Arabic or Hebrew letters in a right-to-left paragraph,
    /// Latin letters in a left-to-right one), with the direction given, not found. There the
    /// bidi levels (UAX #9: the space resolves to the paragraph level from either side, and no
    /// weak type looks past a strong letter), the font stack ([`non_arabic_ranges`]), the
    /// joining and the break opportunity (UAX #14 LB18: after the space) do not depend on the
    /// other side. A paragraph with bidi controls or line separators is shaped whole.
    pub fn reshape_edit(
        &mut self,
        old: &Paragraph,
        text: &str,
        style: &TextStyle,
        dir: BaseDirection,
        max_width: f32,
        align: Align,
    ) -> Paragraph {
        let mut para = match self.splice(old, text, style, dir) {
            Some(p) => p,
            None => self.shape_units(text, style, dir),
        };
        para.layout(max_width, align);
        para
    }

    /// The units of `text`, reusing `old`'s outside the changed words; `None` when the edit
    /// cannot be cut out safely (see [`TextEngine::reshape_edit`]).
    fn splice(
        &mut self,
        old: &Paragraph,
        text: &str,
        style: &TextStyle,
        dir: BaseDirection,
    ) -> Option<Paragraph> {
        let rtl = match dir {
            BaseDirection::Ltr => false,
            BaseDirection::Rtl => true,
            BaseDirection::Auto => return None,
        };
        if old.rtl != rtl || text.len() < SPLICE_MIN_LEN {
            return None;
        }
        let old_text = old.text.as_str();
        if has_cut_blockers(text) || has_cut_blockers(old_text) {
            return None;
        }
        // The common prefix and suffix, on char boundaries and not overlapping.
        let mut prefix = old_text
            .bytes()
            .zip(text.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !text.is_char_boundary(prefix) || !old_text.is_char_boundary(prefix) {
            prefix -= 1;
        }
        let max_suffix = old_text.len().min(text.len()) - prefix;
        let mut suffix = old_text
            .bytes()
            .rev()
            .zip(text.bytes().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        while !text.is_char_boundary(text.len() - suffix)
            || !old_text.is_char_boundary(old_text.len() - suffix)
        {
            suffix -= 1;
        }
        // Cuts whose three characters lie in the unchanged text, so both texts agree there.
        let a = last_cut(&text[..prefix], rtl).unwrap_or(0);
        let tail_start = text.len() - suffix;
        let b = first_cut(&text[tail_start..], rtl).map_or(text.len(), |c| tail_start + c);
        let b_old = b + old_text.len() - text.len();
        if a >= b || (b - a) * 10 > text.len() * 8 {
            return None;
        }
        let k1 = old.units.partition_point(|u| u.range.start < a);
        let k2 = old.units.partition_point(|u| u.range.start < b_old);
        let unit_at = |k: usize, at: usize| {
            old.units
                .get(k)
                .map_or(at == old_text.len(), |u| u.range.start == at)
        };
        if !unit_at(k1, a) || !unit_at(k2, b_old) || k1 > k2 {
            return None;
        }
        let glyph_at = |k: usize| {
            old.units
                .get(k)
                .map_or(old.glyphs.len(), |u| u.glyphs.start)
        };
        let (g1, g2) = (glyph_at(k1), glyph_at(k2));

        let mid = self.shape_units(&text[a..b], style, dir);
        let mut para = Paragraph {
            text: text.to_owned(),
            rtl,
            strut: old.strut,
            latin_strut: old.latin_strut,
            runs: old.runs.clone(),
            units: Vec::with_capacity(k1 + mid.units.len() + old.units.len() - k2),
            glyphs: Vec::with_capacity(g1 + mid.glyphs.len() + old.glyphs.len() - g2),
            lines: Vec::new(),
            width: 0.0,
        };
        para.units.extend_from_slice(&old.units[..k1]);
        para.glyphs.extend_from_slice(&old.glyphs[..g1]);
        // The middle's runs, merged with an equal run of `old` where there is one.
        let run_map: Vec<usize> = mid
            .runs
            .iter()
            .map(|r| {
                para.runs
                    .iter()
                    .position(|o| o.face == r.face && o.size == r.size && o.level == r.level)
                    .unwrap_or_else(|| {
                        para.runs.push(*r);
                        para.runs.len() - 1
                    })
            })
            .collect();
        let g_mid = para.glyphs.len();
        para.glyphs.extend(mid.glyphs.iter().map(|g| UnitGlyph {
            text_range: g.text_range.start + a..g.text_range.end + a,
            ..g.clone()
        }));
        for (i, u) in mid.units.iter().enumerate() {
            para.units.push(Unit {
                range: u.range.start + a..u.range.end + a,
                glyphs: u.glyphs.start + g_mid..u.glyphs.end + g_mid,
                run: run_map.get(u.run).copied().unwrap_or(0),
                // After the cut's space: a break opportunity, as in the whole text.
                break_before: u.break_before || (i == 0 && a > 0),
                ..u.clone()
            });
        }
        // Byte and glyph shifts of the unchanged tail.
        let g_tail = para.glyphs.len();
        let shift = |x: usize| (x + b).saturating_sub(b_old);
        para.glyphs
            .extend(old.glyphs[g2..].iter().map(|g| UnitGlyph {
                text_range: shift(g.text_range.start)..shift(g.text_range.end),
                ..g.clone()
            }));
        para.units.extend(old.units[k2..].iter().map(|u| Unit {
            range: shift(u.range.start)..shift(u.range.end),
            glyphs: u.glyphs.start.saturating_sub(g2) + g_tail
                ..u.glyphs.end.saturating_sub(g2) + g_tail,
            ..u.clone()
        }));
        Some(para)
    }

    /// Shapes `text` into units (no lines yet).
    fn shape_units(&mut self, text: &str, style: &TextStyle, dir: BaseDirection) -> Paragraph {
        let style = style.sanitized();
        let stacks = font_stacks(&style);
        self.analyzer.analyze(
            text,
            &AnalysisOptions {
                base_direction: match dir {
                    BaseDirection::Auto => parley_engine::BaseDirection::Auto,
                    BaseDirection::Ltr => parley_engine::BaseDirection::Ltr,
                    BaseDirection::Rtl => parley_engine::BaseDirection::Rtl,
                },
                ..AnalysisOptions::default()
            },
            &mut self.analysis,
        );
        let rtl = self.analysis.paragraph_level().is_rtl();
        let mut para = Paragraph {
            text: text.to_owned(),
            rtl,
            strut: self.strut(stacks[0][0], style.size, style.line_height),
            latin_strut: self.strut(stacks[1][0], style.size, style.line_height),
            runs: Vec::new(),
            units: Vec::new(),
            glyphs: Vec::new(),
            lines: Vec::new(),
            width: 0.0,
        };
        let char_count = self.analysis.char_info().len();
        if char_count > 0 {
            set_styles(text, char_count, &mut self.styles);
            let selector = Selector {
                blobs: &self.blobs,
                synthesis: &self.synthesis,
                data_sources: &self.data_sources,
                stacks,
            };
            self.shaper.shape_text(
                text,
                &self.analysis,
                &self.styles,
                [Item {
                    char_end: u32::try_from(char_count).unwrap_or(u32::MAX),
                    options: ShapeOptions {
                        font_size: style.size,
                        language: None,
                        features: &[],
                        variations: &[],
                    },
                }],
                selector,
                &mut self.shaped,
            );
            para.collect(&self.shaped, &mut self.split);
        }
        para
    }
}

/// Paragraphs shorter than this are shaped whole: splicing would save nothing.
const SPLICE_MIN_LEN: usize = 256;

/// Characters that make a cut unsafe: bidi controls and marks (their effect reaches across a
/// cut) and line or paragraph separators.
/// Whether `at` (a byte index of `text`) is just after the dash of a number range such as
/// `2023–2025` or `١٤٤٦–١٤٤٧`: UAX #14 allows a break after an en dash, but a range is read as
/// one figure and is not split across lines (Chicago 6.78; a hyphen between digits is already
/// kept by LB25).
fn inside_number_range(text: &str, at: usize) -> bool {
    let is_digit = |c: char| c.is_ascii_digit() || c.is_numeric();
    let (Some(before), Some(after)) = (text.get(..at), text.get(at..)) else {
        return false;
    };
    let mut back = before.chars().rev();
    matches!(
        back.next(),
        Some('\u{2013}' | '\u{2012}' | '\u{2010}' | '\u{2011}')
    ) && back.next().is_some_and(is_digit)
        && after.chars().next().is_some_and(is_digit)
}

fn has_cut_blockers(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            c,
            '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\n'
                | '\r'
                | '\u{0B}'
                | '\u{0C}'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        )
    })
}

/// A strong letter of the paragraph's direction: an Arabic or Hebrew letter (bidi class AL or
/// R) for right-to-left, a basic Latin letter (L) for left-to-right.
fn strong_in(c: char, rtl: bool) -> bool {
    if rtl {
        matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{05D0}'..='\u{05EA}')
    } else {
        c.is_ascii_alphabetic()
    }
}

/// Byte offset of the last cut in `text`: letter, space | letter, all three in `text`.
fn last_cut(text: &str, rtl: bool) -> Option<usize> {
    let mut it = text.char_indices().rev();
    let mut after = it.next()?;
    let mut space = it.next()?;
    for before in it {
        if space.1 == ' ' && strong_in(after.1, rtl) && strong_in(before.1, rtl) {
            return Some(after.0);
        }
        after = space;
        space = before;
    }
    None
}

/// Byte offset of the first cut in `text`: letter, space | letter, all three in `text`.
fn first_cut(text: &str, rtl: bool) -> Option<usize> {
    let mut it = text.char_indices();
    let mut before = it.next()?;
    let mut space = it.next()?;
    for after in it {
        if space.1 == ' ' && strong_in(after.1, rtl) && strong_in(before.1, rtl) {
            return Some(after.0);
        }
        before = space;
        space = after;
    }
    None
}

impl TextEngine {
    /// The line box of `face` at a size and line height (the paragraph's strut), computed
    /// once per combination.
    fn strut(&mut self, face: FontFace, size: f32, line_height: f32) -> BoxMetrics {
        let key = (face, size.to_bits(), line_height.to_bits());
        if let Some((_, m)) = self.struts.iter().find(|(k, _)| *k == key) {
            return *m;
        }
        let m = face_metrics(face, size, line_height);
        if self.struts.len() >= 64 {
            self.struts.clear();
        }
        self.struts.push((key, m));
        m
    }
}

/// The two font stacks (Arabic, non-Arabic) for a style: primary face first, then the
/// fallbacks in order (Hebrew is reached through the non-Arabic stack).
fn font_stacks(style: &TextStyle) -> [[FontFace; 3]; 2] {
    let (naskh, hebrew) = match style.weight {
        Weight::Regular => (FontFace::NaskhRegular, FontFace::HebrewRegular),
        Weight::Bold => (FontFace::NaskhBold, FontFace::HebrewBold),
    };
    let sans = match (style.italic, style.weight) {
        (true, _) => FontFace::SansItalic,
        (false, Weight::Regular) => FontFace::SansRegular,
        (false, Weight::Bold) => FontFace::SansBold,
    };
    [[naskh, sans, hebrew], [sans, naskh, hebrew]]
}

/// Fills `styles` with one style index per character: [`STYLE_LATIN`] inside the non-Arabic
/// stretches of [`non_arabic_ranges`], [`STYLE_ARABIC`] elsewhere.
fn set_styles(text: &str, char_count: usize, styles: &mut Vec<u16>) {
    styles.clear();
    let ranges = non_arabic_ranges(text);
    if ranges.is_empty() {
        styles.resize(char_count, STYLE_ARABIC);
        return;
    }
    let mut next = ranges.iter().peekable();
    for (i, _) in text.char_indices() {
        while next.peek().is_some_and(|r| r.end <= i) {
            next.next();
        }
        let latin = next.peek().is_some_and(|r| r.start <= i);
        styles.push(if latin { STYLE_LATIN } else { STYLE_ARABIC });
    }
    styles.resize(char_count, STYLE_ARABIC);
}

/// Font choice per grapheme: the first face of the character's stack that covers it, else the
/// face covering most of it (a character no face has is reported by `missing_chars`).
struct Selector<'a> {
    blobs: &'a [Blob<u8>; FontFace::ALL.len()],
    synthesis: &'a Synthesis,
    data_sources: &'a AnalysisDataSources,
    stacks: [[FontFace; 3]; 2],
}

impl FontSelector for Selector<'_> {
    fn select_font(
        &mut self,
        segment: &Segment,
        _options: &ShapeOptions<'_>,
        cluster: &mut CharCluster,
    ) -> Option<FontInstanceRef<'_>> {
        let mut stack = self.stacks[usize::from(cluster.style_index() == STYLE_LATIN)];
        // In Hebrew text (its spaces and punctuation belong to it, UAX #24), the Hebrew face
        // comes first: a space from another face would cut a line into runs of two faces,
        // which readers such as pdf.js take as separate pieces of text.
        if segment.script.to_bytes() == *b"Hebr" {
            if let Some(at) = stack.iter().position(|f| f.is_hebrew()) {
                stack[..=at].rotate_right(1);
            }
        }
        // Most clusters are one character the primary face has.
        if let [c] = cluster.chars() {
            if face_has(stack[0], c.ch) {
                return Some(FontInstanceRef {
                    data: &self.blobs[stack[0].index()],
                    index: 0,
                    synthesis: self.synthesis,
                });
            }
        }
        let mut best = stack[0];
        let mut best_coverage = Coverage::NONE;
        for face in stack {
            let coverage = cluster.calculate_coverage(|c| face_has(face, c), self.data_sources);
            if coverage.is_complete() {
                best = face;
                break;
            }
            if coverage > best_coverage {
                best = face;
                best_coverage = coverage;
            }
        }
        Some(FontInstanceRef {
            data: &self.blobs[best.index()],
            index: 0,
            synthesis: self.synthesis,
        })
    }
}

/// Vertical metrics of a run's line box (CSS inline box with half-leading).
#[derive(Copy, Clone, Debug, Default)]
struct BoxMetrics {
    /// Font ascent.
    ascent: f32,
    /// Font descent (positive, below the baseline).
    descent: f32,
    /// Line box above the baseline: ascent plus half the leading.
    over: f32,
    /// Line box below the baseline: descent plus half the leading.
    under: f32,
}

impl BoxMetrics {
    fn new(m: &FontMetrics, size: f32, line_height: f32) -> BoxMetrics {
        let half_leading = (size * line_height - (m.ascent + m.descent)) * 0.5;
        BoxMetrics {
            ascent: m.ascent,
            descent: m.descent,
            over: m.ascent + half_leading,
            under: m.descent + half_leading,
        }
    }

    fn max(self, o: BoxMetrics) -> BoxMetrics {
        BoxMetrics {
            ascent: self.ascent.max(o.ascent),
            descent: self.descent.max(o.descent),
            over: self.over.max(o.over),
            under: self.under.max(o.under),
        }
    }
}

/// Line box metrics of a face at a size.
fn face_metrics(face: FontFace, size: f32, line_height: f32) -> BoxMetrics {
    let font = parley_engine::FontInstance {
        font: parley_engine::FontData {
            data: Blob::new(Arc::new(face.data())),
            index: 0,
        },
        synthesis: Synthesis::default(),
    };
    let m = FontMetrics::from_font_instance(&font, size, &[])
        .unwrap_or_else(|| FontMetrics::fallback(size));
    BoxMetrics::new(&m, size, line_height)
}

/// A shaped run: one face, size and bidi level, in logical order.
#[derive(Clone, Copy, Debug)]
struct RunInfo {
    face: FontFace,
    size: f32,
    level: u8,
}

/// An atom: the smallest piece never split by line breaking or the caret (a letter with its
/// harakat, a ligature, lam-alef with its zero-width alef), in logical order.
#[derive(Clone, Debug)]
struct Unit {
    /// Source bytes.
    range: Range<usize>,
    advance: f32,
    /// Its glyphs in [`Paragraph::glyphs`], in visual order.
    glyphs: Range<usize>,
    /// Index into [`Paragraph::runs`].
    run: usize,
    /// A soft wrap opportunity precedes the unit (UAX #14).
    break_before: bool,
    /// Hangs at a line end and widens when justifying.
    space: bool,
    /// A mandatory break (`\n`, U+2028, ...): the line ends after it.
    newline: bool,
    /// Set in the non-Arabic stack ([`STYLE_LATIN`]).
    latin: bool,
}

/// A glyph of a unit: position relative to the unit's left edge and baseline.
#[derive(Clone, Debug)]
struct UnitGlyph {
    id: u32,
    x: f32,
    y: f32,
    advance: f32,
    text_range: Range<usize>,
}

/// A shaped paragraph: the text, its shaped atoms, and the lines of the last
/// [`Paragraph::layout`]. Invariant: `lines()` always describes the current break width and
/// alignment.
pub struct Paragraph {
    text: String,
    rtl: bool,
    /// The strut: every line box holds at least the primary face's box (CSS root inline box),
    /// so a line of Latin text in an Arabic-first paragraph keeps the Arabic line pitch.
    strut: BoxMetrics,
    /// The box of the non-Arabic stack's primary face, held by lines with text in that stack.
    /// A fallback glyph (a quotation mark Naskh lacks) does not change the line box.
    latin_strut: BoxMetrics,
    runs: Vec<RunInfo>,
    units: Vec<Unit>,
    glyphs: Vec<UnitGlyph>,
    lines: Vec<Line>,
    /// Widest line without hanging spaces.
    width: f32,
}

impl Paragraph {
    /// The source text, unchanged (no reordering, no presentation forms, harakat kept).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The resolved base direction: `true` for a right-to-left paragraph.
    pub fn is_rtl(&self) -> bool {
        self.rtl
    }

    /// Width of the widest line (without hanging trailing spaces).
    pub fn width(&self) -> f32 {
        self.width
    }

    /// Total height of all lines.
    pub fn height(&self) -> f32 {
        self.lines.last().map_or(0.0, |l| l.top + l.height)
    }

    /// Lines top to bottom, in logical order.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// Turns the shaper's output into units with glyphs and exact source ranges.
    fn collect(&mut self, shaped: &ShapedText, split: &mut SplitScratch) {
        let text_len = self.text.len();
        let chars = shaped.characters();
        let clusters = shaped.shaped_clusters();
        let all_glyphs = shaped.glyphs();
        self.units.reserve(clusters.len());
        self.glyphs.reserve(all_glyphs.len());
        let mut ids: Vec<u32> = Vec::new();
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for run in shaped.runs() {
            let face = shaped
                .fonts()
                .get(run.font_index)
                .and_then(|f| FontFace::from_data(f.font.data.as_ref()))
                .unwrap_or(FontFace::NaskhRegular);
            let run_index = self.runs.len();
            let rtl = run.bidi_level.is_rtl();
            self.runs.push(RunInfo {
                face,
                size: run.font_size,
                level: run.bidi_level.to_u8(),
            });
            let run_units_start = self.units.len();
            let cr =
                run.shaped_clusters_range.start as usize..run.shaped_clusters_range.end as usize;
            let Some(run_clusters) = clusters.get(cr) else {
                continue;
            };
            let mut k = 0;
            while k < run_clusters.len() {
                // An atom: clusters up to the next grapheme start.
                let mut end = k + 1;
                while end < run_clusters.len() && !run_clusters[end].is_grapheme_start() {
                    end += 1;
                }
                let atom = &run_clusters[k..end];
                let first = atom[0];
                let c0 = first.chars_range().start as usize;
                let c1 = atom[atom.len() - 1].chars_range().end as usize;
                let start = chars
                    .get(c0)
                    .map_or(text_len, |c| c.text_byte_start as usize);
                let stop = chars
                    .get(c1.wrapping_sub(1))
                    .map_or(text_len, |c| c.text_byte_range().end)
                    .min(text_len);
                let range = start.min(stop)..stop;
                let glyph_start = self.glyphs.len();
                let ws = first.whitespace();
                let mut unit = Unit {
                    range: range.clone(),
                    advance: first.advance,
                    glyphs: glyph_start..glyph_start,
                    run: run_index,
                    break_before: first.is_soft_wrap_opportunity_before()
                        && !inside_number_range(&self.text, start),
                    space: matches!(
                        ws,
                        Whitespace::Space
                            | Whitespace::NoBreakSpace
                            | Whitespace::IdeographicSpace
                            | Whitespace::OtherSpaceSeparator
                            | Whitespace::Tab
                    ),
                    newline: ws == Whitespace::Newline,
                    latin: first.style_index == STYLE_LATIN,
                };
                if end == k + 1 && first.has_inline_glyph() {
                    // The common case: one cluster, one glyph with no offset.
                    self.glyphs.push(UnitGlyph {
                        id: first.glyph_offset,
                        x: 0.0,
                        y: 0.0,
                        advance: first.advance,
                        text_range: range,
                    });
                    unit.glyphs.end = glyph_start + 1;
                    self.push_unit(unit, run_units_start, rtl);
                    k = end;
                    continue;
                }
                // Glyphs in visual order: clusters are logical, each cluster's glyphs visual.
                ids.clear();
                let mut pen = 0.0;
                let mut push = |c: &parley_engine::shape::ShapedCluster,
                                glyphs: &mut Vec<UnitGlyph>| {
                    if c.has_inline_glyph() {
                        glyphs.push(UnitGlyph {
                            id: c.glyph_offset,
                            x: pen,
                            y: 0.0,
                            advance: c.advance,
                            text_range: 0..0,
                        });
                        pen += c.advance;
                    } else {
                        let g0 = c.glyph_offset as usize;
                        let gs = all_glyphs
                            .get(g0..g0 + usize::from(c.glyph_len()))
                            .unwrap_or(&[]);
                        for g in gs {
                            glyphs.push(UnitGlyph {
                                id: g.id,
                                x: pen + g.x,
                                y: g.y,
                                advance: g.advance,
                                text_range: 0..0,
                            });
                            pen += g.advance;
                        }
                    }
                };
                if rtl {
                    atom.iter().rev().for_each(|c| push(c, &mut self.glyphs));
                } else {
                    atom.iter().for_each(|c| push(c, &mut self.glyphs));
                }
                let advance: f32 = atom.iter().map(|c| c.advance).sum();
                let unit_glyphs = &mut self.glyphs[glyph_start..];
                if unit_glyphs.len() == 1 {
                    unit_glyphs[0].text_range = range.clone();
                } else if !unit_glyphs.is_empty() {
                    ids.extend(unit_glyphs.iter().map(|g| g.id));
                    assign_ranges(
                        &self.text,
                        range.clone(),
                        rtl,
                        face,
                        &ids,
                        &mut ranges,
                        split,
                    );
                    for (g, r) in unit_glyphs.iter_mut().zip(ranges.drain(..)) {
                        g.text_range = r;
                    }
                }
                unit.advance = advance;
                unit.glyphs.end = self.glyphs.len();
                self.push_unit(unit, run_units_start, rtl);
                k = end;
            }
        }
    }

    /// Appends a unit of the run starting at unit `run_start`. A unit with no advance (the alef
    /// Noto Naskh draws inside the lam of lam-alef, an invisible control) joins the logically
    /// preceding unit of its run, or the following one at the run start, so the caret never
    /// lands inside what looks like one letter. Never across a break opportunity or a hard break.
    fn push_unit(&mut self, u: Unit, run_start: usize, rtl: bool) {
        let joinable = |u: &Unit| u.advance == 0.0 && !u.newline;
        let n = self.units.len();
        if n > run_start && !u.break_before {
            let prev = &self.units[n - 1];
            if (joinable(&u) && !prev.newline) || (n - 1 == run_start && joinable(prev)) {
                if let Some(prev) = self.units.pop() {
                    let joined = self.join(prev, u, rtl);
                    self.units.push(joined);
                    return;
                }
            }
        }
        self.units.push(u);
    }

    /// Joins two adjacent units of one run, `a` logically first; their glyphs are adjacent in
    /// `self.glyphs` (a's first) and are reordered visually.
    fn join(&mut self, a: Unit, b: Unit, rtl: bool) -> Unit {
        let glyphs = &mut self.glyphs[a.glyphs.start..b.glyphs.end];
        let a_len = a.glyphs.len();
        if rtl {
            // b is visually left of a.
            glyphs.rotate_left(a_len);
            let b_len = b.glyphs.len();
            for g in &mut glyphs[b_len..] {
                g.x += b.advance;
            }
        } else {
            for g in &mut glyphs[a_len..] {
                g.x += a.advance;
            }
        }
        Unit {
            range: a.range.start..b.range.end,
            advance: a.advance + b.advance,
            glyphs: a.glyphs.start..b.glyphs.end,
            run: a.run,
            break_before: a.break_before,
            space: a.space,
            newline: b.newline,
            latin: a.latin || b.latin,
        }
    }

    /// Breaks lines at `max_width` and aligns them; no reshaping. Any width is accepted: NaN,
    /// infinite or huge means no wrapping, negative means 0 (one word per line).
    pub fn layout(&mut self, max_width: f32, align: Align) {
        let wrap = if max_width.is_nan() || max_width >= MAX_WIDTH {
            None
        } else {
            Some(max_width.max(0.0))
        };
        let breaks = self.break_lines(wrap.unwrap_or(f32::INFINITY));
        self.width = breaks.iter().map(|b| b.content_width).fold(0.0, f32::max);
        let avail = wrap.unwrap_or(self.width);
        self.lines.clear();
        let mut top = 0.0;
        if breaks.is_empty() {
            let m = self.strut;
            self.lines.push(Line {
                text_range: 0..self.text.len(),
                top,
                baseline: top + m.over,
                height: m.over + m.under,
                ascent: m.ascent,
                descent: m.descent,
                runs: Vec::new(),
                clusters: Vec::new(),
            });
            return;
        }
        let mut segments = Vec::new();
        for b in &breaks {
            let line = self.build_line(b, top, avail, align, &mut segments);
            top += line.height;
            self.lines.push(line);
        }
    }

    /// Greedy line fitting at UAX #14 opportunities. Spaces at a line end hang (they never cause
    /// a break); a unit wider than the line overflows up to the next opportunity.
    fn break_lines(&self, max_width: f32) -> Vec<LineBreak> {
        let units = &self.units;
        let n = units.len();
        let mut out = Vec::new();
        let mut start = 0;
        while start < n {
            let mut width = 0.0;
            let mut content_width = 0.0;
            let mut last_break: Option<(usize, f32)> = None;
            let mut end = n;
            let mut hard = false;
            let mut j = start;
            while j < n {
                let u = &units[j];
                if j > start && u.break_before {
                    last_break = Some((j, content_width));
                }
                if !u.space && !u.newline {
                    if j > start && width + u.advance > max_width {
                        if let Some((b, w)) = last_break {
                            end = b;
                            content_width = w;
                            break;
                        }
                    }
                    width += u.advance;
                    content_width = width;
                } else {
                    width += u.advance;
                }
                if u.newline {
                    end = j + 1;
                    hard = true;
                    break;
                }
                j += 1;
            }
            out.push(LineBreak {
                units: start..end,
                content_width,
                last: hard || end == n,
            });
            start = end;
        }
        out
    }

    /// One line: its units split into runs at run and level changes, reordered visually (UAX #9
    /// L1: trailing spaces take the paragraph level; L2: reverse from the highest level), then
    /// positioned and aligned.
    fn build_line(
        &self,
        b: &LineBreak,
        top: f32,
        avail: f32,
        align: Align,
        segments: &mut Vec<Segment_>,
    ) -> Line {
        let units = &self.units[b.units.clone()];
        let para_level = u8::from(self.rtl);
        // Trailing spaces and the hard break hang at the paragraph level.
        let mut content_end = units.len();
        while content_end > 0 && (units[content_end - 1].space || units[content_end - 1].newline) {
            content_end -= 1;
        }
        let hanging: f32 = units[content_end..].iter().map(|u| u.advance).sum();
        segments.clear();
        let mut m = self.strut;
        let mut i = 0;
        while i < units.len() {
            let run = units[i].run;
            let info = &self.runs[run];
            let level_at = |k: usize| {
                if k < content_end {
                    info.level
                } else {
                    para_level
                }
            };
            let level = level_at(i);
            let mut end = i + 1;
            while end < units.len() && units[end].run == run && level_at(end) == level {
                end += 1;
            }
            if units[i..end].iter().any(|u| u.latin) {
                m = m.max(self.latin_strut);
            }
            segments.push(Segment_ {
                run,
                level,
                units: i..end,
            });
            i = end;
        }
        reorder_visually(segments);
        let baseline = top + m.over;

        // Alignment, as CSS text-align with hanging trailing spaces.
        let free = avail - b.content_width;
        let mut extra_per_space = 0.0;
        let mut offset = if self.rtl { -hanging } else { 0.0 };
        if free <= 0.0 {
            if self.rtl {
                offset += free;
            }
        } else {
            let align = if align == Align::Justify && b.last {
                Align::Start
            } else {
                align
            };
            match (align, self.rtl) {
                (Align::Start, false) | (Align::End, true) => {}
                (Align::Start, true) | (Align::End, false) => offset += free,
                (Align::Center, _) => offset += free * 0.5,
                (Align::Justify, _) => {
                    let spaces = units[..content_end].iter().filter(|u| u.space).count();
                    if spaces == 0 {
                        if self.rtl {
                            offset += free;
                        }
                    } else {
                        extra_per_space = free / spaces as f32;
                    }
                }
            }
        }

        let mut runs = Vec::with_capacity(segments.len());
        let mut clusters = Vec::with_capacity(units.len());
        let mut pen = offset;
        for seg in segments.iter() {
            let run = &self.runs[seg.run];
            let rtl = seg.level % 2 == 1;
            let seg_units = &units[seg.units.clone()];
            let glyph_count = seg_units[seg_units.len() - 1]
                .glyphs
                .end
                .saturating_sub(seg_units[0].glyphs.start);
            let mut grun = GlyphRun {
                rtl,
                face: run.face,
                size: run.size,
                x: pen,
                width: 0.0,
                text_range: seg_units[0].range.start..seg_units[seg_units.len() - 1].range.end,
                glyphs: Vec::with_capacity(glyph_count),
            };
            // Only content spaces widen, not the hanging ones from `content_end` on.
            let extra = extra_per_space;
            let mut place = |i: usize| {
                let u = &units[i];
                grun.glyphs
                    .extend(self.glyphs[u.glyphs.clone()].iter().map(|g| Glyph {
                        id: g.id,
                        x: pen + g.x,
                        y: baseline + g.y,
                        advance: g.advance,
                        text_range: g.text_range.clone(),
                    }));
                let x1 = pen
                    + u.advance
                    + if u.space && i < content_end {
                        extra
                    } else {
                        0.0
                    };
                clusters.push(TextCluster {
                    x0: pen,
                    x1,
                    text_range: u.range.clone(),
                    rtl,
                });
                pen = x1;
            };
            if rtl {
                seg.units.clone().rev().for_each(&mut place);
            } else {
                seg.units.clone().for_each(&mut place);
            }
            grun.width = pen - grun.x;
            runs.push(grun);
        }
        Line {
            text_range: units[0].range.start..units[units.len() - 1].range.end,
            top,
            baseline,
            height: m.over + m.under,
            ascent: m.ascent,
            descent: m.descent,
            runs,
            clusters,
        }
    }
}

/// A line chosen by [`Paragraph::break_lines`].
struct LineBreak {
    /// Indices into the paragraph's units.
    units: Range<usize>,
    /// Advance without the hanging trailing spaces.
    content_width: f32,
    /// Last line of the paragraph or ends in a hard break (not justified).
    last: bool,
}

/// Units of one run at one level on a line (indices relative to the line's first unit).
struct Segment_ {
    run: usize,
    level: u8,
    units: Range<usize>,
}

/// UAX #9 L2: from the highest level down to the lowest odd level, reverse every maximal
/// sequence of segments at that level or higher.
fn reorder_visually(segments: &mut [Segment_]) {
    let Some(max) = segments.iter().map(|s| s.level).max() else {
        return;
    };
    let Some(min_odd) = segments.iter().map(|s| s.level | 1).min() else {
        return;
    };
    let mut level = max;
    while level >= min_odd && level > 0 {
        let mut i = 0;
        while i < segments.len() {
            if segments[i].level >= level {
                let start = i;
                while i < segments.len() && segments[i].level >= level {
                    i += 1;
                }
                segments[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
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
    if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') {
        // The basic Arabic letters, most of any Arabic text.
        return Script::Arabic;
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
    // Digits and number punctuation written onto a Latin word (`G7`, `COP29`, `F-35`, `P5+1`,
    // `5G`) belong to it: one face for the whole word, even beside Arabic.
    let attached = |c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | ',' | '/' | '%');
    for r in &mut out {
        let tail = text[r.end..]
            .char_indices()
            .find(|&(_, c)| !attached(c))
            .map_or(text.len() - r.end, |(i, _)| i);
        // Not a sentence's full stop or comma: only what is followed by more of the word.
        let tail = text[r.end..r.end + tail]
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .len();
        r.end += tail;
        let head = text[..r.start]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        r.start -= head;
    }
    out
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

/// Splits an atom's source range over its glyphs (given in visual order); pushes one range per
/// glyph, in visual order, to `out`. The rule is documented on [`Glyph`].
fn assign_ranges(
    text: &str,
    range: Range<usize>,
    rtl: bool,
    face: FontFace,
    glyphs: &[u32],
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
    let glyph_at = |li: usize| glyphs[if rtl { n - 1 - li } else { li }];
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
    mark_glyph.extend((0..n).map(|li| info.class(glyph_at(li)) == GlyphClass::Mark));

    // Marks: own cmap glyph first, then in logical order.
    let mut any_mark_char = false;
    for (ci, &(_, c)) in chars.iter().enumerate() {
        if !is_mark(c) {
            continue;
        }
        any_mark_char = true;
        if let Some(gid) = nominal_glyph(face, c) {
            if let Some(li) = (0..n).find(|&li| !taken[li] && mark_glyph[li] && glyph_at(li) == gid)
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
