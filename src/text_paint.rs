//! Paints a [`Paragraph`]'s own glyphs with egui: exactly the glyph ids and positions the text
//! engine laid out (no re-shaping by egui, which has no bidi and would un-mirror brackets).
//!
//! Glyphs are rasterised once per (face, glyph, physical size, subpixel x bucket) into atlas
//! pages uploaded as egui textures; a repeat frame only looks glyphs up and builds quads.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use egui::{Color32, ColorImage, Mesh, Pos2, Rect, Shape, TextureHandle, TextureOptions};

use crate::text::raster::{rasterize_glyph, GlyphPlacement};
use crate::text::{FontFace, Line, Paragraph, TextRect};

/// Side of a square atlas page, in texels.
const PAGE: usize = 1024;

/// Cache of rasterised glyphs in egui textures. Keep one per egui context for the app's
/// lifetime; invariant: a glyph is rasterised and uploaded once, later frames reuse it.
pub struct GlyphAtlas {
    pages: Vec<Page>,
    entries: HashMap<u64, Option<Entry>, BuildHasherDefault<KeyHasher>>,
}

struct Page {
    image: ColorImage,
    texture: Option<TextureHandle>,
    /// Shelf packer: next free x on the current row, the row's top and its height.
    x: usize,
    y: usize,
    row: usize,
    /// Texels written since the last upload: min x, min y, max x, max y.
    dirty: Option<[usize; 4]>,
}

#[derive(Copy, Clone)]
struct Entry {
    page: usize,
    x: u16,
    y: u16,
    w: u16,
    h: u16,
    left: i32,
    top: i32,
}

impl Default for GlyphAtlas {
    fn default() -> Self {
        Self::new()
    }
}

impl GlyphAtlas {
    /// An empty atlas; textures are created on first paint.
    pub fn new() -> Self {
        GlyphAtlas {
            pages: Vec::new(),
            entries: HashMap::default(),
        }
    }

    /// Drops every cached glyph and texture (e.g. after a big zoom change), freeing memory.
    pub fn clear(&mut self) {
        self.pages.clear();
        self.entries.clear();
    }

    /// Number of glyph bitmaps cached (for tests and diagnostics).
    pub fn cached_glyphs(&self) -> usize {
        self.entries.len()
    }

    fn entry(&mut self, face: FontFace, id: u32, place: &GlyphPlacement) -> Option<Entry> {
        let (size_q, sub) = (place.size_q, place.sub);
        let key = (face as u64) << 60
            | u64::from(id & 0xFF_FFFF) << 28
            | u64::from(size_q & 0xFF_FFFF) << 4
            | u64::from(sub & 0xF);
        if let Some(e) = self.entries.get(&key) {
            return *e;
        }
        let entry = rasterize_glyph(face, id, place.size_px(), place.x_shift())
            .and_then(|bmp| self.insert(&bmp));
        self.entries.insert(key, entry);
        entry
    }

    fn insert(&mut self, bmp: &crate::text::raster::GlyphBitmap) -> Option<Entry> {
        let (w, h) = (bmp.width as usize, bmp.height as usize);
        // One texel of padding around each glyph keeps linear filtering from bleeding.
        let (pw, ph) = (w + 1, h + 1);
        if pw > PAGE || ph > PAGE {
            return None;
        }
        let fits = |p: &Page| {
            (p.x + pw <= PAGE && p.y + ph.max(p.row) <= PAGE) || (p.y + p.row + ph <= PAGE)
        };
        if !self.pages.last().is_some_and(fits) {
            self.pages.push(Page {
                image: ColorImage::new([PAGE, PAGE], vec![Color32::TRANSPARENT; PAGE * PAGE]),
                texture: None,
                x: 0,
                y: 0,
                row: 0,
                dirty: None,
            });
        }
        let page_index = self.pages.len() - 1;
        let page = self.pages.get_mut(page_index)?;
        if page.x + pw > PAGE {
            page.y += page.row;
            page.x = 0;
            page.row = 0;
        }
        let (x, y) = (page.x, page.y);
        page.x += pw;
        page.row = page.row.max(ph);
        for row in 0..h {
            let src = bmp.alpha.get(row * w..(row + 1) * w)?;
            let start = (y + row) * PAGE + x;
            let dst = page.image.pixels.get_mut(start..start + w)?;
            for (d, &a) in dst.iter_mut().zip(src) {
                *d = Color32::from_white_alpha(a);
            }
        }
        let d = page.dirty.get_or_insert([x, y, x + w, y + h]);
        *d = [d[0].min(x), d[1].min(y), d[2].max(x + w), d[3].max(y + h)];
        Some(Entry {
            page: page_index,
            x: x as u16,
            y: y as u16,
            w: w as u16,
            h: h as u16,
            left: bmp.left,
            top: bmp.top,
        })
    }

