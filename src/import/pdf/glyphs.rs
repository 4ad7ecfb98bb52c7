//! The glyphs a page draws, in content-stream order, as `hayro-interpret` hands them over:
//! where each one stands on the page, how far it advances, and the text it stands for.
//!
//! Page space here has its origin at the top left of the crop box and `y` growing downwards,
//! in points. Nothing is ordered or joined here; that is `lines`' work.

use std::collections::HashMap;

use hayro_interpret::font::{Glyph as HayroGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::object::Dict;
use hayro_interpret::kurbo::{Affine, BezPath, Point};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, SoftMask,
};

use super::font_text::FontText;

/// One drawn glyph.
#[derive(Clone, Debug)]
pub struct Glyph {
    /// The pen position before the glyph: its origin on the baseline.
    pub x: f32,
    /// The baseline's `y` (downwards).
    pub y: f32,
    /// The advance along the baseline, in points; negative when the text runs right to left
    /// by a mirrored matrix, zero for a mark that does not move the pen.
    pub advance: f32,
    /// The font size in points (the glyph transform's vertical scale).
    pub size: f32,
    /// The text the glyph stands for, after the PDF's `ToUnicode`, the glyph's name or the
    /// embedded font; empty when nothing gives it.
    pub text: String,
    /// Where `text` came from.
    pub source: TextSource,
    /// The `/ActualText` span the glyph is drawn in, if any: an index into `PageGlyphs::actual`.
    pub actual: Option<usize>,
    /// Whether the font's name says it is bold.
    pub bold: bool,
}

/// Where a glyph's text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextSource {
    /// The PDF said it (`ToUnicode`, an encoding or a glyph name).
    Pdf,
    /// The PDF said nothing usable; the embedded font's `cmap` or `GSUB` gave it.
    Font,
    /// Nothing gave it.
    Unknown,
}

/// The glyphs of one page and its size.
#[derive(Debug, Default)]
pub struct PageGlyphs {
    /// The glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// The texts of `/ActualText` spans, indexed by `Glyph::actual`.
    pub actual: Vec<String>,
    /// Whether the page draws any image (a scanned page does, with no text).
    pub has_images: bool,
    /// Whether `Collector::limit` stopped the collection.
    pub truncated: bool,
}

/// The `hayro` device that records glyphs instead of painting them.
pub struct Collector<'f> {
    /// What is collected.
    pub page: PageGlyphs,
    /// The most glyphs kept for the page; past it the page is marked truncated.
    pub limit: usize,
    fonts: &'f mut FontText,
    /// Open marked-content sequences: for each, the `/ActualText` span it opened, if any.
    marked: Vec<Option<usize>>,
    /// The previous glyph run, to drop a fill-then-stroke repeat of the same run.
    last_run: Vec<(u32, i32, i32)>,
    bold_fonts: HashMap<u128, bool>,
}

impl<'f> Collector<'f> {
    /// A collector keeping at most `limit` glyphs.
    pub fn new(limit: usize, fonts: &'f mut FontText) -> Self {
        Collector {
            page: PageGlyphs::default(),
            limit,
            fonts,
            marked: Vec::new(),
            last_run: Vec::new(),
            bold_fonts: HashMap::new(),
        }
    }

    fn current_actual(&self) -> Option<usize> {
        self.marked.iter().rev().find_map(|m| *m)
    }

