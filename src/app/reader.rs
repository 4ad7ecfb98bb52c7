//! The reader: an article's blocks shaped by the text engine and painted from its glyphs, with
//! selection at character precision. Only the paragraphs in view are laid out; the others
//! count with an estimated height until they scroll into view.

use std::ops::Range;

use egui::{Color32, Pos2, Rect, Sense, Ui, Vec2};

use crate::model::{Article, ArticleId, BlockKind, Direction, ItemId, QuoteId, Slot};
use crate::text::{Align, BaseDirection, Paragraph, TextStyle, Weight};
use crate::text_paint::{paint_paragraph, paint_rects};
use crate::widgets::{AccessParagraph, TextPublisher};

use super::app_command::AppCommand;
use super::dnd::DragPayload;
use super::i18n::{tr, UiLanguage};
use super::typeset::Typesetter;

/// Body text size at zoom 1.0, in points.
pub const BASE_SIZE: f32 = 18.0;
/// The longest line, in multiples of the body size (about 70 characters of Arabic or Latin).
const MEASURE_EM: f32 = 36.0;
/// Width of the margin beside the column that holds the floating "Add quote" button.
const ADD_QUOTE_GUTTER: f32 = 110.0;
/// At most this many paragraphs keep their layout; the rest are laid out again when seen.
const MAX_LAID_OUT: usize = 300;
/// How long a revealed quote flashes, in seconds.
const FLASH_SECONDS: f64 = 1.2;

/// The fill that marks find matches, in the reader and in the find bar's list.
pub fn found_fill(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgba_unmultiplied(60, 170, 90, 90)
    } else {
        Color32::from_rgba_unmultiplied(120, 220, 120, 110)
    }
}

/// The reader's selection: a logical byte range of the article text (it can span blocks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Where the selection started (stays put while extending).
    pub anchor: usize,
    /// Where it ends (follows the pointer).
    pub focus: usize,
}

impl Selection {
    /// The selected bytes, in logical order.
    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.focus)..self.anchor.max(self.focus)
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.anchor == self.focus
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct LayoutKey {
    article: ArticleId,
    text_len: usize,
    zoom: f32,
}

struct BlockLayout {
    para: Paragraph,
    width: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DragMode {
    None,
    Select,
    Move,
}

/// The reader's state between frames: which article, the selection, cached layouts.
pub struct ReaderState {
    /// The article shown.
    pub article: Option<ArticleId>,
    /// The current selection, if any.
    pub selection: Option<Selection>,
    key: Option<LayoutKey>,
    layouts: Vec<Option<BlockLayout>>,
    heights: Vec<f32>,
    /// Top of each block, relative to the content's top (one more entry: the total height).
    offsets: Vec<f32>,
    column: Rect,
    content_origin: Pos2,
    column_width: f32,
    scroll_to: Option<usize>,
    flash: Option<(Range<usize>, f64)>,
    drag: DragMode,
    laid_out_count: usize,
}

impl Default for ReaderState {
    fn default() -> Self {
        ReaderState {
            article: None,
            selection: None,
            key: None,
            layouts: Vec::new(),
            heights: Vec::new(),
            offsets: Vec::new(),
            column: Rect::NOTHING,
            content_origin: Pos2::ZERO,
            column_width: 0.0,
            scroll_to: None,
            flash: None,
            drag: DragMode::None,
            laid_out_count: 0,
        }
    }
}

/// What the reader needs to know about the rest of the app this frame.
pub struct ReaderContext {
    /// Zoom factor of the text.
    pub zoom: f32,
    /// Matches of the find bar in the shown article, highlighted at their glyphs.
    pub found: Vec<Range<usize>>,
    /// Quotes taken from the shown article: their ranges stay softly highlighted.
    pub quotes: Vec<(Range<usize>, QuoteId)>,
    /// The agenda items, for the context menu.
    pub agenda: Vec<(ItemId, String)>,
    /// Interface language.
    pub lang: UiLanguage,
}

impl ReaderState {
    /// Show `article` from the top, with no selection.
    pub fn show_article(&mut self, id: Option<ArticleId>) {
        if self.article != id {
            self.article = id;
            self.selection = None;
            self.key = None;
            self.drag = DragMode::None;
        }
    }

