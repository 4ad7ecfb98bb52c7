//! The text field: one editing widget on the reader's engine (same shaping, bidi, hit tests
//! and painter), single- or multi-line, for every field that holds briefing text.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use egui::{Event, EventFilter, Id, Key, Pos2, Rect, Response, Sense, Stroke, Ui, Vec2};

use super::access_text::{AccessParagraph, TextPublisher};
use crate::editing::{EditBuffer, FieldLayout};
use crate::text::{Align, Paragraph, TextEngine, TextStyle, Weight};
use crate::text_paint::{paint_paragraph, paint_rects, GlyphAtlas};

/// Above this many paragraphs kept from one frame the cache starts over (a bound, never reached
/// by a person's briefing).
const MAX_CACHED: usize = 4000;

/// Shaped paragraphs of the fields, keyed by their text and look: a keystroke reshapes only the
/// paragraph it changed. A paragraph is kept while some field shows it: what no field used
/// during a frame is dropped at the next [`FieldCache::end_frame`], so typing in a long note
/// does not pile up one stale copy of the note per keystroke.
#[derive(Default)]
pub struct FieldCache {
    /// Used (taken or put back) during this frame.
    current: HashMap<u64, Paragraph>,
    /// Kept from the previous frame, not yet used in this one.
    previous: HashMap<u64, Paragraph>,
}
fn key(text: &str, default_rtl: bool, style: &TextStyle, width: f32) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    default_rtl.hash(&mut h);
    style.size.to_bits().hash(&mut h);
    (style.weight == Weight::Bold).hash(&mut h);
    width.to_bits().hash(&mut h);
    h.finish()
}

impl FieldCache {
    /// The layout of `text`, reusing every paragraph already shaped at this look and width.
    /// Hand it back with [`FieldCache::put_back`] after painting.
    pub fn layout(
        &mut self,
        engine: &mut TextEngine,
        text: &str,
        style: &TextStyle,
        width: f32,
        default_rtl: bool,
    ) -> (FieldLayout, Vec<u64>) {
        let mut paras = Vec::new();
        let mut keys = Vec::new();
        for piece in text.split('\n') {
            let k = key(piece, default_rtl, style, width);
            let para = self.take(k).unwrap_or_else(|| {
                let dir = crate::editing::field_paragraph_direction(piece, default_rtl);
                engine.shape_and_layout(piece, style, dir, width, crate::text::Align::Start)
            });
            paras.push(para);
            keys.push(k);
        }
        (FieldLayout::from_paragraphs(paras, width), keys)
    }

    /// The layout of `text`, an edit of `old` (this field's layout of a moment ago, with its
    /// keys): unchanged paragraphs are reused, and a changed one is reshaped only around the
    /// change, from the old paragraph in its place ([`TextEngine::reshape_edit`]).
    #[allow(clippy::too_many_arguments)]
    pub fn relayout(
        &mut self,
        engine: &mut TextEngine,
        old: FieldLayout,
        old_keys: &[u64],
        text: &str,
        style: &TextStyle,
        width: f32,
        default_rtl: bool,
    ) -> (FieldLayout, Vec<u64>) {
        self.put_back(old, old_keys.to_vec());
        let pieces: Vec<&str> = text.split('\n').collect();
        let (n_old, n_new) = (old_keys.len(), pieces.len());
        let mut paras = Vec::with_capacity(n_new);
        let mut keys = Vec::with_capacity(n_new);
        for (i, piece) in pieces.iter().enumerate() {
            let k = key(piece, default_rtl, style, width);
            let para = self.take(k).unwrap_or_else(|| {
                let dir = crate::editing::field_paragraph_direction(piece, default_rtl);
                // The old paragraph in this place: the same index when no paragraph was added
                // or removed, else the nearest one (splicing falls back to shaping whole when
                // the two share too little).
                let base = old_keys
                    .get(if n_old == n_new {
                        i
                    } else {
                        i.min(n_old.saturating_sub(1))
                    })
                    .and_then(|bk| self.current.get(bk));
                match base {
                    Some(base) => engine.reshape_edit(base, piece, style, dir, width, Align::Start),
                    None => engine.shape_and_layout(piece, style, dir, width, Align::Start),
                }
            });
            paras.push(para);
            keys.push(k);
        }
        (FieldLayout::from_paragraphs(paras, width), keys)
    }

