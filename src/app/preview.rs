//! File > Preview: the pages as they will be exported, drawn by the app's painter from the
//! exporter's own page layout (`crate::pages`), not from a rasterised PDF, so what the author
//! sees is what circulates.

use std::sync::mpsc::{channel, Receiver, TryRecvError};
use std::sync::Arc;

use egui::{Color32, Key, Rect, Sense, Ui, Vec2};

use super::app_command::AppCommand;
use super::i18n::{tr, UiLanguage};
use crate::model::{Briefing, BriefingLanguage};
use crate::pages::{LinkTarget, Pages, Paper, Rgb};
use crate::text_paint::{paint_lines, GlyphAtlas};

/// What a laid-out briefing is laid out from: the document (its serial number), its revision
/// and the paper.
type LaidFrom = (u64, u64, Paper);

/// Pages, or why there are none (one line for the user).
type Laid = Result<Arc<Pages>, String>;

/// The preview window's state.
#[derive(Default)]
pub struct PreviewState {
    /// Whether the window is open.
    pub open: bool,
    /// The page shown, 0-based.
    pub page: usize,
    /// The pages last laid out and what from; invariant: laid out from exactly that.
    laid: Option<(LaidFrom, Laid)>,
    /// The layout running on a worker thread, at most one (a long briefing takes a tenth of a
    /// second, which typing must not wait for).
    job: Option<(LaidFrom, Receiver<Laid>)>,
    /// The preview's own glyphs, at the one scale they were last drawn at (cleared when the
    /// scale changes, so resizing the window does not pile up glyph bitmaps).
    atlas: GlyphAtlas,
    scale: f32,
    /// Whether a widget had the keyboard at the end of the last frame: an Escape that leaves
    /// a field (egui lets go of the focus before anyone sees the key) does not close the
    /// preview.
    field_had_focus: bool,
}

/// Lay `briefing` out on `paper`, or say why it cannot be.
fn lay_out(briefing: &Briefing, paper: Paper) -> Laid {
    if let Some(problems) = briefing.problems_summary() {
        return Err(crate::pdf::ExportError::Invalid(problems).to_string());
    }
    crate::pages::lay_out(briefing, paper, &mut |_| {})
        .map(Arc::new)
        .map_err(|e| format!("The briefing cannot be laid out: {e}"))
}

impl PreviewState {
    /// The pages to show for `briefing` as `key` names it: the last laid out (perhaps of an
    /// earlier revision) and whether newer ones are on their way. A new layout starts when the
    /// document, its revision or the paper changed and none is running.
    fn pages(
        &mut self,
        ctx: &egui::Context,
        briefing: &Briefing,
        key: LaidFrom,
    ) -> (Option<Laid>, bool) {
        if let Some((from, rx)) = &self.job {
            let done = match rx.try_recv() {
                Ok(result) => Some(result),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => {
                    Some(Err("The layout stopped unexpectedly".to_owned()))
                }
            };
            if let Some(result) = done {
                self.laid = Some((*from, result));
                self.job = None;
            }
        }
        let current = matches!(&self.laid, Some((from, _)) if *from == key);
        if !current && self.job.is_none() {
            let (tx, rx) = channel();
            let briefing = briefing.clone();
            let repaint = ctx.clone();
            std::thread::spawn(move || {
                let _ = tx.send(lay_out(&briefing, key.2));
                repaint.request_repaint();
            });
            self.job = Some((key, rx));
        }
        (self.laid.as_ref().map(|(_, l)| l.clone()), !current)
    }

    /// The pages last laid out, if that worked.
    pub fn laid_out(&self) -> Option<&Pages> {
        match &self.laid {
            Some((_, Ok(pages))) => Some(pages),
            _ => None,
        }
    }

    /// Whether a layout is running.
    pub fn laying_out(&self) -> bool {
        self.job.is_some()
    }
}

fn color(c: Rgb) -> Color32 {
    let byte = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    Color32::from_rgb(byte(c.0), byte(c.1), byte(c.2))
}