    /// The selected text range, if non-empty.
    pub fn selected_range(&self) -> Option<Range<usize>> {
        self.selection.filter(|s| !s.is_empty()).map(|s| s.range())
    }

    /// Scroll to `range` of the shown article and flash it.
    pub fn reveal(&mut self, range: Range<usize>, now: f64) {
        self.scroll_to = Some(range.start);
        self.flash = Some((range, now));
    }

    /// Select `range` of the shown article and scroll to it (a find match), without a flash:
    /// the selection marks it, ready for Add quote.
    pub fn select_and_reveal(&mut self, range: Range<usize>) {
        self.selection = Some(Selection {
            anchor: range.start,
            focus: range.end,
        });
        self.scroll_to = Some(range.start);
    }

    /// The laid-out paragraph of block `index` from the last frame, if it was in view.
    pub fn paragraph(&self, index: usize) -> Option<&Paragraph> {
        self.layouts.get(index)?.as_ref().map(|l| &l.para)
    }

    /// Where block `index`'s paragraph was painted last frame (its top-left, in screen points).
    pub fn paragraph_origin(&self, index: usize) -> Option<Pos2> {
        let top = *self.offsets.get(index)?;
        Some(Pos2::new(self.column.left(), self.content_origin.y + top))
    }

    fn style(kind: BlockKind, rtl: bool, zoom: f32) -> TextStyle {
        let size = BASE_SIZE * zoom;
        let line_height = if rtl { 1.7 } else { 1.5 };
        match kind {
            BlockKind::Title => TextStyle {
                size: size * 1.55,
                weight: Weight::Bold,
                italic: false,
                line_height: 1.45,
            },
            BlockKind::Heading(level) => TextStyle {
                size: size * if level <= 1 { 1.3 } else { 1.15 },
                weight: Weight::Bold,
                italic: false,
                line_height: 1.5,
            },
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::BlockQuote => TextStyle {
                size,
                weight: Weight::Regular,
                italic: false,
                line_height,
            },
        }
    }

    /// Indent of a block on its start side, in points.
    fn indent(kind: BlockKind, size: f32) -> f32 {
        match kind {
            BlockKind::ListItem | BlockKind::BlockQuote => size * 1.5,
            _ => 0.0,
        }
    }

    /// Space after a block.
    fn gap_after(kind: BlockKind, size: f32) -> f32 {
        match kind {
            BlockKind::Title => size * 1.2,
            BlockKind::Heading(_) => size * 0.4,
            BlockKind::ListItem => size * 0.3,
            _ => size * 0.9,
        }
    }

    /// Reset caches when the article or zoom changed; keep them when only the width changed.
    fn prepare(&mut self, article: &Article, zoom: f32, column_width: f32) {
        let key = LayoutKey {
            article: article.id,
            text_len: article.text.len(),
            zoom,
        };
        let n = article.blocks.len();
        if self.key != Some(key) || self.layouts.len() != n {
            self.key = Some(key);
            self.layouts = (0..n).map(|_| None).collect();
            self.heights = vec![0.0; n];
            self.laid_out_count = 0;
            self.column_width = 0.0;
        }
        if self.column_width != column_width {
            self.column_width = column_width;
            let rtl = article.direction == Direction::Rtl;
            for (i, block) in article.blocks.iter().enumerate() {
                if self.layouts[i].is_none() || self.heights[i] == 0.0 {
                    let style = Self::style(block.kind, rtl, zoom);
                    let width = column_width - Self::indent(block.kind, BASE_SIZE * zoom);
                    self.heights[i] = estimate_height(block.end - block.start, &style, width);
                }
            }
        }
        self.recompute_offsets(article, zoom);
    }