    /// The paragraph cached under `k`, this frame's or the last.
    fn take(&mut self, k: u64) -> Option<Paragraph> {
        self.current.remove(&k).or_else(|| self.previous.remove(&k))
    }

    /// Keep a layout's paragraphs for the next frame.
    pub fn put_back(&mut self, layout: FieldLayout, keys: Vec<u64>) {
        if self.current.len() > MAX_CACHED {
            self.current.clear();
        }
        for (k, p) in keys.into_iter().zip(layout.into_paragraphs()) {
            self.current.insert(k, p);
        }
    }

    /// The frame is over: drop what no field used during it.
    pub fn end_frame(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }

    /// Paragraphs held (this frame's and the last).
    pub fn len(&self) -> usize {
        self.current.len() + self.previous.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What a field is and holds this frame.
pub struct TextField<'a> {
    /// Its id (focus and state are kept under it).
    pub id: Id,
    /// The value in the briefing.
    pub text: &'a str,
    /// Accessible name ("Title", "Agenda item 2 notes").
    pub name: &'a str,
    /// Shown, dimmed, while the field is empty.
    pub hint: &'a str,
    /// Enter starts a new paragraph (else it leaves the field).
    pub multiline: bool,
    /// Rows shown at least (multi-line fields).
    pub rows: usize,
    /// Font size in points.
    pub size: f32,
    /// Bold face.
    pub bold: bool,
    /// Direction of a paragraph without letters (the briefing's language).
    pub default_rtl: bool,
}

impl<'a> TextField<'a> {
    /// A single-line field of body size.
    pub fn new(id: Id, text: &'a str, name: &'a str) -> TextField<'a> {
        TextField {
            id,
            text,
            name,
            hint: "",
            multiline: false,
            rows: 1,
            size: 14.0,
            bold: false,
            default_rtl: false,
        }
    }

    /// With a hint shown while empty.
    pub fn hint(self, hint: &'a str) -> Self {
        TextField { hint, ..self }
    }

    /// Multi-line, at least `rows` tall.
    pub fn multiline(self, rows: usize) -> Self {
        TextField {
            multiline: true,
            rows: rows.max(1),
            ..self
        }
    }

    /// At this size and weight.
    pub fn look(self, size: f32, bold: bool) -> Self {
        TextField { size, bold, ..self }
    }

    /// Empty paragraphs right-to-left (`true`) or left-to-right.
    pub fn default_rtl(self, default_rtl: bool) -> Self {
        TextField {
            default_rtl,
            ..self
        }
    }
}

/// What the field did this frame.
pub struct FieldOutput {
    /// The field's response (focus, hover, accessibility).
    pub response: Response,
    /// The new value, when the person changed it.
    pub changed: Option<String>,
    /// Ctrl+Z (`Some(false)`) or Ctrl+Shift+Z / Ctrl+Y (`Some(true)`) pressed in the field:
    /// the briefing's undo/redo.
    pub undo: Option<bool>,
}

/// Between-frame state of a field.
#[derive(Clone, Default)]
struct FieldState {
    buf: EditBuffer,
    /// Text being composed by an input method, shown underlined at the caret.
    preedit: String,
    /// A drag selection is under way.
    dragging: bool,
    /// The field had the keyboard focus last frame.
    had_focus: bool,
}