/// "Page 2 of 5" in the interface's language (Arabic-Indic digits in Arabic).
fn page_label(lang: UiLanguage, page: usize, total: usize) -> String {
    let language = if lang.is_rtl() {
        BriefingLanguage::Arabic
    } else {
        BriefingLanguage::English
    };
    crate::pages::Labels::of(language).page_of(page, total)
}

/// Show the preview window when it is open. `key` names what `briefing` is (see [`LaidFrom`]).
pub fn preview_ui(
    ctx: &egui::Context,
    state: &mut PreviewState,
    briefing: &Briefing,
    key: LaidFrom,
    lang: UiLanguage,
) -> Vec<AppCommand> {
    let mut out = Vec::new();
    if !state.open {
        if state.atlas.cached_glyphs() > 0 {
            state.atlas.clear();
        }
        return out;
    }
    let (laid, updating) = state.pages(ctx, briefing, key);
    let total = match &laid {
        Some(Ok(p)) => p.pages.len(),
        _ => 0,
    };
    // Keys page through while no field has the keyboard; Escape closes.
    if !ctx.egui_wants_keyboard_input() {
        ctx.input_mut(|i| {
            if i.consume_key(egui::Modifiers::NONE, Key::PageDown) {
                state.page += 1;
            }
            if i.consume_key(egui::Modifiers::NONE, Key::PageUp) {
                state.page = state.page.saturating_sub(1);
            }
            if i.consume_key(egui::Modifiers::NONE, Key::Home) {
                state.page = 0;
            }
            if i.consume_key(egui::Modifiers::NONE, Key::End) {
                state.page = total.saturating_sub(1);
            }
        });
    }
    // Escape closes the preview unless it closes something else: a menu or a dialog over the
    // window (egui's foreground layers), or the focus of a field.
    let over = ctx.memory(|m| {
        m.areas()
            .visible_layer_ids()
            .iter()
            .any(|l| l.order == egui::Order::Foreground)
    });
    if !over && !state.field_had_focus {
        ctx.input_mut(|i| {
            if i.consume_key(egui::Modifiers::NONE, Key::Escape) {
                state.open = false;
            }
        });
    }
    state.page = state.page.min(total.saturating_sub(1));
    let mut open = state.open;
    egui::Window::new(tr(lang, "Preview"))
        .id(egui::Id::unique("preview"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_size([640.0, 860.0])
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .show(ctx, |ui| {
            let layout = if lang.is_rtl() {
                egui::Layout::right_to_left(egui::Align::Center)
            } else {
                egui::Layout::left_to_right(egui::Align::Center)
            };
            let row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
            ui.allocate_ui_with_layout(row, layout, |ui| {
                let back =
                    ui.add_enabled(state.page > 0, egui::Button::new(tr(lang, "Previous page")));
                if back.clicked() {
                    state.page = state.page.saturating_sub(1);
                }
                if total > 0 {
                    ui.label(page_label(lang, state.page + 1, total));
                }
                let on = ui.add_enabled(
                    state.page + 1 < total,
                    egui::Button::new(tr(lang, "Next page")),
                );
                if on.clicked() {
                    state.page += 1;
                }
                ui.separator();
                if ui.button(tr(lang, "Export PDF…")).clicked() {
                    out.push(AppCommand::ExportDialog);
                }
                if updating && laid.is_some() {
                    ui.spinner();
                    ui.weak(tr(lang, "Updating…"));
                }
            });
            ui.separator();
            match &laid {
                None => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(tr(lang, "Laying out the pages…"));
                    });
                }
                Some(Err(why)) => {
                    ui.colored_label(ui.visuals().error_fg_color, why);
                }
                Some(Ok(pages)) => {
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            if let Some(to) = page_ui(ui, pages, state, lang) {
                                state.page = to;
                            }
                        });
                }
            }
        });
    if !open {
        state.open = false;
    }
    state.field_had_focus = ctx.memory(|m| m.focused().is_some());
    out
}