    fn recompute_offsets(&mut self, article: &Article, zoom: f32) {
        let size = BASE_SIZE * zoom;
        self.offsets.clear();
        let mut y = size;
        for (i, block) in article.blocks.iter().enumerate() {
            self.offsets.push(y);
            y += self.heights[i] + Self::gap_after(block.kind, size);
        }
        self.offsets.push(y + size * 2.0);
    }

    /// Make sure block `i` is laid out at the current width; returns whether its height changed.
    fn ensure_layout(
        &mut self,
        ts: &mut Typesetter,
        article: &Article,
        i: usize,
        zoom: f32,
    ) -> bool {
        let Some(block) = article.blocks.get(i) else {
            return false;
        };
        let width = self.column_width - Self::indent(block.kind, BASE_SIZE * zoom);
        match &mut self.layouts[i] {
            Some(l) if l.width == width => {}
            Some(l) => {
                l.para.layout(width, Align::Start);
                l.width = width;
            }
            None => {
                let style = Self::style(block.kind, article.direction == Direction::Rtl, zoom);
                // The block's own direction (mostly its article's; see `Direction::of_paragraph`),
                // the one its quotes keep in the outline and the PDF.
                let dir = BaseDirection::forced(Some(article.block_direction(i) == Direction::Rtl));
                let mut para = ts.engine.shape(article.block_text(block), &style, dir);
                para.layout(width, Align::Start);
                self.layouts[i] = Some(BlockLayout { para, width });
                self.laid_out_count += 1;
            }
        }
        let h = self.layouts[i].as_ref().map_or(0.0, |l| l.para.height());
        let changed = (self.heights[i] - h).abs() > 0.01;
        self.heights[i] = h;
        changed
    }

    fn evict_far_layouts(&mut self, visible: Range<usize>) {
        if self.laid_out_count <= MAX_LAID_OUT {
            return;
        }
        let keep = visible.start.saturating_sub(50)..visible.end + 50;
        for (i, slot) in self.layouts.iter_mut().enumerate() {
            if !keep.contains(&i) && slot.take().is_some() {
                self.laid_out_count -= 1;
            }
        }
    }

    /// The block whose band (the block and the gap after it) holds content-relative `y`.
    fn block_at_y(&self, y: f32, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        let i = self.offsets[..n].partition_point(|&top| top <= y);
        i.saturating_sub(1).min(n - 1)
    }