    /// Record a glyph. Invisible text (render mode 3, an OCR layer over a scan) is text like
    /// any other.
    fn push(&mut self, glyph: &HayroGlyph<'_>, transform: Affine) {
        if self.page.glyphs.len() >= self.limit {
            self.page.truncated = true;
            return;
        }
        let origin = transform * Point::ZERO;
        let [a, b, c, d, _, _] = transform.as_coeffs();
        // The glyph space is 1000 units to the em: the em box's height on the page.
        let size = ((c * c + d * d).sqrt() * 1000.0) as f32;
        let advance_units = match glyph {
            HayroGlyph::Outline(g) => g.advance_width().unwrap_or(0.0),
            HayroGlyph::Type3(g) => g.advance_width().unwrap_or(0.0) * 1000.0,
        };
        // The advance vector's x on the page (the baseline is horizontal for every text this
        // importer orders; rotated text still yields its glyphs).
        let advance = (a * f64::from(advance_units)) as f32;
        let _ = b;
        let (text, source, bold) = match glyph {
            HayroGlyph::Outline(g) => {
                // An empty text is the producer saying the glyph stands for nothing (its text
                // is carried by a neighbour): it is not recovered from the font.
                let from_pdf = g
                    .as_unicode()
                    .map(bf_text)
                    .filter(|t| t.is_empty() || usable(t));
                let data = g.font_data();
                let bold = data.as_ref().is_some_and(|d| {
                    *self.bold_fonts.entry(d.cache_key).or_insert_with(|| {
                        d.weight.is_some_and(|w| w >= 600)
                            || d.postscript_name.as_deref().is_some_and(name_is_bold)
                    })
                });
                match from_pdf {
                    Some(t) => (t, TextSource::Pdf, bold),
                    None => match data
                        .as_ref()
                        .and_then(|d| self.fonts.text_of(d, g.glyph_id().to_u32()))
                    {
                        Some(t) => (t, TextSource::Font, bold),
                        None => (String::new(), TextSource::Unknown, bold),
                    },
                }
            }
            HayroGlyph::Type3(g) => match g
                .as_unicode()
                .map(bf_text)
                .filter(|t| t.is_empty() || usable(t))
            {
                Some(t) => (t, TextSource::Pdf, false),
                None => (String::new(), TextSource::Unknown, false),
            },
        };
        self.page.glyphs.push(Glyph {
            x: origin.x as f32,
            y: origin.y as f32,
            advance,
            size,
            text,
            source,
            actual: self.current_actual(),
            bold,
        });
    }
}

/// A `ToUnicode` text is usable when it has some character that is not a private-use code,
/// a control or U+FFFD.
fn usable(text: &str) -> bool {
    text.chars().any(
        |c| !matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFFFD..=0xFFFF | 0..=0x1F | 0x7F),
    )
}

fn bf_text(text: BfString) -> String {
    match text {
        BfString::Char(c) => c.to_string(),
        BfString::String(s) => s,
    }
}

/// Whether a PostScript font name says bold (`Amiri-Bold`, `NotoSans-SemiBold`, `ABCDEF+Arial,Bold`).
fn name_is_bold(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["bold", "black", "heavy", "semibold", "demi"]
        .iter()
        .any(|w| lower.contains(w))
}

impl<'a> Device<'a> for Collector<'_> {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        // A run drawn twice (fill, then stroke) is one text.
        let key: Vec<(u32, i32, i32)> = run
            .glyphs()
            .iter()
            .map(|g| {
                let p = props.transform * g.transform() * Point::ZERO;
                (g.char_code(), (p.x * 10.0) as i32, (p.y * 10.0) as i32)
            })
            .collect();
        if matches!(mode, DrawMode::Stroke(_)) && key == self.last_run {
            return;
        }
        for g in run.glyphs() {
            self.push(g, props.transform * g.transform());
        }
        self.last_run = key;
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.page.has_images = true;
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn begin_marked_content(&mut self, _tag: &[u8], properties: Option<&Dict<'_>>) {
        let actual = properties
            .and_then(|p| p.get::<hayro_interpret::hayro_syntax::object::String<'_>>(ACTUAL_TEXT))
            .map(|s| super::text_string(s.as_bytes()));
        let index = actual.map(|text| {
            self.page.actual.push(text);
            self.page.actual.len() - 1
        });
        self.marked.push(index);
    }

    fn end_marked_content(&mut self) {
        self.marked.pop();
    }
}

const ACTUAL_TEXT: &[u8] = b"ActualText";

/// The page's size with its rotation, and the transform from user space to page space.
pub fn page_space(page: &hayro_interpret::hayro_syntax::page::Page<'_>) -> (f32, f32, Affine) {
    let (width, height) = page.render_dimensions();
    let t = page.initial_transform(true);
    (width, height, Affine::new(t.as_coeffs()))
}
