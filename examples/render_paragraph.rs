//! Renders the sample article's second paragraph wrapped at 320 and 640 px into
//! `docs/text-engine-paragraph-{320,640}.png`, with the same glyph placement and rasteriser as
//! the egui painter (`text::raster`). Faint guides mark the wrap width.
//!
//! Run with `cargo run --example render_paragraph`.

use std::collections::HashMap;
use std::process::ExitCode;

use briefing::text::raster::{rasterize_glyph, GlyphBitmap, GlyphPlacement};
use briefing::text::{Align, BaseDirection, FontFace, TextEngine, TextStyle};
use tiny_skia::{Color, Paint, Pixmap, Rect, Transform};

const SAMPLE: &str = include_str!("../assets/kuwait-istanbul-cooperation-initiative.ar.txt");
/// Physical pixels per layout px (a HiDPI screen), so the picture is legible.
const SCALE: f32 = 2.0;
const MARGIN: f32 = 16.0;

fn main() -> ExitCode {
    let Some(paragraph) = SAMPLE.lines().nth(3) else {
        eprintln!("error: the sample article has no second paragraph");
        return ExitCode::FAILURE;
    };
    let mut engine = TextEngine::new();
    let style = TextStyle {
        size: 18.0,
        line_height: 1.7,
        ..TextStyle::default()
    };
    let mut para = engine.shape(paragraph, &style, BaseDirection::Auto);
    let mut cache: HashMap<(FontFace, u32, GlyphPlacementKey), Option<GlyphBitmap>> =
        HashMap::new();
    for width in [320.0_f32, 640.0] {
        para.layout(width, Align::Start);
        let w = ((width + 2.0 * MARGIN) * SCALE).ceil() as u32;
        let h = ((para.height() + 2.0 * MARGIN) * SCALE).ceil() as u32;
        let Some(mut pixmap) = Pixmap::new(w, h) else {
            eprintln!("error: cannot allocate a {w}x{h} picture");
            return ExitCode::FAILURE;
        };
        pixmap.fill(Color::WHITE);
        let mut guide = Paint::default();
        guide.set_color_rgba8(200, 220, 255, 255);
        for x in [MARGIN, MARGIN + width] {
            if let Some(r) = Rect::from_xywh(x * SCALE - 1.0, 0.0, 2.0, h as f32) {
                pixmap.fill_rect(r, &guide, Transform::identity(), None);
            }
        }
        let stride = w as usize;
        let data = pixmap.data_mut();
        for line in para.lines() {
            for run in &line.runs {
                for g in &run.glyphs {
                    let place = GlyphPlacement::new(
                        (MARGIN + g.x) * SCALE,
                        (MARGIN + g.y) * SCALE,
                        run.size * SCALE,
                    );
                    let bmp = cache
                        .entry((run.face, g.id, GlyphPlacementKey::from(&place)))
                        .or_insert_with(|| {
                            rasterize_glyph(run.face, g.id, place.size_px(), place.x_shift())
                        });
                    let Some(bmp) = bmp else { continue };
                    for row in 0..bmp.height as i32 {
                        for col in 0..bmp.width as i32 {
                            let (x, y) = (place.x + bmp.left + col, place.y + bmp.top + row);
                            if x < 0 || y < 0 || x >= w as i32 || y >= h as i32 {
                                continue;
                            }
                            let a = bmp.alpha[(row as u32 * bmp.width + col as u32) as usize];
                            let i = (y as usize * stride + x as usize) * 4;
                            for c in &mut data[i..i + 3] {
                                // Black text over the background, premultiplied RGBA.
                                *c = (u32::from(*c) * (255 - u32::from(a)) / 255) as u8;
                            }
                        }
                    }
                }
            }
        }
        let path = format!("docs/text-engine-paragraph-{}.png", width as u32);
        if let Err(e) = std::fs::create_dir_all("docs")
            .map_err(|e| e.to_string())
            .and_then(|()| pixmap.save_png(&path).map_err(|e| e.to_string()))
        {
            eprintln!("error: cannot write {path}: {e}");
            return ExitCode::FAILURE;
        }
        println!("{path}: {} lines, {}x{} px", para.lines().len(), w, h);
    }
    ExitCode::SUCCESS
}

/// Cache key part of a placement (the bitmap depends on size and subpixel bucket only).
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
struct GlyphPlacementKey(u32, u32);

impl From<&GlyphPlacement> for GlyphPlacementKey {
    fn from(p: &GlyphPlacement) -> Self {
        GlyphPlacementKey(p.size_q, p.sub)
    }
}