    /// The article byte under screen point `pos` (snapped to the nearest paragraph).
    fn hit(&mut self, ts: &mut Typesetter, article: &Article, pos: Pos2, zoom: f32) -> usize {
        let n = article.blocks.len();
        if n == 0 {
            return 0;
        }
        let y = pos.y - self.content_origin.y;
        let i = self.block_at_y(y, n);
        self.ensure_layout(ts, article, i, zoom);
        let block = &article.blocks[i];
        let Some(layout) = &self.layouts[i] else {
            return block.start;
        };
        let indent = Self::indent(block.kind, BASE_SIZE * zoom);
        let x0 = if layout.para.is_rtl() {
            self.column.left()
        } else {
            self.column.left() + indent
        };
        let local_y = y - self.offsets[i];
        if local_y < 0.0 {
            return block.start;
        }
        let h = layout.para.height();
        if local_y >= h {
            return block.end;
        }
        let cursor = layout.para.hit_test(pos.x - x0, local_y);
        (block.start + cursor.byte).min(block.end)
    }
}

/// A rough height for a block not laid out yet: Arabic is about 2 bytes a letter, a letter
/// about half an em wide.
fn estimate_height(bytes: usize, style: &TextStyle, width: f32) -> f32 {
    let chars = bytes as f32 / 1.8;
    let per_line = (width / (style.size * 0.45)).max(1.0);
    let lines = (chars / per_line).ceil().max(1.0);
    lines * style.size * style.line_height
}

/// Show the reader. `article` is the article to show (already chosen in `state.article`).
pub fn reader_ui(
    ui: &mut Ui,
    state: &mut ReaderState,
    ts: &mut Typesetter,
    article: Option<&Article>,
    rcx: &ReaderContext,
) -> Vec<AppCommand> {
    let mut out = Vec::new();
    let Some(article) = article else {
        ui.centered_and_justified(|ui| {
            let r = ui.label(format!(
                "{}\n{}",
                tr(rcx.lang, "No article open"),
                tr(rcx.lang, "Add an article to start reading.")
            ));
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Reader"));
        });
        return out;
    };
    let zoom = rcx.zoom;
    let size = BASE_SIZE * zoom;
    let now = ui.input(|i| i.time);

    // Ctrl+wheel zooms the text while the pointer is over the reader.
    if ui.rect_contains_pointer(ui.max_rect()) {
        let dz = ui.input(|i| i.zoom_delta());
        if (dz - 1.0).abs() > 1e-3 {
            out.push(AppCommand::SetZoom(zoom * dz));
        }
    }

    let avail = ui.available_width();
    // Wide enough: keep a gutter on each side for the floating "Add quote" button.
    let margin = if avail >= 4.0 * ADD_QUOTE_GUTTER {
        ADD_QUOTE_GUTTER
    } else {
        (size * 1.5).min(avail * 0.08)
    };
    let column_width = (avail - 2.0 * margin)
        .clamp(60.0, MEASURE_EM * size)
        .floor();
    state.prepare(article, zoom, column_width);

    let mut scroll = egui::ScrollArea::vertical()
        .id_salt(("reader", article.id))
        .auto_shrink([false, false])
        .scroll_source(
            egui::scroll_area::ScrollSource::SCROLL_BAR
                | egui::scroll_area::ScrollSource::MOUSE_WHEEL,
        );
    if let Some(byte) = state.scroll_to.take() {
        let i = article.block_at(byte).unwrap_or(0);
        // The line that holds `byte`, when its block is laid out, so a match deep in a long
        // paragraph comes into view, not only the paragraph's first line.
        let line_top = state
            .layouts
            .get(i)
            .and_then(Option::as_ref)
            .and_then(|l| {
                let local = byte.saturating_sub(article.blocks.get(i)?.start);
                l.para
                    .lines()
                    .iter()
                    .find(|line| line.clusters.iter().any(|c| c.text_range.contains(&local)))
                    .map(|line| line.top)
            })
            .unwrap_or(0.0);
        let top = state.offsets.get(i).copied().unwrap_or(0.0) + line_top;
        scroll = scroll.vertical_scroll_offset((top - size * 4.0).max(0.0));
    }
    scroll.show_viewport(ui, |ui, viewport| {
        let n = article.blocks.len();
        // Lay out what is in view (twice if heights shifted the view's blocks).
        let mut first = state.block_at_y(viewport.top(), n);
        for _ in 0..2 {
            let mut changed = false;
            let mut i = first;
            while i < n && state.offsets[i] <= viewport.bottom() {
                changed |= state.ensure_layout(ts, article, i, zoom);
                i += 1;
            }
            if !changed {
                break;
            }
            state.recompute_offsets(article, zoom);
            first = state.block_at_y(viewport.top(), n);
        }
        let total = state.offsets.last().copied().unwrap_or(0.0);
        let (rect, response) = ui.allocate_exact_size(
            Vec2::new(ui.available_width(), total),
            Sense::click_and_drag(),
        );
        state.content_origin = rect.min;
        let left = rect.left() + ((rect.width() - column_width) / 2.0).max(0.0);
        state.column =
            Rect::from_min_size(Pos2::new(left, rect.top()), Vec2::new(column_width, total));
        let label = format!("{} – {}", tr(rcx.lang, "Reader"), article.title);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, &label));

        handle_pointer(ui, state, ts, article, &response, zoom, &mut out);

        // Paint the blocks in view.
        let visuals = ui.visuals().clone();
        let sel = state.selected_range();
        let quote_fill = if visuals.dark_mode {
            Color32::from_rgba_unmultiplied(200, 160, 40, 60)
        } else {
            Color32::from_rgba_unmultiplied(255, 200, 60, 80)
        };
        let found_fill = found_fill(visuals.dark_mode);
        let flash_fill = state.flash.as_ref().and_then(|(r, t)| {
            let age = now - t;
            (age < FLASH_SECONDS).then(|| {
                let a = (1.0 - age / FLASH_SECONDS) as f32;
                (
                    r.clone(),
                    Color32::from_rgba_unmultiplied(255, 140, 0, (170.0 * a) as u8),
                )
            })
        });
        if flash_fill.is_some() {
            ui.ctx().request_repaint();
        } else {
            state.flash = None;
        }
        let mut visible = first..first;
        // Where the selection ends: (under its last rect, that line's middle y, RTL paragraph).
        let mut button_anchor: Option<(Pos2, f32, bool)> = None;
        let mut access = TextPublisher::new(ui, response.id);
        let mut i = first;
        while i < n && state.offsets[i] <= viewport.bottom() {
            visible.end = i + 1;
            let block = &article.blocks[i];
            let Some(layout) = &state.layouts[i] else {
                i += 1;
                continue;
            };
            let para = &layout.para;
            let indent = ReaderState::indent(block.kind, size);
            let x0 = if para.is_rtl() { left } else { left + indent };
            let origin = Pos2::new(x0, rect.top() + state.offsets[i]);
            let local = |r: &Range<usize>| -> Option<Range<usize>> {
                let s = r.start.max(block.start);
                let e = r.end.min(block.end);
                (s < e).then(|| s - block.start..e - block.start)
            };
            for (qr, _) in &rcx.quotes {
                if let Some(lr) = local(qr) {
                    paint_rects(ui.painter(), &para.selection_rects(lr), origin, quote_fill);
                }
            }
            for fr in &rcx.found {
                if let Some(lr) = local(fr) {
                    paint_rects(ui.painter(), &para.selection_rects(lr), origin, found_fill);
                }
            }
            if let Some((fr, fill)) = &flash_fill {
                if let Some(lr) = local(fr) {
                    paint_rects(ui.painter(), &para.selection_rects(lr), origin, *fill);
                }
            }
            if let Some(sr) = &sel {
                if let Some(lr) = local(sr) {
                    let rects = para.selection_rects(lr);
                    paint_rects(ui.painter(), &rects, origin, visuals.selection.bg_fill);
                    if sr.end <= block.end {
                        if let Some(last) = rects.iter().max_by(|a, b| a.y1.total_cmp(&b.y1)) {
                            let mid = origin + Vec2::new((last.x0 + last.x1) / 2.0, last.y1);
                            let line_y = origin.y + (last.y0 + last.y1) / 2.0;
                            button_anchor = Some((mid, line_y, layout.para.is_rtl()));
                        }
                    }
                }
            }
            let color = match block.kind {
                BlockKind::Title | BlockKind::Heading(_) => visuals.strong_text_color(),
                _ => visuals.text_color(),
            };
            match block.kind {
                BlockKind::ListItem => {
                    let line = para.lines().first();
                    let y = line.map_or(size, |l| l.baseline - l.ascent * 0.35);
                    let x = if para.is_rtl() {
                        left + column_width - size * 0.6
                    } else {
                        left + size * 0.6
                    };
                    ui.painter()
                        .circle_filled(Pos2::new(x, origin.y + y), size * 0.15, color);
                }
                BlockKind::BlockQuote => {
                    let x = if para.is_rtl() {
                        left + column_width - 2.0
                    } else {
                        left + 2.0
                    };
                    ui.painter().vline(
                        x,
                        origin.y..=origin.y + para.height(),
                        egui::Stroke::new(3.0, visuals.weak_text_color()),
                    );
                }
                _ => {}
            }
            paint_paragraph(ui.painter(), &mut ts.atlas, para, origin, color);
            // Each paragraph in view is a node of the accessibility tree under the document,
            // named by its text, with its language and direction, and its lines as text runs:
            // a screen reader reads the article, and AT-SPI's Text interface on the document
            // gives its text and the selection.
            let prect = Rect::from_min_size(
                Pos2::new(left, origin.y),
                Vec2::new(column_width, para.height()),
            );
            let pid = ui.make_persistent_id(("reader-paragraph", article.id, i));
            let role = match block.kind {
                BlockKind::Title | BlockKind::Heading(_) => egui::accesskit::Role::Heading,
                BlockKind::ListItem => egui::accesskit::Role::ListItem,
                BlockKind::BlockQuote => egui::accesskit::Role::Blockquote,
                _ => egui::accesskit::Role::Paragraph,
            };
            let _ = ui.new_child(
                egui::UiBuilder::new()
                    .scope_id(pid)
                    .max_rect(prect)
                    .accessibility_parent(response.id)
                    .accessibility_role(role),
            );
            let rtl = para.is_rtl();
            ui.ctx().accesskit_node_builder(pid, |b| {
                b.set_label(article.block_text(block));
                b.set_language(article.language.clone());
                b.set_text_direction(if rtl {
                    egui::accesskit::TextDirection::RightToLeft
                } else {
                    egui::accesskit::TextDirection::LeftToRight
                });
                b.set_bounds(egui::accesskit::Rect {
                    x0: prect.min.x.into(),
                    y0: prect.min.y.into(),
                    x1: prect.max.x.into(),
                    y1: prect.max.y.into(),
                });
            });
            let ap = AccessParagraph {
                para,
                origin,
                start: block.start,
                newline_after: true,
            };
            access.paragraph(ui, pid, &ap, Some(&article.language));
            i += 1;
        }
        access.finish(ui, state.selection.map(|s| (s.anchor, s.focus)));
        state.evict_far_layouts(visible);

        // Floating "Add quote" button beside the selection's last line, in the margin at the
        // paragraph's end side (left for RTL) so it hides no text; under the selection when
        // the margin is too narrow.
        if let (Some((under, line_y, rtl)), DragMode::None) = (button_anchor, state.drag) {
            let (pos, pivot) = if rtl && left - rect.left() >= ADD_QUOTE_GUTTER - 4.0 {
                (Pos2::new(left - 8.0, line_y), egui::Align2::RIGHT_CENTER)
            } else if !rtl && rect.right() - (left + column_width) >= ADD_QUOTE_GUTTER - 4.0 {
                (
                    Pos2::new(left + column_width + 8.0, line_y),
                    egui::Align2::LEFT_CENTER,
                )
            } else {
                (under + Vec2::new(0.0, 6.0), egui::Align2::CENTER_TOP)
            };
            if ui.clip_rect().contains(under) {
                let r = egui::Area::new(egui::Id::unique("reader-add-quote"))
                    .order(egui::Order::Foreground)
                    .pivot(pivot)
                    .fixed_pos(pos)
                    .show(ui.ctx(), |ui| {
                        ui.add(egui::Button::new(format!(
                            "+ {}",
                            tr(rcx.lang, "Add quote")
                        )))
                        .on_hover_text("Ctrl+Q / Enter")
                    });
                if r.inner.clicked() {
                    out.push(AppCommand::AddQuote(None));
                }
            }
        }

        response.context_menu(|ui| {
            let has_sel = state.selected_range().is_some();
            ui.add_enabled_ui(has_sel, |ui| {
                if ui.button(tr(rcx.lang, "Add quote")).clicked() {
                    out.push(AppCommand::AddQuote(None));
                    ui.close();
                }
                ui.menu_button(tr(rcx.lang, "Add to agenda item"), |ui| {
                    for (id, title) in &rcx.agenda {
                        if ui.button(title).clicked() {
                            out.push(AppCommand::AddQuote(Some(Slot {
                                item: Some(*id),
                                index: usize::MAX,
                            })));
                            ui.close();
                        }
                    }
                    ui.separator();
                    if ui.button(tr(rcx.lang, "Unfiled")).clicked() {
                        out.push(AppCommand::AddQuote(Some(Slot {
                            item: None,
                            index: usize::MAX,
                        })));
                        ui.close();
                    }
                });
                if ui.button(tr(rcx.lang, "Copy")).clicked() {
                    out.push(AppCommand::CopySelection);
                    ui.close();
                }
                if ui.button(tr(rcx.lang, "Copy with citation")).clicked() {
                    out.push(AppCommand::CopyWithCitation(None));
                    ui.close();
                }
            });
        });
    });
    out
}

