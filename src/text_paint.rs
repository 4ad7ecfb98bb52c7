//! INTERIM STUB (uncommitted): replaced by branch `text`. Paints each run's text with egui.
use crate::text::{Paragraph, TextRect};
use egui::{Color32, FontFamily, FontId, Painter, Pos2};
pub struct GlyphAtlas;
impl GlyphAtlas { pub fn new() -> Self { GlyphAtlas } }
impl Default for GlyphAtlas { fn default() -> Self { Self::new() } }
pub fn paint_paragraph(p: &Painter, _a: &mut GlyphAtlas, para: &Paragraph, origin: Pos2, color: Color32) {
    for line in para.lines() {
        for run in &line.runs {
            let t = para.text().get(run.text_range.clone()).unwrap_or("");
            let g = p.layout_no_wrap(t.to_owned(), FontId::new(run.size, FontFamily::Proportional), color);
            let pos = origin + egui::vec2(run.x, line.baseline - g.rows.first().map_or(0.0, |r| r.row.glyphs.first().map_or(0.0, |_| 0.0)) - run.size);
            p.galley(pos, g, color);
        }
    }
}
pub fn paint_rects(p: &Painter, rects: &[TextRect], origin: Pos2, color: Color32) {
    for r in rects { p.rect_filled(egui::Rect::from_min_max(origin + egui::vec2(r.x0, r.y0), origin + egui::vec2(r.x1, r.y1)), 0.0, color); }
}