/// One page, as wide as the window allows, as white paper with its lines and rules; each line
/// is also a labelled node for screen readers (and tests), in reading order. Its links work as
/// in a PDF reader: a contents entry goes to its heading's page (returned), an address opens.
fn page_ui(
    ui: &mut Ui,
    pages: &Pages,
    state: &mut PreviewState,
    lang: UiLanguage,
) -> Option<usize> {
    let index = state.page;
    let page = pages.pages.get(index)?;
    let g = pages.geometry;
    let margin = 12.0;
    // As wide as the window allows, in steps of 5%: resizing draws the glyphs afresh only at
    // each step, and the atlas keeps one scale's glyphs.
    let fit = (ui.available_width() - 2.0 * margin) / g.width;
    let scale = ((fit * 20.0).floor() / 20.0).clamp(0.3, 3.0);
    if scale != state.scale {
        state.atlas.clear();
        state.scale = scale;
    }
    let atlas = &mut state.atlas;
    let size = Vec2::new(g.width, g.height) * scale;
    let (area, _) = ui.allocate_exact_size(size + Vec2::splat(2.0 * margin), Sense::hover());
    let paper = Rect::from_min_size(area.min + Vec2::splat(margin), size);
    let painter = ui.painter_at(area);
    painter.rect_filled(
        paper.translate(Vec2::splat(3.0)),
        2.0,
        Color32::from_black_alpha(60),
    );
    painter.rect_filled(paper, 0.0, Color32::WHITE);
    let at = |x: f32, y: f32| paper.min + Vec2::new(x, y) * scale;
    for r in &page.rules {
        let size = Vec2::new(r.width, r.height) * scale;
        let rect = Rect::from_min_size(at(r.x, r.y), size);
        if size.max_elem() < 2.0 {
            // A leader dot: under a pixel at small sizes, where egui's feathering all but
            // erases a rectangle; a dot of at least a pixel and a half reads as the print does.
            painter.circle_filled(
                rect.center(),
                (0.5 * size.max_elem()).max(0.75),
                color(r.color),
            );
        } else {
            painter.rect_filled(rect, 0.0, color(r.color));
        }
    }
    let lines = page.lines.iter().filter_map(|placed| {
        let (_, line) = pages.line_of(placed)?;
        Some((line, at(placed.left, placed.offset), color(placed.color)))
    });
    paint_lines(&painter, atlas, lines, scale);
    for (i, placed) in page.lines.iter().enumerate() {
        let Some((_, line)) = pages.line_of(placed) else {
            continue;
        };
        let (x0, x1) = line.runs.iter().fold((f32::MAX, f32::MIN), |(a, b), r| {
            (a.min(r.x), b.max(r.x + r.width))
        });
        if x0 > x1 {
            continue;
        }
        let rect = Rect::from_min_max(
            at(placed.left + x0, placed.offset + line.top),
            at(placed.left + x1, placed.offset + line.top + line.height),
        );
        let text = pages.line_text(placed);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let response = ui.interact(
            rect,
            egui::Id::unique(("preview-line", index, i)),
            Sense::hover(),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    }
    let mut go_to = None;
    for (n, link) in pages.links.iter().enumerate() {
        if link.page != index {
            continue;
        }
        let [x0, y0, x1, y1] = link.rect;
        let rect = Rect::from_min_max(at(x0, y0), at(x1, y1));
        let response = ui
            .interact(
                rect,
                egui::Id::unique(("preview-link", index, n)),
                Sense::click(),
            )
            .on_hover_cursor(egui::CursorIcon::PointingHand);
        match &link.target {
            LinkTarget::Place { page, .. } => {
                let label = page_label(lang, page + 1, pages.pages.len());
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, &label));
                if response.clicked() {
                    go_to = Some(*page);
                }
            }
            LinkTarget::Uri(uri) => {
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, uri));
                if response.clicked() {
                    ui.ctx().open_url(egui::OpenUrl::new_tab(uri));
                }
            }
        }
    }
    go_to
}