/// Selection by mouse: press-drag selects, double-click a word, triple-click a paragraph,
/// Shift+click extends; dragging from inside the selection drags it out as a quote.
fn handle_pointer(
    ui: &Ui,
    state: &mut ReaderState,
    ts: &mut Typesetter,
    article: &Article,
    response: &egui::Response,
    zoom: f32,
    out: &mut Vec<AppCommand>,
) {
    let _ = out;
    let (press_origin, pointer, shift) = ui.input(|i| {
        (
            i.pointer.press_origin(),
            i.pointer.interact_pos(),
            i.modifiers.shift,
        )
    });
    if response.drag_started() {
        let origin = press_origin.or(pointer).unwrap_or(response.rect.min);
        let byte = state.hit(ts, article, origin, zoom);
        let inside_selection = state.selected_range().is_some_and(|r| r.contains(&byte)) && !shift;
        if inside_selection {
            state.drag = DragMode::Move;
            egui::DragAndDrop::set_payload(ui.ctx(), DragPayload::Selection);
        } else {
            state.drag = DragMode::Select;
            let anchor = match (shift, state.selection) {
                (true, Some(s)) => s.anchor,
                _ => byte,
            };
            state.selection = Some(Selection {
                anchor,
                focus: byte,
            });
        }
    }
    if response.dragged() && state.drag == DragMode::Select {
        if let Some(pos) = pointer {
            // Keep selecting past the edges: scroll towards the pointer.
            let clip = ui.clip_rect();
            let edge = 24.0;
            let mut dy = 0.0;
            if pos.y > clip.bottom() - edge {
                dy = -(pos.y - (clip.bottom() - edge)).min(60.0) * 0.5;
            } else if pos.y < clip.top() + edge {
                dy = ((clip.top() + edge) - pos.y).min(60.0) * 0.5;
            }
            if dy != 0.0 {
                ui.scroll_with_delta(Vec2::new(0.0, dy));
                ui.ctx().request_repaint();
            }
            let clamped = Pos2::new(pos.x, pos.y.clamp(clip.top(), clip.bottom()));
            let byte = state.hit(ts, article, clamped, zoom);
            if let Some(s) = &mut state.selection {
                s.focus = byte;
            }
        }
    }
    if response.drag_stopped() {
        state.drag = DragMode::None;
    }
    if response.triple_clicked() {
        if let Some(pos) = pointer {
            let byte = state.hit(ts, article, pos, zoom);
            if let Some(b) = article.block_at(byte).and_then(|i| article.blocks.get(i)) {
                state.selection = Some(Selection {
                    anchor: b.start,
                    focus: b.end,
                });
            }
        }
    } else if response.double_clicked() {
        if let Some(pos) = pointer {
            let byte = state.hit(ts, article, pos, zoom);
            if let Some(i) = article.block_at(byte) {
                state.ensure_layout(ts, article, i, zoom);
                let start = article.blocks[i].start;
                if let Some(l) = &state.layouts[i] {
                    let w = l.para.word_at(byte - start);
                    if w.start < w.end {
                        state.selection = Some(Selection {
                            anchor: start + w.start,
                            focus: start + w.end,
                        });
                    }
                }
            }
        }
    } else if response.clicked() {
        if let Some(pos) = pointer {
            let byte = state.hit(ts, article, pos, zoom);
            state.selection = match (shift, state.selection) {
                (true, Some(s)) => Some(Selection {
                    anchor: s.anchor,
                    focus: byte,
                }),
                _ => None,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_range_is_logical() {
        let s = Selection {
            anchor: 10,
            focus: 3,
        };
        assert_eq!(s.range(), 3..10);
        assert!(!s.is_empty());
    }

    #[test]
    fn estimates_are_positive() {
        let style = TextStyle::default();
        assert!(estimate_height(0, &style, 500.0) > 0.0);
        assert!(estimate_height(5000, &style, 500.0) > estimate_height(500, &style, 500.0));
    }
}
