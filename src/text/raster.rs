//! Glyph rasterisation: skrifa outlines filled by tiny-skia into an alpha coverage bitmap.
//! GUI-free and shared by the egui painter and the PNG example, so both show the same pixels.

use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{GlyphId, MetadataProvider};
use tiny_skia::{FillRule, Mask, PathBuilder, Transform};

use super::FontFace;

/// Largest bitmap side we rasterise, in px; bigger glyphs are not drawn (invariant: no huge
/// allocations for absurd sizes).
pub const MAX_BITMAP_SIDE: u32 = 1024;

/// An 8-bit coverage bitmap of one glyph, placed relative to the glyph origin.
#[derive(Clone, PartialEq, Debug)]
pub struct GlyphBitmap {
    /// Offset from the glyph origin (pen on the baseline) to the bitmap's left column, px.
    pub left: i32,
    /// Offset from the glyph origin to the bitmap's top row, px, y down (negative = above).
    pub top: i32,
    /// Columns.
    pub width: u32,
    /// Rows.
    pub height: u32,
    /// Coverage, row by row, `width * height` bytes, 0 = empty, 255 = fully covered.
    pub alpha: Vec<u8>,
}

/// Rasterises glyph `glyph` of `face` at `size_px` pixels per em, with the origin shifted right
/// by `x_shift` px (0..1, for subpixel positioning). `None` for glyphs without ink (spaces),
/// unknown ids, or bitmaps beyond [`MAX_BITMAP_SIDE`].
pub fn rasterize_glyph(
    face: FontFace,
    glyph: u32,
    size_px: f32,
    x_shift: f32,
) -> Option<GlyphBitmap> {
    if !(size_px.is_finite() && size_px > 0.0) {
        return None;
    }
    let font = face.font_ref()?;
    let outlines = font.outline_glyphs();
    let outline = outlines.get(GlyphId::new(glyph))?;
    let mut pen = SkiaPen {
        path: PathBuilder::new(),
        dx: if x_shift.is_finite() { x_shift } else { 0.0 },
    };
    outline
        .draw(
            DrawSettings::unhinted(Size::new(size_px), LocationRef::default()),
            &mut pen,
        )
        .ok()?;
    let path = pen.path.finish()?;
    let b = path.bounds();
    let left = b.left().floor() as i32 - 1;
    let top = b.top().floor() as i32 - 1;
    let width = (b.right().ceil() as i32 + 1 - left).max(1) as u32;
    let height = (b.bottom().ceil() as i32 + 1 - top).max(1) as u32;
    if width > MAX_BITMAP_SIDE || height > MAX_BITMAP_SIDE {
        return None;
    }
    let mut mask = Mask::new(width, height)?;
    mask.fill_path(
        &path,
        FillRule::Winding,
        true,
        Transform::from_translate(-left as f32, -top as f32),
    );
    Some(GlyphBitmap {
        left,
        top,
        width,
        height,
        alpha: mask.data().to_vec(),
    })
}

/// Feeds skrifa's outline (y up) into a tiny-skia path (y down).
struct SkiaPen {
    path: PathBuilder,
    dx: f32,
}

impl OutlinePen for SkiaPen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.path.move_to(x + self.dx, -y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.path.line_to(x + self.dx, -y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.path.quad_to(cx0 + self.dx, -cy0, x + self.dx, -y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.path
            .cubic_to(cx0 + self.dx, -cy0, cx1 + self.dx, -cy1, x + self.dx, -y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

/// Horizontal subpixel positions per pixel used for glyph placement.
pub const SUBPIXEL_STEPS: u32 = 4;
/// Font sizes are quantised to 1/SIZE_STEPS physical px.
pub const SIZE_STEPS: u32 = 4;

/// Where and how to rasterise a glyph whose origin falls at (`x`, `y`) physical px at
/// `size_px`: the baseline snaps to whole pixels, x keeps a subpixel bucket. Shared by the egui
/// painter and the PNG example so both place pixels identically.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct GlyphPlacement {
    /// Whole-pixel x of the origin (bitmap `left` is added to this).
    pub x: i32,
    /// Whole-pixel y of the baseline (bitmap `top` is added to this).
    pub y: i32,
    /// Subpixel bucket, 0..SUBPIXEL_STEPS: rasterise with `x_shift = sub / SUBPIXEL_STEPS`.
    pub sub: u32,
    /// Quantised size: rasterise at `size_q / SIZE_STEPS` px.
    pub size_q: u32,
}

impl GlyphPlacement {
    /// Placement of a glyph origin at (`x`, `y`) physical px, font size `size_px` physical px.
    pub fn new(x: f32, y: f32, size_px: f32) -> GlyphPlacement {
        let x = if x.is_finite() {
            x.clamp(-1.0e9, 1.0e9)
        } else {
            0.0
        };
        let y = if y.is_finite() {
            y.clamp(-1.0e9, 1.0e9)
        } else {
            0.0
        };
        let fx = x.floor();
        let sub = (((x - fx) * SUBPIXEL_STEPS as f32) as u32).min(SUBPIXEL_STEPS - 1);
        let size_q = if size_px.is_finite() {
            (size_px * SIZE_STEPS as f32).round().clamp(1.0, 1.0e6) as u32
        } else {
            1
        };
        GlyphPlacement {
            x: fx as i32,
            y: y.round() as i32,
            sub,
            size_q,
        }
    }

    /// The size to rasterise at, px.
    pub fn size_px(&self) -> f32 {
        self.size_q as f32 / SIZE_STEPS as f32
    }

    /// The subpixel shift to rasterise with, px.
    pub fn x_shift(&self) -> f32 {
        self.sub as f32 / SUBPIXEL_STEPS as f32
    }
}