impl TextField<'_> {
    /// Show the field and handle its input.
    pub fn show(
        self,
        ui: &mut Ui,
        engine: &mut TextEngine,
        atlas: &mut GlyphAtlas,
        cache: &mut FieldCache,
    ) -> FieldOutput {
        let id = self.id;
        let mut state: FieldState = ui
            .data_mut(|d| d.get_temp(id))
            .unwrap_or_else(|| FieldState {
                buf: EditBuffer::new(self.text),
                ..FieldState::default()
            });
        state.buf.set_text(self.text);
        let style = TextStyle {
            size: self.size,
            weight: if self.bold {
                Weight::Bold
            } else {
                Weight::Regular
            },
            italic: false,
            line_height: 1.5,
        };
        let margin = ui.spacing().button_padding + Vec2::new(2.0, 1.0);
        let width = ui.available_width().max(40.0).floor();
        let inner_w = (width - 2.0 * margin.x).max(20.0);
        let line_h = self.size * 1.5;
        let (layout, mut keys) =
            cache.layout(engine, state.buf.text(), &style, inner_w, self.default_rtl);
        let text_h = layout.height().max(line_h * self.rows as f32);
        let h = (text_h + 2.0 * margin.y).max(ui.spacing().interact_size.y);
        let (rect, _) = ui.allocate_exact_size(Vec2::new(width, h), Sense::hover());
        let response = ui.interact(rect, id, Sense::click_and_drag());
        let origin = rect.min + margin;
        let to_local = |p: Pos2| (p.x - origin.x, p.y - origin.y);

        let mut changed = false;
        let mut undo = None;
        let mut layout = layout;

        // Pointer: press places the caret (Shift extends), drag selects, double-click selects
        // a word, triple-click a paragraph.
        let (pressed, down, pos, shift) = ui.input(|i| {
            (
                i.pointer.primary_pressed(),
                i.pointer.primary_down(),
                i.pointer.interact_pos(),
                i.modifiers.shift,
            )
        });
        if pressed && response.hovered() {
            if let Some(p) = pos {
                let (x, y) = to_local(p);
                state.buf.set_cursor(layout.hit_test(x, y), shift);
                state.dragging = true;
            }
            response.request_focus();
        }
        if state.dragging {
            if down {
                if let Some(p) = pos {
                    let (x, y) = to_local(p);
                    state.buf.set_cursor(layout.hit_test(x, y), true);
                }
            } else {
                state.dragging = false;
            }
        }
        if response.triple_clicked() {
            let r = state.buf.paragraph_at(state.buf.focus().byte);
            state.buf.select(r);
        } else if response.double_clicked() {
            let c = state.buf.focus().byte;
            if let Some(lp) = layout.paragraphs().iter().rev().find(|lp| lp.start <= c) {
                let w = lp.para.word_at(c - lp.start);
                state.buf.select(lp.start + w.start..lp.start + w.end);
            }
        }

        let focused = ui.memory(|m| m.has_focus(id));
        if focused {
            let filter = EventFilter {
                tab: false,
                horizontal_arrows: true,
                vertical_arrows: true,
                escape: false,
            };
            ui.memory_mut(|m| m.set_focus_lock_filter(id, filter));
            let gained = !state.had_focus;
            if gained {
                // A field reached by Tab, or a new agenda item's title, comes into view.
                response.scroll_to_me(None);
            }
            if gained && !pressed && !state.dragging {
                // Reached by Tab: caret at the end, as in a browser.
                let end = state.buf.text().len();
                state.buf.select(end..end);
            }
            let events = ui.input(|i| i.filtered_events(&filter));
            for event in events {
                let edited = match event {
                    Event::Text(t) => state.buf.insert(&t, self.multiline),
                    Event::Paste(t) => state.buf.insert(&t, self.multiline),
                    Event::Copy => {
                        if !state.buf.selection().is_empty() {
                            ui.ctx().copy_text(state.buf.selected_text().to_owned());
                        }
                        false
                    }
                    Event::Cut => {
                        if state.buf.selection().is_empty() {
                            false
                        } else {
                            ui.ctx().copy_text(state.buf.selected_text().to_owned());
                            state.buf.insert("", self.multiline)
                        }
                    }
                    Event::Ime(egui::ImeEvent::Preedit { text, .. }) => {
                        state.preedit = text;
                        false
                    }
                    Event::Ime(egui::ImeEvent::Commit(t)) => {
                        state.preedit.clear();
                        state.buf.insert(&t, self.multiline)
                    }
                    Event::Key {
                        key,
                        pressed: true,
                        modifiers,
                        ..
                    } => {
                        let (e, u) = key_ui(
                            ui,
                            &mut state.buf,
                            &layout,
                            key,
                            modifiers,
                            self.multiline,
                            id,
                        );
                        if u.is_some() {
                            undo = u;
                        }
                        e
                    }
                    _ => false,
                };
                if edited {
                    changed = true;
                    // Later events of this frame move over the new text.
                    let (l, k) = cache.relayout(
                        engine,
                        layout,
                        &keys,
                        state.buf.text(),
                        &style,
                        inner_w,
                        self.default_rtl,
                    );
                    layout = l;
                    keys = k;
                }
            }
        } else {
            state.preedit.clear();
        }
        state.had_focus = focused;

        // Paint.
        if ui.is_rect_visible(rect) {
            let painter = ui.painter_at(rect.expand(1.0));
            let visuals = ui.visuals();
            let stroke = if focused {
                visuals.selection.stroke
            } else if response.hovered() {
                visuals.widgets.hovered.bg_stroke
            } else {
                // A faint frame, so an empty field is seen as a place to write.
                visuals.widgets.noninteractive.bg_stroke
            };
            painter.rect(
                rect,
                visuals.widgets.inactive.corner_radius,
                visuals.extreme_bg_color,
                stroke,
                egui::StrokeKind::Inside,
            );
            let text_color = visuals.text_color();
            let sel = state.buf.selection();
            if !sel.is_empty() {
                let fill = if focused {
                    visuals.selection.bg_fill
                } else {
                    visuals.selection.bg_fill.gamma_multiply(0.5)
                };
                paint_rects(&painter, &layout.selection_rects(sel), origin, fill);
            }
            if state.buf.text().is_empty() && state.preedit.is_empty() && !self.hint.is_empty() {
                let hint_rtl = self.default_rtl;
                let (hl, hk) = cache.layout(engine, self.hint, &style, inner_w, hint_rtl);
                for lp in hl.paragraphs() {
                    let o = origin + Vec2::new(0.0, lp.top);
                    paint_paragraph(&painter, atlas, &lp.para, o, visuals.weak_text_color());
                }
                cache.put_back(hl, hk);
            }
            if state.preedit.is_empty() {
                for lp in layout.paragraphs() {
                    let o = origin + Vec2::new(0.0, lp.top);
                    paint_paragraph(&painter, atlas, &lp.para, o, text_color);
                }
            } else {
                // The composition is shaped in place, so it joins its neighbours.
                let at = state.buf.selection().start;
                let mut shown = state.buf.text().to_owned();
                shown.replace_range(state.buf.selection(), &state.preedit);
                let composed = FieldLayout::new(engine, &shown, &style, inner_w, self.default_rtl);
                for lp in composed.paragraphs() {
                    let o = origin + Vec2::new(0.0, lp.top);
                    paint_paragraph(&painter, atlas, &lp.para, o, text_color);
                }
                for r in composed.selection_rects(at..at + state.preedit.len()) {
                    let y = origin.y + r.y1 - 2.0;
                    painter.hline(
                        origin.x + r.x0..=origin.x + r.x1,
                        y,
                        Stroke::new(1.0, text_color),
                    );
                }
            }
            if focused {
                let c = layout.caret_rect(state.buf.focus());
                let top = origin + Vec2::new(c.x0, c.y0);
                let caret = Rect::from_min_max(top, top + Vec2::new(0.0, c.y1 - c.y0));
                painter.line_segment(
                    [caret.min, caret.max],
                    Stroke::new(1.5, visuals.text_cursor.stroke.color),
                );
                let to_global = ui
                    .ctx()
                    .layer_transform_to_global(ui.layer_id())
                    .unwrap_or_default();
                ui.output_mut(|o| {
                    o.ime = Some(egui::output::IMEOutput {
                        purpose: egui::IMEPurpose::Normal,
                        rect: to_global * rect,
                        cursor_rect: to_global * caret.expand2(Vec2::new(1.0, 0.0)),
                        should_interrupt_composition: false,
                    });
                });
            }
        }
        let name = self.name.to_owned();
        let value = state.buf.text().to_owned();
        let hint = self.hint.to_owned();
        let multiline = self.multiline;
        response.widget_info(|| {
            let mut info = egui::WidgetInfo::text_edit(true, value.clone(), value.clone(), &hint);
            info.label = Some(name.clone());
            info
        });
        ui.ctx().accesskit_node_builder(id, |b| {
            b.set_role(if multiline {
                egui::accesskit::Role::MultilineTextInput
            } else {
                egui::accesskit::Role::TextInput
            });
            b.set_label(name);
            b.set_value(value);
        });
        // The value as text runs too, with the caret and selection: what AT-SPI's Text
        // interface reads.
        let mut text = TextPublisher::new(ui, id);
        let n = layout.paragraphs().len();
        for (k, lp) in layout.paragraphs().iter().enumerate() {
            let ap = AccessParagraph {
                para: &lp.para,
                origin: origin + Vec2::new(0.0, lp.top),
                start: lp.start,
                newline_after: k + 1 < n,
            };
            text.paragraph(ui, id, &ap, None);
        }
        let (anchor, focus) = (state.buf.anchor().byte, state.buf.focus().byte);
        text.finish(ui, focused.then_some((anchor, focus)));
        cache.put_back(layout, keys);
        let out_text = changed.then(|| state.buf.text().to_owned());
        ui.data_mut(|d| d.insert_temp(id, state));
        let response = response.on_hover_cursor(egui::CursorIcon::Text);
        FieldOutput {
            response,
            changed: out_text,
            undo,
        }
    }
}

