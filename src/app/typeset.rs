//! The app's side of the text engine: one `TextEngine` and glyph atlas for the whole window,
//! and a cache of small wrapped texts (quotes in the outline) so they are shaped once.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use egui::{Color32, Response, Sense, Ui, Vec2};

use crate::text::{Align, BaseDirection, Paragraph, TextEngine, TextStyle, Weight};
use crate::text_paint::{paint_paragraph, GlyphAtlas};

/// Above this many cached snippets the cache starts over (they are cheap to shape again).
const MAX_SNIPPETS: usize = 2000;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct SnippetKey {
    text: u64,
    dir: BaseDirection,
    size: u32,
    bold: bool,
    width: u32,
}

/// Size, weight and direction of a snippet.
#[derive(Copy, Clone, Debug)]
pub struct SnippetLook {
    /// Paragraph direction; `Auto` follows the text.
    pub dir: BaseDirection,
    /// Font size in points.
    pub size: f32,
    /// Bold face.
    pub bold: bool,
}

impl SnippetLook {
    /// Regular or bold text of `size`, in its own direction.
    pub fn new(size: f32, bold: bool) -> SnippetLook {
        SnippetLook {
            dir: BaseDirection::Auto,
            size,
            bold,
        }
    }

    /// The same look in direction `dir`.
    pub fn dir(self, dir: BaseDirection) -> SnippetLook {
        SnippetLook { dir, ..self }
    }
}

/// Shapes, caches and paints text with the bundled fonts. Everything the app shows of an
/// article (reader, quotes in the outline) goes through here, never through egui labels.
pub struct Typesetter {
    /// The engine (parley with only the bundled fonts).
    pub engine: TextEngine,
    /// Rasterised glyphs, uploaded to egui as textures.
    pub atlas: GlyphAtlas,
    snippets: HashMap<SnippetKey, Paragraph>,
    /// Shaped paragraphs of the text fields.
    fields: crate::widgets::FieldCache,
}

impl Default for Typesetter {
    fn default() -> Self {
        Self::new()
    }
}

impl Typesetter {
    /// A typesetter with an empty cache.
    pub fn new() -> Typesetter {
        Typesetter {
            engine: TextEngine::new(),
            atlas: GlyphAtlas::new(),
            snippets: HashMap::new(),
            fields: crate::widgets::FieldCache::default(),
        }
    }

    /// A cached layout of `text` at `width`.
    fn snippet<'a>(
        snippets: &'a mut HashMap<SnippetKey, Paragraph>,
        engine: &mut TextEngine,
        text: &str,
        look: SnippetLook,
        width: f32,
    ) -> &'a Paragraph {
        let SnippetLook { dir, size, bold } = look;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut h);
        let key = SnippetKey {
            text: h.finish(),
            dir,
            size: size.to_bits(),
            bold,
            width: width.to_bits(),
        };
        if snippets.len() > MAX_SNIPPETS {
            snippets.clear();
        }
        snippets.entry(key).or_insert_with(|| {
            let style = TextStyle {
                size,
                weight: if bold { Weight::Bold } else { Weight::Regular },
                italic: false,
                line_height: 1.6,
            };
            let mut p = engine.shape(text, &style, dir);
            p.layout(width, Align::Start);
            p
        })
    }

    /// The frame is over: let go of field paragraphs no field showed during it.
    pub fn end_frame(&mut self) {
        self.fields.end_frame();
    }

    /// Shaped field paragraphs held between frames.
    pub fn field_paragraphs_held(&self) -> usize {
        self.fields.len()
    }

    /// A text field on the engine (see [`crate::widgets::TextField`]).
    pub fn field_ui(
        &mut self,
        ui: &mut Ui,
        field: crate::widgets::TextField<'_>,
    ) -> crate::widgets::FieldOutput {
        field.show(ui, &mut self.engine, &mut self.atlas, &mut self.fields)
    }

    /// Show `text` wrapped to the available width, start-aligned in the look's direction
    /// (`Auto`: its own, so an Arabic title is right-aligned and a Latin one left-aligned),
    /// labelled with the text for AccessKit.
    pub fn snippet_ui(
        &mut self,
        ui: &mut Ui,
        text: &str,
        look: SnippetLook,
        color: Color32,
        sense: Sense,
    ) -> Response {
        self.marked_snippet_ui(ui, text, look, color, sense, None)
    }

    /// `text` on one line at its natural width (at most the available width, clipped beyond),
    /// in its own direction: a status message or a label that may hold an Arabic title, which
    /// egui's own labels would show in the wrong order.
    pub fn line_ui(
        &mut self,
        ui: &mut Ui,
        text: &str,
        look: SnippetLook,
        color: Color32,
    ) -> Response {
        let para = Self::snippet(
            &mut self.snippets,
            &mut self.engine,
            text,
            look,
            f32::INFINITY,
        );
        let width = para.width().ceil().min(ui.available_width().max(0.0));
        let (rect, response) =
            ui.allocate_exact_size(Vec2::new(width, para.height()), Sense::hover());
        if ui.is_rect_visible(rect) {
            let painter = ui.painter_at(rect);
            // Clipped, a right-to-left line keeps its start (its right end) in view.
            let shift = if para.is_rtl() {
                width - para.width()
            } else {
                0.0
            };
            paint_paragraph(
                &painter,
                &mut self.atlas,
                para,
                rect.min + Vec2::new(shift, 0.0),
                color,
            );
        }
        let label = text.to_owned();
        response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
        response
    }

    /// [`Typesetter::snippet_ui`] with bytes `mark` of `text` highlighted at their exact glyphs
    /// (a find match in its line of context).
    pub fn marked_snippet_ui(
        &mut self,
        ui: &mut Ui,
        text: &str,
        look: SnippetLook,
        color: Color32,
        sense: Sense,
        mark: Option<(std::ops::Range<usize>, Color32)>,
    ) -> Response {
        let width = ui.available_width().max(40.0).floor();
        let para = Self::snippet(&mut self.snippets, &mut self.engine, text, look, width);
        let (rect, response) = ui.allocate_exact_size(Vec2::new(width, para.height()), sense);
        if ui.is_rect_visible(rect) {
            if let Some((range, fill)) = mark {
                let rects = para.selection_rects(range);
                crate::text_paint::paint_rects(ui.painter(), &rects, rect.min, fill);
            }
            paint_paragraph(ui.painter(), &mut self.atlas, para, rect.min, color);
        }
        let label = text.to_owned();
        response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
        response
    }
}