    /// Uploads what changed since the last frame: a new page whole, an existing one partially.
    fn upload(&mut self, ctx: &egui::Context) {
        for (i, page) in self.pages.iter_mut().enumerate() {
            let Some([x0, y0, x1, y1]) = page.dirty.take() else {
                continue;
            };
            match &mut page.texture {
                None => {
                    page.texture = Some(ctx.load_texture(
                        format!("briefing-glyphs-{i}"),
                        page.image.clone(),
                        TextureOptions::LINEAR,
                    ))
                }
                Some(tex) => {
                    let (w, h) = (x1 - x0, y1 - y0);
                    let mut pixels = Vec::with_capacity(w * h);
                    for row in y0..y1 {
                        pixels.extend_from_slice(
                            &page.image.pixels[row * PAGE + x0..row * PAGE + x1],
                        );
                    }
                    tex.set_partial(
                        [x0, y0],
                        ColorImage::new([w, h], pixels),
                        TextureOptions::LINEAR,
                    );
                }
            }
        }
    }
}

/// Paints the paragraph's glyphs with their top-left at `origin` (points), tinted `color`.
/// Lines outside the painter's clip rect are skipped, so long paragraphs cost what is visible.
pub fn paint_paragraph(
    painter: &egui::Painter,
    atlas: &mut GlyphAtlas,
    para: &Paragraph,
    origin: Pos2,
    color: Color32,
) {
    paint_lines(
        painter,
        atlas,
        para.lines().iter().map(|l| (l, origin, color)),
        1.0,
    );
}

/// Paints lines of laid-out paragraphs, each `(line, origin of its paragraph, colour)`, all
/// magnified by `scale` about their origins (the preview shows pages at any size). Lines
/// outside the painter's clip rect are skipped.
pub fn paint_lines<'a>(
    painter: &egui::Painter,
    atlas: &mut GlyphAtlas,
    lines: impl IntoIterator<Item = (&'a Line, Pos2, Color32)>,
    scale: f32,
) {
    let ppp = painter.pixels_per_point();
    if !(ppp.is_finite() && ppp > 0.0 && scale.is_finite() && scale > 0.0) {
        return;
    }
    let clip = painter.clip_rect();
    let uv_scale = 1.0 / PAGE as f32;
    let mut meshes: Vec<Mesh> = Vec::new();
    for (line, origin, color) in lines {
        // Marks and tall glyphs overflow the line box; keep a line's height of margin.
        let top = origin.y + (line.top - line.height) * scale;
        let bottom = origin.y + (line.top + 2.0 * line.height) * scale;
        if bottom < clip.min.y || top > clip.max.y {
            continue;
        }
        for run in &line.runs {
            let size_px = run.size * scale * ppp;
            for g in &run.glyphs {
                let place = GlyphPlacement::new(
                    (origin.x + g.x * scale) * ppp,
                    (origin.y + g.y * scale) * ppp,
                    size_px,
                );
                let Some(e) = atlas.entry(run.face, g.id, &place) else {
                    continue;
                };
                while meshes.len() <= e.page {
                    meshes.push(Mesh::default());
                }
                let min = Pos2::new(
                    (place.x + e.left) as f32 / ppp,
                    (place.y + e.top) as f32 / ppp,
                );
                let rect = Rect::from_min_size(
                    min,
                    egui::vec2(f32::from(e.w) / ppp, f32::from(e.h) / ppp),
                );
                let uv = Rect::from_min_max(
                    Pos2::new(f32::from(e.x) * uv_scale, f32::from(e.y) * uv_scale),
                    Pos2::new(
                        f32::from(e.x + e.w) * uv_scale,
                        f32::from(e.y + e.h) * uv_scale,
                    ),
                );
                meshes[e.page].add_rect_with_uv(rect, uv, color);
            }
        }
    }
    atlas.upload(painter.ctx());
    for (page, mut mesh) in meshes.into_iter().enumerate() {
        let Some(tex) = atlas.pages.get(page).and_then(|p| p.texture.as_ref()) else {
            continue;
        };
        if mesh.is_empty() {
            continue;
        }
        mesh.texture_id = tex.id();
        painter.add(Shape::mesh(mesh));
    }
}

/// Fills `rects` (paragraph coordinates, e.g. from [`Paragraph::selection_rects`]) offset by
/// `origin`: selection and highlights, painted before the text.
pub fn paint_rects(painter: &egui::Painter, rects: &[TextRect], origin: Pos2, fill: Color32) {
    for r in rects {
        let rect = Rect::from_min_max(
            Pos2::new(origin.x + r.x0, origin.y + r.y0),
            Pos2::new(origin.x + r.x1, origin.y + r.y1),
        );
        painter.rect_filled(rect, 0.0, fill);
    }
}

/// Multiplicative hasher for the atlas's packed `u64` keys (SipHash is needlessly slow here).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}
