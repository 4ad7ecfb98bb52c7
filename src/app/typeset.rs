//! The app's side of the text engine: one `TextEngine` and glyph atlas for the whole window,
//! and a cache of small wrapped texts (quotes in the outline) so they are shaped once.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use egui::{Color32, Response, Sense, Ui, Vec2};

use crate::model::Direction;
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

    /// An editable text field that shows right-to-left text the right way round. egui's
    /// `TextEdit` has no bidi (its words of Arabic come out in reverse order), so while the
    /// field is not being edited, text with any right-to-left letter is painted by the text
    /// engine in the field's frame; a click or keyboard focus (the two share `id`) brings the
    /// `TextEdit` back for editing. Returns the `TextEdit`'s response while editing, else the
    /// display's.
    pub fn text_field(
        &mut self,
        ui: &mut Ui,
        text: &mut String,
        id: egui::Id,
        edit: impl FnOnce(egui::TextEdit<'_>) -> egui::TextEdit<'_>,
        multiline: bool,
    ) -> Response {
        let editing = ui.memory(|m| m.has_focus(id));
        let rtl = text.chars().any(Direction::is_rtl_letter);
        if editing || !rtl {
            let field = if multiline {
                egui::TextEdit::multiline(text)
            } else {
                egui::TextEdit::singleline(text)
            };
            return ui.add(edit(field.id(id)));
        }
        let margin = ui.spacing().button_padding;
        let width = ui.available_width().max(40.0).floor();
        let size = egui::TextStyle::Body.resolve(ui.style()).size;
        let inner = (width - 2.0 * margin.x).max(20.0);
        let color = ui.visuals().text_color();
        let look = SnippetLook::new(size, false);
        let height =
            Self::snippet(&mut self.snippets, &mut self.engine, text, look, inner).height();
        let h = (height + 2.0 * margin.y).max(ui.spacing().interact_size.y);
        let (rect, _) = ui.allocate_exact_size(Vec2::new(width, h), Sense::hover());
        let response = ui.interact(rect, id, Sense::click());
        if response.clicked() {
            response.request_focus();
        }
        if ui.is_rect_visible(rect) {
            let visuals = ui.style().interact(&response);
            ui.painter().rect(
                rect,
                visuals.corner_radius,
                ui.visuals().extreme_bg_color,
                visuals.bg_stroke,
                egui::StrokeKind::Inside,
            );
            let para = Self::snippet(&mut self.snippets, &mut self.engine, text, look, inner);
            let top = rect.min + Vec2::new(margin.x, (h - para.height()) / 2.0);
            paint_paragraph(ui.painter(), &mut self.atlas, para, top, color);
        }
        let label = text.clone();
        response
            .widget_info(move || egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
        response.on_hover_cursor(egui::CursorIcon::Text)
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
        let width = ui.available_width().max(40.0).floor();
        let para = Self::snippet(&mut self.snippets, &mut self.engine, text, look, width);
        let (rect, response) = ui.allocate_exact_size(Vec2::new(width, para.height()), sense);
        if ui.is_rect_visible(rect) {
            paint_paragraph(ui.painter(), &mut self.atlas, para, rect.min, color);
        }
        let label = text.to_owned();
        response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
        response
    }
}