/// One key press in a focused field; returns whether the text changed and any undo request.
fn key_ui(
    ui: &Ui,
    buf: &mut EditBuffer,
    layout: &FieldLayout,
    key: Key,
    m: egui::Modifiers,
    multiline: bool,
    id: Id,
) -> (bool, Option<bool>) {
    let cmd = m.command;
    let shift = m.shift;
    let focus = buf.focus();
    let rtl = layout.is_rtl_at(focus.byte);
    let mut vertical = false;
    let edited = match key {
        Key::ArrowLeft | Key::ArrowRight => {
            let right = key == Key::ArrowRight;
            let sel = buf.selection();
            if !shift && !sel.is_empty() && !cmd {
                // Collapse to the selection's edge on that side (its reading-order end for
                // Right in English, start in Arabic).
                let to_end = right != rtl;
                let b = if to_end { sel.end } else { sel.start };
                buf.select(b..b);
            } else {
                let c = if cmd {
                    buf.word_step(right != rtl)
                } else {
                    layout.move_visual(focus, right)
                };
                buf.set_cursor(c, shift);
            }
            false
        }
        Key::ArrowUp | Key::ArrowDown => {
            vertical = true;
            let x = buf
                .preferred_x
                .unwrap_or_else(|| layout.caret_rect(focus).x0);
            let target = layout.move_vertical(focus, key == Key::ArrowDown, x);
            let c = target.unwrap_or_else(|| {
                if key == Key::ArrowDown {
                    layout.line_boundary(focus, true)
                } else {
                    layout.line_boundary(focus, false)
                }
            });
            buf.set_cursor(c, shift);
            buf.preferred_x = Some(x);
            false
        }
        Key::Home | Key::End => {
            let end = key == Key::End;
            let c = if cmd {
                let b = if end { buf.text().len() } else { 0 };
                crate::text::TextCursor {
                    byte: b,
                    affinity: if end {
                        crate::text::Affinity::Upstream
                    } else {
                        crate::text::Affinity::Downstream
                    },
                }
            } else {
                layout.line_boundary(focus, end)
            };
            buf.set_cursor(c, shift);
            false
        }
        Key::Backspace => buf.backspace(cmd || m.alt),
        Key::Delete => buf.delete_forward(cmd || m.alt),
        Key::Enter if multiline => buf.insert("\n", true),
        Key::Enter => {
            ui.memory_mut(|mem| mem.surrender_focus(id));
            false
        }
        Key::A if cmd => {
            buf.select_all();
            false
        }
        Key::Z if cmd => return (false, Some(shift)),
        Key::Y if cmd => return (false, Some(true)),
        _ => false,
    };
    if !vertical {
        buf.preferred_x = None;
    }
    (edited, None)
}
